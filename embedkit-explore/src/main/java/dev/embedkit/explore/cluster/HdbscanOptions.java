package dev.embedkit.explore.cluster;

/**
 * HDBSCAN's two parameters.
 *
 * @param minClusterSize the smallest group that counts as a cluster: smaller groups splitting off a cluster are its
 *     points falling out, not a new cluster; at least 2
 * @param minSamples how many neighbours (not counting the point itself) set a point's core distance, the hdbscan
 *     library's min_samples; larger values call more points noise; at least 1
 */
public record HdbscanOptions(int minClusterSize, int minSamples) {
  /**
   * 10 suits maps of a few hundred to 100,000 texts: small enough that a topic of a dozen texts shows as its own
   * cluster, large enough that a handful of near-duplicates does not (the hdbscan library's 5 splits maps into many
   * tiny islands, BERTopic raises it to 10 for the same reason).
   */
  public static final int DEFAULT_MIN_CLUSTER_SIZE = 10;

  public static final HdbscanOptions DEFAULT = of(DEFAULT_MIN_CLUSTER_SIZE);

  public HdbscanOptions {
    if (minClusterSize < 2) {
      throw new IllegalArgumentException("minClusterSize must be at least 2; minClusterSize=" + minClusterSize);
    }
    if (minSamples < 1) {
      throw new IllegalArgumentException("minSamples must be at least 1; minSamples=" + minSamples);
    }
  }

  /** minSamples = minClusterSize, as the hdbscan library does when min_samples is not given. */
  public static HdbscanOptions of(int minClusterSize) {
    return new HdbscanOptions(minClusterSize, minClusterSize);
  }
}
