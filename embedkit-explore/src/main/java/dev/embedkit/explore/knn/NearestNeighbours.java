package dev.embedkit.explore.knn;

/** Builds a {@link KnnGraph}: exact for small sets, NN-descent (approximate) for large ones. STUB: helper implements. */
public final class NearestNeighbours {
  private NearestNeighbours() {}

  /**
   * The k nearest neighbours of each of these unit vectors by cosine distance (1 - dot), seeded and reproducible.
   * Requires k < vectors.length.
   */
  public static KnnGraph build(float[][] unitVectors, int k, long seed) {
    throw new UnsupportedOperationException("stub");
  }
}
