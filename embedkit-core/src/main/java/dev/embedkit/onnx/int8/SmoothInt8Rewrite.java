package dev.embedkit.onnx.int8;

import dev.embedkit.onnx.proto.OnnxModel;
import dev.embedkit.onnx.proto.OnnxNode;
import dev.embedkit.onnx.proto.TensorData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites an fp32 transformer graph so its dense layers run in int8 with <em>static</em> scales, which keeps every
 * input's vector independent of its batch (dynamic quantisation picks one scale per batch) and lets the int8 graph
 * run batched.
 *
 * <p>Per dense layer {@code y = x W + b}: activations are smoothed per channel (SmoothQuant: channel {@code h} is
 * divided by {@code d_h}, and row {@code h} of {@code W} multiplied by it, which leaves {@code x W} unchanged), then
 * quantised to uint8 around 128 with one scale; weights are quantised to int8 per output column. With
 * {@code f_h = amax_h^alpha / wmax_h^(1 - alpha)} and {@code t = max_h(amax_h / f_h) / 127}, {@code d_h = f_h t}.
 * {@code amax_h} is the channel's largest magnitude over the calibration corpus ({@link ActivationRanges}),
 * {@code wmax_h} the largest weight in row {@code h} over every layer reading {@code x}. Values past the calibrated
 * range saturate. ONNX Runtime runs each layer as Mul, QuantizeLinear and MatMulIntegerToFloat (int8 product,
 * per-column dequantisation and bias in one kernel).
 *
 * <pre>{@code
 * SmoothInt8Rewrite rewrite = new SmoothInt8Rewrite(OnnxModel.read(fp32File));
 * byte[] calibration = rewrite.calibrationGraph();          // run it, collect ActivationRanges
 * byte[] int8 = rewrite.apply(ranges, SmoothInt8Rewrite.DEFAULT_ALPHA);
 * }</pre>
 */
public final class SmoothInt8Rewrite {
  /** Migration strength; 0.8 gave the best cosine to fp32 for all-MiniLM-L6-v2, bge-small and e5-small (0.7-0.9). */
  public static final double DEFAULT_ALPHA = 0.8;
  static final String PREFIX = "embedkit_int8/";
  private static final int ZERO_POINT = 128;
  private static final int LEVELS = 127;

  private final OnnxModel model;
  private final Map<String, List<LinearLayer>> groups;

  public SmoothInt8Rewrite(OnnxModel model) {
    this.model = model;
    this.groups = LinearLayer.byActivation(model);
    if (groups.isEmpty()) {
      throw new IllegalArgumentException("the graph has no MatMul by a constant [K, N] float weight to quantise");
    }
    for (Map.Entry<String, List<LinearLayer>> group : groups.entrySet()) {
      if (group.getValue().stream().mapToInt(LinearLayer::inFeatures).distinct().count() != 1) {
        throw new IllegalArgumentException("layers reading " + group.getKey() + " disagree on their input width");
      }
    }
  }

  /** The activations that feed dense layers: what calibration must measure. */
  public List<String> activations() {
    return List.copyOf(groups.keySet());
  }

  public int layerCount() {
    return groups.values().stream().mapToInt(List::size).sum();
  }

  /** The unchanged fp32 graph with the activations as extra outputs. */
  public byte[] calibrationGraph() {
    return model.toByteArray(activations());
  }

