package dev.embedkit.explore.cluster;

import java.util.HashMap;
import java.util.Map;

/**
 * The adjusted Rand index of Hubert and Arabie (1985), computed as scikit-learn's {@code adjusted_rand_score}: from
 * the pair confusion matrix, 1.0 for identical partitions (whatever the label values), about 0 for independent ones,
 * negative when worse than chance. Every label value is just a label: {@link Clusters#NOISE} counts as one more
 * cluster, so drop noise points first when they should not count.
 *
 * <pre>{@code
 * double ari = AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {5, 5, 2, 2}); // 1.0
 * }</pre>
 */
public final class AdjustedRandIndex {
  private AdjustedRandIndex() {}

  public static double of(int[] truth, int[] predicted) {
    if (truth.length != predicted.length) {
      throw new IllegalArgumentException("label arrays differ in length: " + truth.length + " != " + predicted.length);
    }
    long n = truth.length;
    Map<Long, Long> cells = new HashMap<>();
    Map<Integer, Long> rows = new HashMap<>();
    Map<Integer, Long> columns = new HashMap<>();
    for (int i = 0; i < truth.length; i++) {
      cells.merge(((long) truth[i] << 32) | (predicted[i] & 0xffffffffL), 1L, Long::sum);
      rows.merge(truth[i], 1L, Long::sum);
      columns.merge(predicted[i], 1L, Long::sum);
    }
    // Pair counts as sklearn's pair_confusion_matrix (each unordered pair counted twice); doubles because
    // n^2 overflows a long's headroom once squared in the formula below.
    double sumSquares = 0;
    for (long c : cells.values()) {
      sumSquares += (double) c * c;
    }
    double rowSquares = 0;
    for (long c : rows.values()) {
      rowSquares += (double) c * c;
    }
    double columnSquares = 0;
    for (long c : columns.values()) {
      columnSquares += (double) c * c;
    }
    double together = sumSquares - n; // same cluster in both
    double onlyPredicted = columnSquares - sumSquares;
    double onlyTruth = rowSquares - sumSquares;
    double apart = (double) n * n - onlyPredicted - onlyTruth - sumSquares;
    if (onlyPredicted == 0 && onlyTruth == 0) {
      return 1.0; // identical partitions, including the degenerate all-one-cluster and all-singleton cases
    }
    return 2.0 * (together * apart - onlyTruth * onlyPredicted)
        / ((together + onlyTruth) * (onlyTruth + apart) + (together + onlyPredicted) * (onlyPredicted + apart));
  }
}
