package dev.embedkit.bench.store;

/** Recall@k: the share of the exact top k that a search returned, in any order. */
final class Recall {
  private Recall() {}

  static double of(int[] found, int[] truth, int k) {
    int hits = 0;
    for (int i = 0; i < k && i < truth.length; i++) {
      for (int j = 0; j < k && j < found.length; j++) {
        if (found[j] == truth[i]) {
          hits++;
          break;
        }
      }
    }
    return (double) hits / k;
  }
}
