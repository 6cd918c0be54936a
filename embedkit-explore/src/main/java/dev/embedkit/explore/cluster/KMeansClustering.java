package dev.embedkit.explore.cluster;

/** STUB: the clustering helper implements this (see the task). */
public final class KMeansClustering {
  private KMeansClustering() {}
}
