package dev.embedkit.explore.cluster;

import java.util.List;

/** STUB: the clustering helper implements this (see the task). */
public final class CommunityDetection {
  private CommunityDetection() {}

  public static List<int[]> detect(float[][] unit, double threshold, int minCommunitySize) {
    throw new UnsupportedOperationException("stub");
  }

  public static Clusters asClusters(int n, List<int[]> communities) {
    throw new UnsupportedOperationException("stub");
  }
}
