package dev.embedkit.explore.cluster;

/** STUB: the clustering helper implements this (see the task). */
public final class KMeansClustering {
  private KMeansClustering() {}

  public static Clusters fixed(float[][] vectors, int k, long seed) {
    throw new UnsupportedOperationException("stub");
  }

  public static Clusters auto(float[][] vectors, int maxK, long seed) {
    throw new UnsupportedOperationException("stub");
  }
}
