package dev.embedkit.explore.cluster;

/** STUB: the clustering helper implements this (see the task). */
public final class Hdbscan {
  private Hdbscan() {}

  public static Clusters cluster(float[][] points, HdbscanOptions options) {
    throw new UnsupportedOperationException("stub");
  }
}
