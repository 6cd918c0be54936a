package dev.embedkit.bench;

import dev.embedkit.vector.VectorMath;
import java.util.List;

/**
 * How closely two runs' vectors agree, sentence by sentence: the mean and the smallest cosine similarity.
 *
 * @param mean mean cosine over the sentences
 * @param min smallest cosine
 */
record Agreement(double mean, double min) {
  static Agreement between(List<float[]> a, List<float[]> b) {
    if (a.size() != b.size() || a.isEmpty()) {
      throw new IllegalArgumentException("runs must have the same, non-zero number of vectors; got " + a.size()
          + " and " + b.size());
    }
    double sum = 0;
    double min = Double.MAX_VALUE;
    for (int i = 0; i < a.size(); i++) {
      double cos = VectorMath.cosine(a.get(i), b.get(i));
      sum += cos;
      min = Math.min(min, cos);
    }
    return new Agreement(sum / a.size(), min);
  }

  @Override
  public String toString() {
    return String.format("%.4f / %.4f", mean, min);
  }
}
