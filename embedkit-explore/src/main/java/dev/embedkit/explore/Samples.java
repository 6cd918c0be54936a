package dev.embedkit.explore;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Seeded samples of indices, for the maps' point limit and the clusterings' fitting and scoring samples. */
public final class Samples {
  private Samples() {}

  /** Indices of a seeded uniform sample of {@code limit} of {@code n} points, ascending; all when n <= limit. */
  public static int[] indices(int n, int limit, long seed) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    if (n <= limit) {
      return all;
    }
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < limit; i++) { // a partial Fisher-Yates shuffle
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] kept = Arrays.copyOf(all, limit);
    Arrays.sort(kept);
    return kept;
  }
}
