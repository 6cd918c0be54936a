package dev.embedkit.explore.mine;

import java.util.List;

/** STUB: the clustering helper implements this (see the task). */
public final class NearDuplicates {
  public static final double DEFAULT_THRESHOLD = 0.95;

  private NearDuplicates() {}

  public static List<DuplicateGroup> find(float[][] unit, double threshold, int topK) {
    throw new UnsupportedOperationException("stub");
  }
}
