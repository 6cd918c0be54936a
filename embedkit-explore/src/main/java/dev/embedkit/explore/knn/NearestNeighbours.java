package dev.embedkit.explore.knn;


/**
 * Builds a {@link KnnGraph} by cosine distance: exact (every pair) up to {@link #EXACT_LIMIT} points, NN-descent
 * ({@link NnDescent}, approximate, recall typically above 0.95) beyond.
 *
 * <pre>{@code
 * KnnGraph graph = NearestNeighbours.build(unitVectors, 15, 42);
 * int nearest = graph.indices()[0][0];
 * }</pre>
 */
public final class NearestNeighbours {
  /** Up to this many points the exact search is cheap enough (about 8 million dot products). */
  public static final int EXACT_LIMIT = 4096;

  private NearestNeighbours() {}

  /**
   * The k nearest neighbours of each of these unit vectors by cosine distance (1 - dot), seeded and reproducible.
   * Requires k < vectors.length.
   */
  public static KnnGraph build(float[][] unitVectors, int k, long seed) {
    check(unitVectors, k);
    if (unitVectors.length <= EXACT_LIMIT) {
      return ExactKnn.build(unitVectors, k);
    }
    return NnDescent.build(unitVectors, k, NnDescentOptions.DEFAULTS.withSeed(seed));
  }

  /** The exact graph whatever the size: every pair compared (n^2 dot products). */
  public static KnnGraph exact(float[][] unitVectors, int k) {
    check(unitVectors, k);
    return ExactKnn.build(unitVectors, k);
  }

  static void check(float[][] unitVectors, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1; k=" + k);
    }
    if (k >= unitVectors.length) {
      throw new IllegalArgumentException("k must be less than the number of points (a point is not its own "
          + "neighbour); k=" + k + ", points=" + unitVectors.length);
    }
    int dims = unitVectors[0].length;
    for (int i = 0; i < unitVectors.length; i++) {
      if (unitVectors[i].length != dims) {
        throw new IllegalArgumentException("vectors differ in dimension: vector 0 has " + dims + ", vector " + i
            + " has " + unitVectors[i].length);
      }
    }
  }

  /** Cosine distance of unit vectors; clamped at 0 because rounding can make 1 - dot of duplicates negative. */
  static float distance(float[] a, float[] b) {
    return Math.max(0f, 1f - StrictDot.of(a, b));
  }
}
