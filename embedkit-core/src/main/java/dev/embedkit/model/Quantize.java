package dev.embedkit.model;

import dev.embedkit.Named;

/**
 * How the model's own matrix products run. Not to be confused with {@code Precision}, which quantises the output
 * vectors.
 */
public enum Quantize {
  /** The graph as its files give it. */
  NONE,
  /**
   * Rewrite an fp32 graph at load so its dense layers run in int8 with calibrated static scales
   * ({@link dev.embedkit.onnx.int8.SmoothInt8Rewrite}): about twice the fp32 throughput, cosine to fp32 about 0.995,
   * and an input's vector never depends on its batch. Building the graph takes a few seconds per load.
   */
  INT8;

  public static Quantize fromString(String value) {
    return Named.parse(Quantize.class, "quantization", value);
  }
}
