package dev.embedkit.bench.explore;

import java.util.Map;

/**
 * One row of the report: an engine's run of one method on N points. The child JVMs write it as JSON; the peers'
 * rows are built from what their scripts write.
 *
 * @param engine "embedkit" or the peer's library and version
 * @param method pca, knn, umap, hdbscan, tsne or mine
 * @param n points
 * @param status {@link #OK}, {@link #FAILED}, {@link #TIMED_OUT} or {@link #NOT_RUN}
 * @param detail why a run failed or was not run; the library's settings when it ran
 * @param seconds wall time of the method (the kNN graph included for UMAP and t-SNE); reading the points, writing
 *     the output and the process's start not included
 * @param cpuSeconds the process's CPU time over the same span, all threads
 * @param peakRssKib the process's peak resident set (VmHWM / ru_maxrss) at its end: the points it read included;
 *     for a run that timed out, the peak read just before it was stopped; -1 when unknown
 * @param peakHeapKib Java only: the heap's largest use just before a collection or at the end ({@link HeapPeak});
 *     -1 elsewhere
 * @param output the map (n x 2) or kNN graph (n x k) the run wrote, for the quality figures; null when none
 * @param facts what a run that produces no map reports (clusters, noise, pairs), for the report's notes column
 * @param versions the versions of what ran (library, runtime)
 */
record ExploreResult(String engine, String method, int n, String status, String detail, double seconds,
    double cpuSeconds, long peakRssKib, long peakHeapKib, String output, Map<String, String> facts,
    Map<String, String> versions) {
  static final String OK = "ok";
  static final String FAILED = "failed";
  static final String TIMED_OUT = "timed out";
  static final String NOT_RUN = "not run";

  static ExploreResult notRun(String engine, String method, int n, String status, String detail, long peakRssKib) {
    return new ExploreResult(engine, method, n, status, detail, Double.NaN, Double.NaN, peakRssKib, -1, null,
        Map.of(), Map.of());
  }

  boolean ok() {
    return OK.equals(status);
  }
}