  /**
   * Rewrites the graph in place and returns it encoded.
   *
   * @param fastGelu also replace exact GELU by FastGelu ({@link GeluApproximation})
   */
  public byte[] apply(ActivationRanges ranges, double alpha, boolean fastGelu) {
    if (!(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1]; alpha=" + alpha);
    }
    model.addInitializer(TensorData.floatScalar(PREFIX + "one", 1f));
    model.addInitializer(TensorData.uint8Scalar(PREFIX + "zero_point", ZERO_POINT));
    List<OnnxNode> rewritten = new ArrayList<>(model.nodes().size());
    Set<OnnxNode> biasAdds = new HashSet<>();
    groups.values().forEach(g -> g.stream().filter(l -> l.biasAdd() != null).forEach(l -> biasAdds.add(l.biasAdd())));
    Map<OnnxNode, LinearLayer> layers = new IdentityHashMap<>();
    groups.values().forEach(g -> g.forEach(l -> layers.put(l.matmul(), l)));
    Map<String, double[]> divisors = new HashMap<>();
    int index = 0;
    for (OnnxNode node : model.nodes()) {
      if (biasAdds.contains(node)) {
        continue;
      }
      LinearLayer layer = layers.get(node);
      if (layer == null) {
        rewritten.add(node);
        continue;
      }
      String x = layer.activation();
      String quantized = PREFIX + "q" + activationIndex(x) + "/x_uint8";
      if (!divisors.containsKey(x)) {
        double[] d = divisors(groups.get(x), ranges.channelMax(x), alpha);
        divisors.put(x, d);
        String p = PREFIX + "q" + activationIndex(x) + "/";
        float[] inverse = new float[d.length];
        for (int h = 0; h < d.length; h++) {
          inverse[h] = (float) (1 / d[h]);
        }
        model.addInitializer(TensorData.floats(p + "inverse_divisor", new long[] {d.length}, inverse));
        rewritten.add(OnnxNode.of("Mul", "", p + "smooth", List.of(x, p + "inverse_divisor"), List.of(p + "x_smooth")));
        rewritten.add(OnnxNode.of("QuantizeLinear", "", p + "quantize",
            List.of(p + "x_smooth", PREFIX + "one", PREFIX + "zero_point"), List.of(quantized)));
      }
      rewritten.add(quantizedLayer(layer, divisors.get(x), quantized, PREFIX + "l" + index++ + "/"));
    }
    model.nodes().clear();
    model.nodes().addAll(rewritten);
    model.removeUnusedInitializers();
    model.importOpset("com.microsoft", 1);
    if (fastGelu) {
      GeluApproximation.apply(model);
    }
    return model.toByteArray();
  }

  private int activationIndex(String activation) {
    return activations().indexOf(activation);
  }

  static double[] divisors(List<LinearLayer> layers, float[] activationMax, double alpha) {
    int k = layers.get(0).inFeatures();
    if (activationMax.length != k) {
      throw new IllegalArgumentException("calibration saw " + activationMax.length + " channels for "
          + layers.get(0).activation() + "; its layers take " + k);
    }
    double[] weightMax = new double[k];
    for (LinearLayer layer : layers) {
      float[] w = layer.weight().floatValues();
      int n = layer.outFeatures();
      for (int h = 0; h < k; h++) {
        for (int j = 0; j < n; j++) {
          weightMax[h] = Math.max(weightMax[h], Math.abs(w[h * n + j]));
        }
      }
    }
    double[] f = new double[k];
    double t = 0;
    for (int h = 0; h < k; h++) {
      double amax = Math.max(activationMax[h], 1e-5);
      f[h] = Math.pow(amax, alpha) / Math.pow(Math.max(weightMax[h], 1e-8), 1 - alpha);
      t = Math.max(t, amax / f[h]);
    }
    t /= LEVELS;
    double[] d = new double[k];
    for (int h = 0; h < k; h++) {
      d[h] = f[h] * t;
    }
    return d;
  }

  private OnnxNode quantizedLayer(LinearLayer layer, double[] d, String quantized, String p) {
    int k = layer.inFeatures();
    int n = layer.outFeatures();
    float[] w = layer.weight().floatValues();
    double[] scaled = new double[w.length];
    float[] columnScale = new float[n];
    for (int h = 0; h < k; h++) {
      for (int j = 0; j < n; j++) {
        scaled[h * n + j] = w[h * n + j] * d[h];
      }
    }
    for (int j = 0; j < n; j++) {
      double max = 0;
      for (int h = 0; h < k; h++) {
        max = Math.max(max, Math.abs(scaled[h * n + j]));
      }
      columnScale[j] = (float) Math.max(max / LEVELS, 1e-12);
    }
    byte[] q = new byte[w.length];
    for (int h = 0; h < k; h++) {
      for (int j = 0; j < n; j++) {
        double v = Math.rint(scaled[h * n + j] / columnScale[j]);
        q[h * n + j] = (byte) Math.max(-LEVELS, Math.min(LEVELS, v));
      }
    }
    model.addInitializer(TensorData.int8(p + "weight_int8", new long[] {k, n}, q));
    model.addInitializer(TensorData.floats(p + "weight_scale", new long[] {n}, columnScale));
    List<String> inputs = new ArrayList<>(List.of(quantized, p + "weight_int8", PREFIX + "one", p + "weight_scale",
        PREFIX + "zero_point"));
    if (layer.bias() != null) {
      inputs.add(""); // no weight zero point: the int8 weights are symmetric
      inputs.add(layer.bias());
    }
    return OnnxNode.of("MatMulIntegerToFloat", "com.microsoft", layer.matmul().name() + "/embedkit_int8", inputs,
        List.of(layer.output()));
  }
}
