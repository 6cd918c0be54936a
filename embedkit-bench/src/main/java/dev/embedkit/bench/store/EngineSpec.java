package dev.embedkit.bench.store;

import dev.embedkit.store.Quantization;
import java.util.List;

/**
 * One Java engine run, handed to its child JVM as JSON.
 *
 * @param label row name
 * @param engine "collection" or "lucene"
 * @param quantization vector storage in the graph
 * @param m graph neighbours per node
 * @param beamWidth candidates while building
 * @param vectors the .fvecs file to index
 * @param dims their dimensions
 * @param queries the .fvecs file of queries
 * @param truth the .ivecs ground truth
 * @param indexDir where the index goes (emptied first)
 * @param k neighbours per query
 * @param efs the ef sweep
 * @param threads thread counts timed at each ef
 * @param seconds timed seconds per ef and thread count
 * @param exactQueries queries timed through the exact search
 * @param result where the child writes its {@link StoreResults.EngineResult}
 */
record EngineSpec(String label, String engine, Quantization quantization, int m, int beamWidth, String vectors,
    int dims, String queries, String truth, String indexDir, int k, List<Integer> efs, List<Integer> threads,
    double seconds, int exactQueries, String result) {}
