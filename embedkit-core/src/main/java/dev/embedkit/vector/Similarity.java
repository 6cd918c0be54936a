package dev.embedkit.vector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** Pairwise matrices and exact top-k search over lists of vectors. */
public final class Similarity {
  private Similarity() {}

  /** The matrix of one list against itself (symmetric, computed once per pair). */
  public static float[][] matrix(List<float[]> vectors, Metric metric) {
    int n = vectors.size();
    float[][] result = new float[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = i; j < n; j++) {
        float value = metric.compute(vectors.get(i), vectors.get(j));
        result[i][j] = value;
        result[j][i] = value;
      }
    }
    return result;
  }

  /** Rows x columns: {@code result[i][j] = metric(rows[i], columns[j])}. */
  public static float[][] matrix(List<float[]> rows, List<float[]> columns, Metric metric) {
    float[][] result = new float[rows.size()][columns.size()];
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < columns.size(); j++) {
        result[i][j] = metric.compute(rows.get(i), columns.get(j));
      }
    }
    return result;
  }

  /**
   * The {@code k} candidates closest to {@code query}, closest first; ties keep the lower index first. Exact: every
   * candidate is scored.
   */
  public static List<Neighbor> topK(float[] query, List<float[]> candidates, int k, Metric metric) {
    if (k <= 0) {
      throw new IllegalArgumentException("k must be positive; k=" + k);
    }
    PriorityQueue<Scored> heap = new PriorityQueue<>(Math.min(k, candidates.size()) + 1, Scored.WORST_FIRST);
    for (int i = 0; i < candidates.size(); i++) {
      Scored scored = new Scored(metric.rankingScore(query, candidates.get(i)), i);
      if (heap.size() < k) {
        heap.add(scored);
      } else if (Scored.WORST_FIRST.compare(scored, heap.peek()) > 0) {
        heap.poll();
        heap.add(scored);
      }
    }
    List<Scored> kept = new ArrayList<>(heap);
    kept.sort(Scored.WORST_FIRST.reversed());
    List<Neighbor> result = new ArrayList<>(kept.size());
    for (Scored entry : kept) {
      result.add(new Neighbor(entry.index(), metric.compute(query, candidates.get(entry.index()))));
    }
    return result;
  }

  /** A candidate's ranking score; the heap keeps its worst kept candidate at the root. */
  private record Scored(float score, int index) {
    /** Lower score is worse; on equal scores the higher index is worse, so ties keep the lower index. */
    static final Comparator<Scored> WORST_FIRST =
        Comparator.comparingDouble(Scored::score).thenComparing(Comparator.comparingInt(Scored::index).reversed());
  }
}
