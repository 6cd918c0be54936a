package dev.embedkit.explore.project;

import dev.embedkit.vector.VectorMath;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * scikit-learn's {@code sklearn.manifold.trustworthiness} with Euclidean distances in both spaces:
 * {@code T(k) = 1 - 2 / (n k (2n - 3k - 1)) * sum_i sum_{j in U_i} (r(i, j) - k)}, where U_i are the points among
 * i's k nearest in the map but not in the original space, and r(i, j) is j's rank (1 = nearest) among i's neighbours
 * in the original space. Equal distances are ranked by index.
 *
 * <p>Up to {@value #EXACT_LIMIT} points every point is a query, which gives scikit-learn's value. Beyond, the sum
 * runs over a seeded sample of {@value #EXACT_LIMIT} query points (seed {@value #SAMPLE_SEED}, ranks still against
 * all n points) and is scaled by n / sample, an unbiased estimate with a standard error of a few thousandths.
 *
 * <pre>{@code
 * double t = Trustworthiness.of(vectors, Umap.project(vectors, UmapOptions.DEFAULTS), 10);
 * }</pre>
 */
public final class Trustworthiness {
  /** Up to this many points the value is exact; beyond, this many query points are sampled. */
  public static final int EXACT_LIMIT = 5_000;
  public static final long SAMPLE_SEED = 0x7275737EL;

  private Trustworthiness() {}

  /** In [0, 1]: 1 when no point's k nearest neighbours in the map are strangers in the original space. */
  public static double of(float[][] original, float[][] embedded, int k) {
    int n = original.length;
    if (embedded.length != n) {
      throw new IllegalArgumentException("the map has " + embedded.length + " points but the original has " + n);
    }
    if (k < 1 || k >= n / 2.0) {
      // scikit-learn's bound: beyond it the normalisation 2n - 3k - 1 stops making sense
      throw new IllegalArgumentException("k must be at least 1 and less than half the points (" + n / 2.0 + "); k="
          + k);
    }
    int[] queries = n <= EXACT_LIMIT ? IntStream.range(0, n).toArray() : sample(n);
    // whole-number penalties summed as longs: exact, so the parallel split cannot change the result
    long sum = IntStream.range(0, queries.length).parallel()
        .mapToLong(q -> penalty(original, embedded, queries[q], k))
        .sum();
    double scaled = (double) sum * n / queries.length;
    return 1 - scaled * 2.0 / (n * (double) k * (2.0 * n - 3.0 * k - 1.0));
  }

  /** Sum over i's map neighbours that are not its original neighbours of (original rank - k). */
  private static long penalty(float[][] original, float[][] embedded, int i, int k) {
    int n = original.length;
    int[] mapNeighbours = nearestInMap(embedded, i, k);
    float[] distances = new float[n];
    for (int j = 0; j < n; j++) {
      distances[j] = j == i ? Float.POSITIVE_INFINITY : VectorMath.squareDistance(original[i], original[j]);
    }
    long penalty = 0;
    for (int j : mapNeighbours) {
      // rank = 1 + how many points come before j in the original order; only ranks beyond k cost anything
      int before = 0;
      float dj = distances[j];
      for (int l = 0; l < n; l++) {
        float dl = distances[l];
        if (dl < dj || (dl == dj && l < j)) {
          before++;
        }
      }
      int rank = before + 1;
      if (rank > k) {
        penalty += rank - k;
      }
    }
    return penalty;
  }

  /** The k nearest points to i in the map, excluding i, ties by index. */
  private static int[] nearestInMap(float[][] embedded, int i, int k) {
    int[] best = new int[k];
    double[] bestDistance = new double[k];
    int size = 0;
    float[] p = embedded[i];
    for (int j = 0; j < embedded.length; j++) {
      if (j == i) {
        continue;
      }
      double d = 0;
      for (int c = 0; c < p.length; c++) {
        double diff = p[c] - embedded[j][c];
        d += diff * diff;
      }
      if (size < k || d < bestDistance[size - 1]) {
        // insertion into a short sorted list; equal distances keep the earlier index first
        int at = size < k ? size++ : size - 1;
        while (at > 0 && bestDistance[at - 1] > d) {
          best[at] = best[at - 1];
          bestDistance[at] = bestDistance[at - 1];
          at--;
        }
        best[at] = j;
        bestDistance[at] = d;
      }
    }
    return best;
  }

  private static int[] sample(int n) {
    return new SplittableRandom(SAMPLE_SEED).ints(0, n).distinct().limit(EXACT_LIMIT).toArray();
  }
}
