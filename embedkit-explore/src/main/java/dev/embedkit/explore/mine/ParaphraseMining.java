package dev.embedkit.explore.mine;

import java.util.List;

/** STUB: the clustering helper implements this (see the task). */
public final class ParaphraseMining {
  private ParaphraseMining() {}

  public static List<ScoredPair> mine(float[][] unit, MiningOptions options) {
    throw new UnsupportedOperationException("stub");
  }
}
