package dev.embedkit.bench.store;

import java.util.List;

/**
 * What the store benchmark measured, as {@code --json} writes it. The node peer writes the same {@link EngineResult}
 * shape. Times in seconds unless named otherwise, latencies in milliseconds, memory in KiB.
 */
record StoreResults(Setup setup, List<EngineResult> engines) {

  /**
   * @param command the command as typed
   * @param date when it ran
   * @param cpu CPU model
   * @param cores processors
   * @param memory total memory
   * @param jdk the JVM of the Java engines
   * @param node the node binary's version (empty when the peer did not run)
   * @param peer the peer's package and version
   * @param loadBefore load average before
   * @param loadAfter load average after
   * @param vectors how the indexed vectors were made
   * @param n vectors indexed
   * @param dims their dimensions
   * @param queries queries
   * @param k neighbours per query (recall@k)
   * @param groundTruthSeconds the brute-force ground truth's time
   */
  record Setup(String command, String date, String cpu, int cores, String memory, String jdk, String node, String peer,
      String loadBefore, String loadAfter, String vectors, int n, int dims, int queries, int k,
      double groundTruthSeconds) {}

  /**
   * One engine and setting.
   *
   * @param label its row name
   * @param runtime what ran it (the JVM and its version, or node's)
   * @param engine "collection" (embedkit's LuceneCollection), "lucene" (Lucene alone) or "hnswlib"
   * @param quantization NONE, INT7 or INT4 (hnswlib: NONE)
   * @param m graph neighbours per node
   * @param beamWidth candidates while building (hnswlib's ef_construction)
   * @param buildThreads threads adding vectors
   * @param ingestSeconds adding every vector until durable/searchable
   * @param ingestCpuSeconds the process's CPU time over that
   * @param compactSeconds merging to one segment (0 where there is nothing to merge)
   * @param compactCpuSeconds its CPU time
   * @param segmentsBeforeCompact segments after ingest
   * @param diskBytes index files on disk after compaction
   * @param heapUsedKib Java heap in use after a full GC at the end (0 for node: see rssKib)
   * @param rssKib resident set at the end (after every search)
   * @param rssAnonKib of which anonymous memory (heaps, native buffers)
   * @param rssFileKib of which mapped files (the index's pages in the page cache that the process maps)
   * @param peakRssKib peak resident set of the process
   * @param sweep one point per ef
   * @param exact the exact (brute-force) search through the same engine
   */
  record EngineResult(String label, String runtime, String engine, String quantization, int m, int beamWidth,
      int buildThreads,
      double ingestSeconds, double ingestCpuSeconds, double compactSeconds, double compactCpuSeconds,
      int segmentsBeforeCompact, long diskBytes, long heapUsedKib, long rssKib, long rssAnonKib, long rssFileKib,
      long peakRssKib, List<SweepPoint> sweep, Timing exact) {

    double vectorsPerSecond(int n) {
      return n / ingestSeconds;
    }
  }

  /**
   * @param ef candidates kept by the graph search
   * @param recall mean recall@k against the exact ground truth, over all queries
   * @param timings one per thread count
   */
  record SweepPoint(int ef, double recall, List<Timing> timings) {
    Timing timing(int threads) {
      return timings.stream().filter(t -> t.threads() == threads).findFirst().orElse(null);
    }
  }

  /**
   * Queries run back to back for a fixed time.
   *
   * @param threads concurrent searching threads
   * @param queries queries answered
   * @param seconds wall time
   * @param qps queries per second
   * @param p50Ms median latency
   * @param p99Ms 99th percentile (nearest rank)
   * @param recall mean recall@k of these queries where measured (exact search), else null
   */
  record Timing(int threads, long queries, double seconds, double qps, double p50Ms, double p99Ms, Double recall) {}
}
