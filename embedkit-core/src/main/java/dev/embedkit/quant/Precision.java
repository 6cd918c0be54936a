package dev.embedkit.quant;

import dev.embedkit.Named;

/**
 * Output precision of an embedding, with sentence-transformers' {@code quantize_embeddings} semantics:
 *
 * <ul>
 *   <li>{@code float32}: the vector as is.
 *   <li>{@code int8} / {@code uint8}: per dimension, {@code (x - min) / ((max - min) / 255)}, minus 128 for int8,
 *       truncated toward zero, with {@code min} and {@code max} from calibration embeddings
 *       ({@link QuantizationRanges}). Values outside the calibration range are clamped (numpy's cast leaves them
 *       undefined).
 *   <li>{@code binary} / {@code ubinary}: one bit per dimension ({@code x > 0}), packed eight to a byte, most
 *       significant bit first (numpy.packbits); binary subtracts 128 to give int8. A last byte with fewer than eight
 *       dimensions is padded with zero bits.
 * </ul>
 */
public enum Precision {
  FLOAT32(32),
  INT8(8),
  UINT8(8),
  BINARY(1),
  UBINARY(1);

  private final int bitsPerDimension;

  Precision(int bitsPerDimension) {
    this.bitsPerDimension = bitsPerDimension;
  }

  /** Storage bits per dimension. */
  public int bitsPerDimension() {
    return bitsPerDimension;
  }

  /** True for int8 and uint8, which need calibration ranges. */
  public boolean needsRanges() {
    return this == INT8 || this == UINT8;
  }

  /** True for the packed-bit precisions. */
  public boolean isBinary() {
    return this == BINARY || this == UBINARY;
  }

  /** True where the output values are signed bytes (int8, binary). */
  public boolean isSigned() {
    return this == INT8 || this == BINARY;
  }

  /** Number of output values for an embedding of {@code dimensions} dimensions. */
  public int outputLength(int dimensions) {
    return isBinary() ? (dimensions + 7) / 8 : dimensions;
  }

  /** Parses float32, int8, uint8, binary, ubinary (case-insensitive); lists the valid names otherwise. */
  public static Precision fromString(String value) {
    return Named.parse(Precision.class, "precision", value);
  }

  /**
   * Quantises one vector. {@code ranges} is required for int8 and uint8 and ignored otherwise.
   *
   * @return the quantised values as bytes (read them signed or unsigned as {@link #isSigned()} says)
   */
  public byte[] quantize(float[] vector, QuantizationRanges ranges) {
    switch (this) {
      case INT8:
      case UINT8:
        return scalarQuantize(vector, ranges);
      case BINARY:
      case UBINARY:
        return packBits(vector, this == BINARY);
      default:
        throw new IllegalStateException("float32 is not quantised");
    }
  }

  private byte[] scalarQuantize(float[] vector, QuantizationRanges ranges) {
    if (ranges == null) {
      throw new IllegalArgumentException(Named.of(this) + " needs calibration ranges");
    }
    if (ranges.dimensions() != vector.length) {
      throw new IllegalArgumentException(
          "calibration ranges have " + ranges.dimensions() + " dimensions, the vector has " + vector.length);
    }
    float[] mins = ranges.min();
    float[] maxs = ranges.max();
    float offset = this == INT8 ? 128f : 0f;
    byte[] out = new byte[vector.length];
    for (int i = 0; i < vector.length; i++) {
      float start = mins[i];
      float step = (maxs[i] - start) / 255f;
      float scaled = step == 0f ? 0f : (vector[i] - start) / step;
      int q = (int) (scaled - offset); // truncation toward zero, as numpy's astype
      int low = this == INT8 ? -128 : 0;
      int high = this == INT8 ? 127 : 255;
      out[i] = (byte) Math.max(low, Math.min(high, q));
    }
    return out;
  }

  private static byte[] packBits(float[] vector, boolean signed) {
    byte[] out = new byte[(vector.length + 7) / 8];
    for (int i = 0; i < vector.length; i++) {
      if (vector[i] > 0f) {
        out[i >> 3] |= (byte) (0x80 >>> (i & 7));
      }
    }
    if (signed) {
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) ((out[i] & 0xFF) - 128);
      }
    }
    return out;
  }
}
