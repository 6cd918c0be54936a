package dev.embedkit.vector;

import dev.embedkit.Named;

/**
 * A way to compare two vectors. Similarities (cosine, dot) are larger for closer vectors; distances (Euclidean,
 * Manhattan) are smaller, and are reported as positive numbers. {@link #rankingScore} turns either into a score where
 * larger is closer, for nearest-neighbour search.
 */
public enum Metric {
  COSINE(true) {
    @Override
    public float compute(float[] a, float[] b) {
      return VectorMath.cosine(a, b);
    }
  },
  DOT(true) {
    @Override
    public float compute(float[] a, float[] b) {
      return VectorMath.dot(a, b);
    }
  },
  EUCLIDEAN(false) {
    @Override
    public float compute(float[] a, float[] b) {
      return VectorMath.euclidean(a, b);
    }

    @Override
    public float rankingScore(float[] a, float[] b) {
      return -VectorMath.squareDistance(a, b); // same order as the distance, without a square root
    }
  },
  MANHATTAN(false) {
    @Override
    public float compute(float[] a, float[] b) {
      return VectorMath.manhattan(a, b);
    }
  };

  private final boolean similarity;

  Metric(boolean similarity) {
    this.similarity = similarity;
  }

  /** The metric's value: a similarity for cosine and dot, a non-negative distance for the others. */
  public abstract float compute(float[] a, float[] b);

  /** A score that orders candidates closest first when sorted descending. */
  public float rankingScore(float[] a, float[] b) {
    float value = compute(a, b);
    return similarity ? value : -value;
  }

  /** True for similarities (larger is closer), false for distances (smaller is closer). */
  public boolean isSimilarity() {
    return similarity;
  }

  /** Parses "cosine", "dot", "euclidean", "manhattan" (also sentence-transformers' "dot_product"); lists the valid names otherwise. */
  public static Metric fromString(String value) {
    if ("dot_product".equalsIgnoreCase(value) || "dot-product".equalsIgnoreCase(value)) {
      return DOT;
    }
    return Named.parse(Metric.class, "metric", value);
  }
}
