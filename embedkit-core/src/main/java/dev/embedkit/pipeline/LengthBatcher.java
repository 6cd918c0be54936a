package dev.embedkit.pipeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Groups inputs into batches of similar length so padding wastes little work: inputs are sorted longest first and
 * cut into batches of at most {@code maxBatchSize} inputs whose padded size (inputs x longest) stays within
 * {@code tokenBudget}. A single input longer than the budget gets a batch of its own.
 */
public final class LengthBatcher {
  private LengthBatcher() {}

  /** Batches as arrays of input indices. */
  public static List<int[]> plan(int[] lengths, int maxBatchSize, int tokenBudget) {
    if (maxBatchSize <= 0) {
      throw new IllegalArgumentException("maxBatchSize must be positive; maxBatchSize=" + maxBatchSize);
    }
    if (tokenBudget <= 0) {
      throw new IllegalArgumentException("tokenBudget must be positive; tokenBudget=" + tokenBudget);
    }
    Integer[] order = IntStream.range(0, lengths.length).boxed().toArray(Integer[]::new);
    java.util.Arrays.sort(order, Comparator.<Integer>comparingInt(i -> lengths[i]).reversed().thenComparingInt(i -> i));
    List<int[]> batches = new ArrayList<>();
    List<Integer> current = new ArrayList<>();
    int longest = 0;
    for (int index : order) {
      int padded = Math.max(longest, lengths[index]);
      if (!current.isEmpty() && (current.size() >= maxBatchSize || (long) (current.size() + 1) * padded > tokenBudget)) {
        batches.add(current.stream().mapToInt(Integer::intValue).toArray());
        current.clear();
        padded = lengths[index];
      }
      current.add(index);
      longest = padded;
    }
    if (!current.isEmpty()) {
      batches.add(current.stream().mapToInt(Integer::intValue).toArray());
    }
    return batches;
  }
}
