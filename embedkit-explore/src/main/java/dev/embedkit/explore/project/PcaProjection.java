package dev.embedkit.explore.project;

/** STUB: the UMAP helper writes this. */
public final class PcaProjection {
  private PcaProjection() {}

  public static float[][] project(float[][] vectors) {
    throw new UnsupportedOperationException("stub");
  }
}
