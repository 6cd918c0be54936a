package dev.embedkit.eval.metrics;

import java.util.Arrays;
import java.util.Comparator;

/** Ranks of values, 1-based, with tied values sharing the average of their ranks (scipy.stats.rankdata "average"). */
public final class Ranks {
  private Ranks() {}

  /**
   * <pre>{@code
   * Ranks.average(new double[] {10, 20, 20, 5}) // [2.0, 3.5, 3.5, 1.0]
   * }</pre>
   */
  public static double[] average(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
    double[] ranks = new double[values.length];
    int start = 0;
    while (start < order.length) {
      int end = start;
      while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
        end++;
      }
      double rank = (start + end) / 2.0 + 1.0; // mean of the 1-based ranks start+1 .. end+1
      for (int i = start; i <= end; i++) {
        ranks[order[i]] = rank;
      }
      start = end + 1;
    }
    return ranks;
  }
}
