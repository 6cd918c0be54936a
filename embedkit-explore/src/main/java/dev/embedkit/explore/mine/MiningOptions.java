package dev.embedkit.explore.mine;

/** STUB: the clustering helper implements this (see the task). */
public record MiningOptions(int queryChunkSize, int corpusChunkSize, int maxPairs, int topK, double threshold) {
  public static final MiningOptions DEFAULTS = new MiningOptions(5000, 100000, 500000, 100, Double.NEGATIVE_INFINITY);
}
