package dev.embedkit.explore.cluster;

import java.util.List;
import java.util.Map;

/** STUB: the clustering helper implements this (see the task). */
public final class CentralMembers {
  private CentralMembers() {}

  public static Map<Integer, List<Integer>> of(float[][] unit, int[] labels, int count) {
    throw new UnsupportedOperationException("stub");
  }
}
