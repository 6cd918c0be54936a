package dev.embedkit.onnx.int8;

import java.nio.FloatBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The largest magnitude each channel (last axis) of each activation reached over a calibration corpus: what static
 * int8 scales are computed from. Collected once per model, so quantised vectors never depend on the batch.
 */
public final class ActivationRanges {
  private final Map<String, float[]> channelMax = new LinkedHashMap<>();

  public ActivationRanges(List<String> activations) {
    activations.forEach(a -> channelMax.put(a, null));
  }

  public List<String> activations() {
    return List.copyOf(channelMax.keySet());
  }

  /** Folds in one run's values of an activation, {@code [..., channels]} in row-major order. */
  public void add(String activation, FloatBuffer values, int channels) {
    if (!channelMax.containsKey(activation)) {
      throw new IllegalArgumentException("not a calibrated activation: " + activation);
    }
    float[] max = channelMax.get(activation);
    if (max == null) {
      max = new float[channels];
      channelMax.put(activation, max);
    } else if (max.length != channels) {
      throw new IllegalArgumentException(activation + " had " + max.length + " channels, now " + channels);
    }
    for (int i = 0; values.hasRemaining(); i = i + 1 == channels ? 0 : i + 1) {
      max[i] = Math.max(max[i], Math.abs(values.get()));
    }
  }

  /** Per-channel maxima of one activation; fails when calibration never reached it. */
  float[] channelMax(String activation) {
    float[] max = channelMax.get(activation);
    if (max == null) {
      throw new IllegalStateException("calibration produced no values for " + activation);
    }
    return max;
  }
}
