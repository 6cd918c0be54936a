package dev.embedkit.explore.mine;

import dev.embedkit.explore.knn.StrictDot;

/**
 * Dot products of (unit) vectors, one at a time or a block of rows against a range of columns: the one kernel that
 * paraphrase mining, near-duplicates and community detection share. Both routes are {@link StrictDot} (the same
 * sums on every machine, with or without the Vector API), so a block's scores equal {@link #dot} bit for bit and
 * dot(a, b) == dot(b, a): the pairs and orders that brute-force references check depend on exact scores.
 *
 * <p>Pair by pair with the accumulators in registers (a transposed-tile axpy kernel, the previous design, spent its
 * time loading and storing accumulator rows).
 *
 * <pre>{@code
 * float cosine = Similarities.dot(unitA, unitB);
 * }</pre>
 */
public final class Similarities {
  private Similarities() {}

  public static float dot(float[] a, float[] b) {
    return StrictDot.of(a, b);
  }

  /**
   * {@code out[r][c - colStart] = dot(vectors[rows[r]], vectors[c])} for each r and each c in colStart..colEnd-1.
   * Single-threaded; callers split rows across threads.
   */
  public static void block(float[][] vectors, int[] rows, int colStart, int colEnd, float[][] out) {
    for (int r = 0; r < rows.length; r++) {
      float[] q = vectors[rows[r]];
      float[] row = out[r];
      for (int c = colStart; c < colEnd; c++) {
        row[c - colStart] = StrictDot.of(q, vectors[c]);
      }
    }
  }
}
