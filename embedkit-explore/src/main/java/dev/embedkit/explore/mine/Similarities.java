package dev.embedkit.explore.mine;

/**
 * Dot products of (unit) vectors, one at a time or a block of rows against a range of columns: the one kernel that
 * paraphrase mining, near-duplicates and community detection share. Both routes sum a[d] * b[d] in float, in
 * dimension order, with no fused multiply-add, so a block's scores equal {@link #dot} bit for bit and
 * dot(a, b) == dot(b, a): the pairs and orders that brute-force references check depend on exact scores.
 *
 * <p>The block route transposes a tile of columns so the inner loop is an axpy over contiguous floats, which the JIT
 * vectorises across columns; four rows share each loaded column value. Each column's sum still runs in dimension
 * order, so the scores are the same on every machine, with or without the Vector API (as {@code knn.StrictDot} for
 * maps). Measured (BENCHMARKS.md): 2x as fast as one {@code StrictDot} per pair, within 15% of the Vector API's dot
 * per pair, which rounds differently on AVX2 and AVX-512.
 *
 * <pre>{@code
 * float cosine = Similarities.dot(unitA, unitB);
 * }</pre>
 */
public final class Similarities {
  private static final int TILE = 256;
  private static final int ROWS_AT_ONCE = 4;

  private Similarities() {}

  public static float dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("vectors differ in dimension: " + a.length + " != " + b.length);
    }
    float sum = 0;
    for (int d = 0; d < a.length; d++) {
      sum += a[d] * b[d];
    }
    return sum;
  }

  /**
   * {@code out[r][c - colStart] = dot(vectors[rows[r]], vectors[c])} for each r and each c in colStart..colEnd-1.
   * Single-threaded; callers split rows across threads.
   */
  public static void block(float[][] vectors, int[] rows, int colStart, int colEnd, float[][] out) {
    int dims = vectors[0].length;
    float[] tile = new float[dims * TILE];
    float[][] acc = new float[ROWS_AT_ONCE][TILE];
    for (int t = colStart; t < colEnd; t += TILE) {
      int width = Math.min(TILE, colEnd - t);
      for (int c = 0; c < width; c++) {
        float[] x = vectors[t + c];
        for (int d = 0; d < dims; d++) {
          tile[d * TILE + c] = x[d];
        }
      }
      int r = 0;
      for (; r + ROWS_AT_ONCE <= rows.length; r += ROWS_AT_ONCE) {
        four(vectors[rows[r]], vectors[rows[r + 1]], vectors[rows[r + 2]], vectors[rows[r + 3]], tile, width, dims, acc);
        for (int k = 0; k < ROWS_AT_ONCE; k++) {
          System.arraycopy(acc[k], 0, out[r + k], t - colStart, width);
        }
      }
      for (; r < rows.length; r++) {
        one(vectors[rows[r]], tile, width, dims, acc[0]);
        System.arraycopy(acc[0], 0, out[r], t - colStart, width);
      }
    }
  }

  private static void four(float[] q0, float[] q1, float[] q2, float[] q3, float[] tile, int width, int dims, float[][] acc) {
    float[] s0 = acc[0];
    float[] s1 = acc[1];
    float[] s2 = acc[2];
    float[] s3 = acc[3];
    java.util.Arrays.fill(s0, 0, width, 0f);
    java.util.Arrays.fill(s1, 0, width, 0f);
    java.util.Arrays.fill(s2, 0, width, 0f);
    java.util.Arrays.fill(s3, 0, width, 0f);
    for (int d = 0; d < dims; d++) {
      float a0 = q0[d];
      float a1 = q1[d];
      float a2 = q2[d];
      float a3 = q3[d];
      int base = d * TILE;
      for (int c = 0; c < width; c++) {
        float x = tile[base + c];
        s0[c] += a0 * x;
        s1[c] += a1 * x;
        s2[c] += a2 * x;
        s3[c] += a3 * x;
      }
    }
  }

  private static void one(float[] q, float[] tile, int width, int dims, float[] s) {
    java.util.Arrays.fill(s, 0, width, 0f);
    for (int d = 0; d < dims; d++) {
      float a = q[d];
      int base = d * TILE;
      for (int c = 0; c < width; c++) {
        s[c] += a * tile[base + c];
      }
    }
  }
}
