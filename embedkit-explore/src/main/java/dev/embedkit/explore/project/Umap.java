package dev.embedkit.explore.project;

/** UMAP (McInnes, Healy, Melville 2018). STUB: helper implements. */
public final class Umap {
  private Umap() {}

  /** Projects unit vectors to n x 2, seeded and reproducible. */
  public static float[][] project(float[][] unitVectors, UmapOptions options) {
    throw new UnsupportedOperationException("stub");
  }
}
