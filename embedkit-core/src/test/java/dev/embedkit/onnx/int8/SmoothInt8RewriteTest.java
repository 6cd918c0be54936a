package dev.embedkit.onnx.int8;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import dev.embedkit.onnx.proto.OnnxModel;
import dev.embedkit.onnx.proto.OnnxNode;
import dev.embedkit.onnx.proto.TensorData;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The int8 rewrite's graph surgery and its scale arithmetic. */
class SmoothInt8RewriteTest {

  @Test
  void findsEveryDenseLayerOfABertEncoderAndReplacesThemAll() throws Exception {
    OnnxModel model = OnnxModel.read(PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2).resolve("onnx/model.onnx"));
    SmoothInt8Rewrite rewrite = new SmoothInt8Rewrite(model);
    // 6 layers x (Q, K, V, attention output, intermediate, output); Q, K and V read one activation
    assertEquals(36, rewrite.layerCount());
    assertEquals(24, rewrite.activations().size());
    ActivationRanges ranges = new ActivationRanges(rewrite.activations());
    for (String activation : rewrite.activations()) {
      int width = activation.contains("intermediate_act_fn") ? 1536 : 384;
      float[] ones = new float[width];
      java.util.Arrays.fill(ones, 1f);
      ranges.add(activation, FloatBuffer.wrap(ones), width);
    }
    rewrite.apply(ranges, SmoothInt8Rewrite.DEFAULT_ALPHA, true);
    assertEquals(36, count(model, n -> n.opType().equals("MatMulIntegerToFloat")));
    assertEquals(24, count(model, n -> n.opType().equals("QuantizeLinear")));
    assertEquals(6, count(model, n -> n.opType().equals("FastGelu")));
    assertEquals(0, count(model, n -> n.opType().equals("Erf")));
    assertEquals(0, count(model, n -> n.isStandard("MatMul") && model.initializer(n.inputs().get(1)).isPresent()),
        "no fp32 dense layer left");
    assertTrue(model.initializer("onnx::MatMul_787").isEmpty(), "replaced fp32 weights are dropped");
  }

  @Test
  void divisorsBringTheCalibratedRangeExactlyTo127() {
    Random random = new Random(3);
    int k = 17;
    int n = 5;
    float[] w = new float[k * n];
    for (int i = 0; i < w.length; i++) {
      w[i] = (float) random.nextGaussian();
    }
    float[] amax = new float[k];
    for (int h = 0; h < k; h++) {
      amax[h] = (float) (0.1 + 30 * random.nextDouble());
    }
    List<LinearLayer> layers = List.of(layer(w, k, n));
    for (double alpha : new double[] {0.5, 0.8, 1.0}) {
      double[] d = SmoothInt8Rewrite.divisors(layers, amax, alpha);
      double largest = 0;
      for (int h = 0; h < k; h++) {
        largest = Math.max(largest, amax[h] / d[h]);
        assertTrue(amax[h] / d[h] <= 127 + 1e-9, "channel " + h + " overflows at alpha " + alpha);
      }
      assertEquals(127, largest, 1e-9, "the widest channel uses the full int8 range at alpha " + alpha);
    }
    double[] perChannel = SmoothInt8Rewrite.divisors(layers, amax, 1.0);
    for (int h = 0; h < k; h++) {
      assertEquals(amax[h] / 127.0, perChannel[h], 1e-6, "alpha 1 is per-channel static quantisation");
    }
  }

  @Test
  void aGraphWithoutDenseLayersIsRefused() {
    OnnxModel model = OnnxModel.parse(new byte[] {0x3a, 0}, null); // a model whose graph is empty
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SmoothInt8Rewrite(model));
    assertTrue(e.getMessage().contains("no MatMul by a constant"), e.getMessage());
  }

  private static LinearLayer layer(float[] w, int k, int n) {
    OnnxNode matmul = OnnxNode.of("MatMul", "", "m", List.of("x", "w"), List.of("y"));
    return new LinearLayer(matmul, TensorData.floats("w", new long[] {k, n}, w), null, null);
  }

  private static long count(OnnxModel model, Predicate<OnnxNode> test) {
    return model.nodes().stream().filter(test).count();
  }
}
