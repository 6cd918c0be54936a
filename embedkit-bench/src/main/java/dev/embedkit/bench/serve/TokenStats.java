package dev.embedkit.bench.serve;

import java.util.Arrays;

/**
 * Token counts of a set of texts as the model's tokenizer reads them (special tokens included).
 *
 * @param min fewest tokens in a text
 * @param mean mean tokens per text
 * @param max most tokens in a text
 */
record TokenStats(int min, double mean, int max) {
  static TokenStats of(int[] counts) {
    return new TokenStats(Arrays.stream(counts).min().orElse(0), Arrays.stream(counts).average().orElse(0),
        Arrays.stream(counts).max().orElse(0));
  }

  @Override
  public String toString() {
    return String.format("%d-%d tokens, %.1f on average", min, max, mean);
  }
}
