package dev.embedkit.explore.knn;

/**
 * Builds a {@link KnnGraph}: exact for small sets, NN-descent (approximate) for large ones.
 *
 * <p>On this branch every size goes to {@link ExactKnn}, so t-SNE can run; the dispatcher with NN-descent for
 * large sets is being written beside it and replaces this body at merge.
 */
public final class NearestNeighbours {
  private NearestNeighbours() {}

  /**
   * The k nearest neighbours of each of these unit vectors by cosine distance (1 - dot), seeded and reproducible.
   * Requires k < vectors.length.
   */
  public static KnnGraph build(float[][] unitVectors, int k, long seed) {
    // seed: unused by the exact search; NN-descent will use it
    return ExactKnn.build(unitVectors, k);
  }
}
