package dev.embedkit.explore.project;

/** scikit-learn's trustworthiness of an embedding. STUB: helper implements. */
public final class Trustworthiness {
  private Trustworthiness() {}

  /** In [0, 1]: 1 when no point's k nearest neighbours in the map are strangers in the original space. */
  public static double of(float[][] original, float[][] embedded, int k) {
    throw new UnsupportedOperationException("stub");
  }
}
