package dev.embedkit.quant;

import java.util.Arrays;
import java.util.List;

/**
 * Per-dimension minimum and maximum of a set of calibration embeddings: the {@code ranges} argument of
 * sentence-transformers' {@code quantize_embeddings}, as {@code np.vstack((min, max))}.
 */
public record QuantizationRanges(float[] min, float[] max) {
  public QuantizationRanges {
    if (min.length != max.length) {
      throw new IllegalArgumentException("min and max differ in length: " + min.length + " != " + max.length);
    }
    min = min.clone();
    max = max.clone();
  }

  public int dimensions() {
    return min.length;
  }

  /** Ranges of a set of calibration embeddings (all of one length). */
  public static QuantizationRanges of(List<float[]> calibration) {
    if (calibration.isEmpty()) {
      throw new IllegalArgumentException("calibration needs at least one embedding");
    }
    int dims = calibration.get(0).length;
    float[] min = new float[dims];
    float[] max = new float[dims];
    Arrays.fill(min, Float.POSITIVE_INFINITY);
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (float[] vector : calibration) {
      if (vector.length != dims) {
        throw new IllegalArgumentException("calibration embeddings differ in length: " + dims + " != " + vector.length);
      }
      for (int i = 0; i < dims; i++) {
        min[i] = Math.min(min[i], vector[i]);
        max[i] = Math.max(max[i], vector[i]);
      }
    }
    return new QuantizationRanges(min, max);
  }

  @Override
  public float[] min() {
    return min.clone();
  }

  @Override
  public float[] max() {
    return max.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuantizationRanges r && Arrays.equals(min, r.min) && Arrays.equals(max, r.max);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
  }

  @Override
  public String toString() {
    return "QuantizationRanges[dimensions=" + min.length + "]";
  }
}
