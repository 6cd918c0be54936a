package dev.embedkit.explore.project;

/** Barnes-Hut t-SNE (van der Maaten 2014). STUB: helper implements. */
public final class Tsne {
  private Tsne() {}

  /** Projects unit vectors to n x 2, seeded and reproducible. */
  public static float[][] project(float[][] unitVectors, TsneOptions options) {
    throw new UnsupportedOperationException("stub");
  }
}
