package dev.embedkit.eval.embed;

import dev.embedkit.pipeline.PostProcessor;
import dev.embedkit.quant.Precision;
import dev.embedkit.quant.QuantizationRanges;
import java.util.ArrayList;
import java.util.List;

/**
 * Derives the vectors of one (dimensions, precision) variant from full-dimension float32 embeddings, the way core's
 * PostProcessor does (keep the first N dimensions, renormalise when the model normalises, then quantise), and returns
 * them as float arrays ready to score with any {@link dev.embedkit.vector.Metric}:
 *
 * <ul>
 *   <li>float32: the shaped vector.
 *   <li>int8 / uint8: the quantised integers as numbers (so cosine, dot and the distances are computed on the int
 *       values, as a vector store holding int8 would).
 *   <li>binary / ubinary: one value per dimension, +1 for a set bit and -1 otherwise. On such vectors cosine = 1 -
 *       2h/d, dot = d - 2h, Euclidean = 2 sqrt(h) and Manhattan = 2h for Hamming distance h, so every metric ranks
 *       exactly as Hamming distance does (sentence-transformers' and MTEB's choice for binary embeddings).
 * </ul>
 */
public final class VariantVectors {
  private VariantVectors() {}

  /** Normalise (when the model does), keep the first {@code dims} dimensions, renormalise. */
  public static float[] shape(float[] full, int dims, boolean normalize) {
    return PostProcessor.shape(full, dims, normalize);
  }

  public static List<float[]> shapeAll(List<float[]> full, int dims, boolean normalize) {
    List<float[]> out = new ArrayList<>(full.size());
    full.forEach(v -> out.add(shape(v, dims, normalize)));
    return out;
  }

  /**
   * @param ranges calibration ranges at {@code dims} dimensions (int8 and uint8 only; ignored otherwise)
   */
  public static List<float[]> derive(List<float[]> full, int dims, Precision precision, boolean normalize,
      QuantizationRanges ranges) {
    List<float[]> out = new ArrayList<>(full.size());
    for (float[] vector : full) {
      float[] shaped = shape(vector, dims, normalize);
      out.add(precision == Precision.FLOAT32 ? shaped : asNumbers(precision.quantize(shaped, ranges), precision, dims));
    }
    return out;
  }

  /** Quantised bytes as the numbers to score: signed or unsigned integers, or +-1 per bit for the binary precisions. */
  static float[] asNumbers(byte[] bytes, Precision precision, int dims) {
    float[] out = new float[dims];
    if (precision.isBinary()) {
      for (int i = 0; i < dims; i++) {
        int packed = precision == Precision.BINARY ? bytes[i >> 3] + 128 : bytes[i >> 3] & 0xFF;
        out[i] = (packed & (0x80 >>> (i & 7))) != 0 ? 1f : -1f;
      }
    } else {
      for (int i = 0; i < dims; i++) {
        out[i] = precision.isSigned() ? bytes[i] : bytes[i] & 0xFF;
      }
    }
    return out;
  }
}
