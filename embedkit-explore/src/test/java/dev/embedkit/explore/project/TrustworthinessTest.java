package dev.embedkit.explore.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrustworthinessTest {
  @Test
  void equalsADirectImplementationOfTheFormula() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 5; trial++) {
      int n = 40 + 30 * trial;
      float[][] original = points(n, 6, random);
      // a noisy linear map keeps some neighbours and loses others, so the sum has many terms
      float[][] embedded = new float[n][];
      for (int i = 0; i < n; i++) {
        embedded[i] = new float[] {original[i][0] + original[i][3] + (float) random.nextGaussian() * 0.3f,
            original[i][1] - original[i][2] + (float) random.nextGaussian() * 0.3f};
      }
      for (int k : new int[] {1, 5, 12}) {
        assertEquals(reference(original, embedded, k), Trustworthiness.of(original, embedded, k), 1e-12,
            "n=" + n + ", k=" + k);
      }
    }
  }

  @Test
  void anIsometricCopyIsFullyTrustworthy() {
    float[][] original = points(200, 2, new SplittableRandom(8));
    float[][] mirrored = new float[200][];
    Arrays.setAll(mirrored, i -> new float[] {-original[i][1], original[i][0]});
    assertEquals(1.0, Trustworthiness.of(original, mirrored, 10), 0.0);
    assertEquals(1.0, Trustworthiness.of(original, original, 10), 0.0);
  }

  @Test
  void aRandomMapIsNotTrustworthy() {
    SplittableRandom random = new SplittableRandom(9);
    float[][] original = points(500, 10, random);
    double t = Trustworthiness.of(original, points(500, 2, random), 10);
    assertTrue(t < 0.6, "a map unrelated to the data scored " + t);
  }

  @Test
  void kOfHalfThePointsOrMoreIsRefused() {
    float[][] p = points(20, 3, new SplittableRandom(1));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Trustworthiness.of(p, p, 10));
    assertTrue(e.getMessage().contains("k=10"), e.getMessage());
  }

  /** scikit-learn's code, transcribed: full argsort of every row, an inverted index of ranks, O(n^2) memory. */
  private static double reference(float[][] x, float[][] y, int k) {
    int n = x.length;
    int[][] rank = new int[n][n];
    int[][] nearestInMap = new int[n][];
    for (int i = 0; i < n; i++) {
      int row = i;
      Integer[] order = new Integer[n];
      Arrays.setAll(order, j -> j);
      Arrays.sort(order, (a, b) -> Double.compare(distance(x, row, a), distance(x, row, b)));
      for (int r = 0; r < n; r++) {
        rank[i][order[r]] = r + 1;
      }
      Integer[] mapOrder = new Integer[n];
      Arrays.setAll(mapOrder, j -> j);
      Arrays.sort(mapOrder, (a, b) -> Double.compare(distance(y, row, a), distance(y, row, b)));
      nearestInMap[i] = Arrays.stream(mapOrder).mapToInt(Integer::intValue).limit(k).toArray();
    }
    double t = 0;
    for (int i = 0; i < n; i++) {
      for (int j : nearestInMap[i]) {
        t += Math.max(0, rank[i][j] - k);
      }
    }
    return 1 - t * (2.0 / (n * k * (2.0 * n - 3.0 * k - 1.0)));
  }

  /** Euclidean distance with the point itself infinitely far, as scikit-learn fills the diagonal. */
  private static double distance(float[][] points, int i, int j) {
    if (i == j) {
      return Double.POSITIVE_INFINITY;
    }
    double s = 0;
    for (int d = 0; d < points[i].length; d++) {
      double diff = (double) points[i][d] - points[j][d];
      s += diff * diff;
    }
    return Math.sqrt(s);
  }

  private static float[][] points(int n, int dims, SplittableRandom random) {
    float[][] out = new float[n][dims];
    for (float[] p : out) {
      for (int d = 0; d < dims; d++) {
        p[d] = (float) random.nextGaussian();
      }
    }
    return out;
  }
}
