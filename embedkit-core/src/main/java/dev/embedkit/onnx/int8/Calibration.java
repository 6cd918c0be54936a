package dev.embedkit.onnx.int8;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a calibration graph ({@link SmoothInt8Rewrite#calibrationGraph}) over tokenised sentences, one per call so no
 * padding enters the ranges, and collects each activation's per-channel maxima.
 */
public final class Calibration {
  private Calibration() {}

  /**
   * @param ids token ids per sentence
   * @param typeIds token type ids per sentence (fed only when the graph declares them)
   */
  public static ActivationRanges measure(byte[] graph, List<String> activations, List<long[]> ids, List<long[]> typeIds)
      throws OrtException {
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    ActivationRanges ranges = new ActivationRanges(activations);
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      // Only the basic optimisations: fusions may remove the very values calibration asks for.
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.BASIC_OPT);
      options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
      try (OrtSession session = env.createSession(graph, options)) {
        boolean types = session.getInputNames().contains("token_type_ids");
        Set<String> wanted = Set.copyOf(activations);
        for (int s = 0; s < ids.size(); s++) {
          long[] shape = {1, ids.get(s).length};
          long[] mask = new long[ids.get(s).length];
          Arrays.fill(mask, 1L);
          Map<String, OnnxTensor> feed = new HashMap<>();
          try {
            feed.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids.get(s)), shape));
            feed.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            if (types) {
              feed.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(typeIds.get(s)), shape));
            }
            try (OrtSession.Result result = session.run(feed, wanted)) {
              for (Map.Entry<String, OnnxValue> entry : result) {
                OnnxTensor tensor = (OnnxTensor) entry.getValue();
                long[] dims = tensor.getInfo().getShape();
                ranges.add(entry.getKey(), tensor.getFloatBuffer(), (int) dims[dims.length - 1]);
              }
            }
          } finally {
            feed.values().forEach(OnnxTensor::close);
          }
        }
      }
    }
    return ranges;
  }
}
