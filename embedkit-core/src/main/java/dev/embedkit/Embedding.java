package dev.embedkit;

import dev.embedkit.quant.Precision;

/**
 * One input's embedding. For float32 {@link #vector()} holds the values; for the quantised precisions
 * {@link #bytes()} does (read them with {@link #values()}, which applies the precision's signedness).
 *
 * @param vector the float vector (float32 only, else null)
 * @param bytes the quantised values (int8, uint8, binary, ubinary; else null)
 * @param precision which of the two is set
 * @param tokens tokens the model read for this input, special tokens and prompt included
 * @param truncated whether the input was cut at the model's maximum length
 */
public record Embedding(float[] vector, byte[] bytes, Precision precision, int tokens, boolean truncated) {
  public Embedding {
    if ((precision == Precision.FLOAT32) != (vector != null) || (vector == null) == (bytes == null)) {
      throw new IllegalArgumentException("exactly one of vector and bytes must be set, as the precision says; precision=" + precision);
    }
  }

  /** Number of values (dimensions, or packed bytes for the binary precisions). */
  public int length() {
    return vector != null ? vector.length : bytes.length;
  }

  /** The values as numbers: floats for float32, signed or unsigned integers for the others. */
  public Number value(int i) {
    if (vector != null) {
      return vector[i];
    }
    return precision.isSigned() ? (int) bytes[i] : bytes[i] & 0xFF;
  }

  /** All values as doubles (exact for every precision). */
  public double[] values() {
    double[] out = new double[length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = value(i).doubleValue();
    }
    return out;
  }
}
