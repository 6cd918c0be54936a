package dev.embedkit.quant;

import java.util.Arrays;
import java.util.List;

/**
 * Per-dimension minimum and maximum of a set of calibration embeddings: the {@code ranges} argument of
 * sentence-transformers' {@code quantize_embeddings}, as {@code np.vstack((min, max))}.
 */
public record QuantizationRanges(float[] min, float[] max) {
  /**
   * Calibration embeddings to use at least. A dimension's range is the minimum and maximum of n samples, and the
   * chance that a new value falls outside the range of n samples of the same distribution is 2/(n+1): with 100 texts,
   * under 2% of values are clamped at either end; with 10, 18%; with one text every value is.
   */
  public static final int RECOMMENDED_MINIMUM_EMBEDDINGS = 100;

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

  /** Dimensions whose range is empty (maximum not above minimum): every value there would quantise the same. */
  public int emptyDimensions() {
    int empty = 0;
    for (int i = 0; i < min.length; i++) {
      if (!(max[i] > min[i])) {
        empty++;
      }
    }
    return empty;
  }

  /** Ranges of a set of calibration embeddings (all of one length). */
  public static QuantizationRanges of(List<float[]> calibration) {
    if (calibration.size() < 2) {
      throw dev.embedkit.EmbedkitException.invalidInput("calibration needs at least 2 embeddings (and "
          + RECOMMENDED_MINIMUM_EMBEDDINGS + " or more for ranges that clamp under 2% of values); got " + calibration.size());
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
