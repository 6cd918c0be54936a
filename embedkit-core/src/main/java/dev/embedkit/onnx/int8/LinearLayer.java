package dev.embedkit.onnx.int8;

import dev.embedkit.onnx.proto.OnnxModel;
import dev.embedkit.onnx.proto.OnnxNode;
import dev.embedkit.onnx.proto.TensorData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A dense layer in a graph: a MatMul of an activation by a constant {@code [K, N]} float weight, and the Add of a
 * constant {@code [N]} bias that follows it when the MatMul's result goes nowhere else.
 *
 * @param biasAdd the Add node, or null
 * @param bias the bias initializer's name, or null
 */
record LinearLayer(OnnxNode matmul, TensorData weight, OnnxNode biasAdd, String bias) {
  String activation() {
    return matmul.inputs().get(0);
  }

  int inFeatures() {
    return (int) weight.dims()[0];
  }

  int outFeatures() {
    return (int) weight.dims()[1];
  }

  /** The value the layer's consumers read: the bias Add's output when there is one. */
  String output() {
    return biasAdd != null ? biasAdd.outputs().get(0) : matmul.outputs().get(0);
  }

  /** The dense layers of a graph, grouped by the activation they read (a transformer's Q, K and V share one). */
  static Map<String, List<LinearLayer>> byActivation(OnnxModel model) {
    Map<String, List<OnnxNode>> consumers = model.consumers();
    Set<String> graphOutputs = Set.copyOf(model.outputNames());
    Map<String, List<LinearLayer>> groups = new LinkedHashMap<>();
    for (OnnxNode node : model.nodes()) {
      if (!node.isStandard("MatMul") || node.inputs().size() != 2) {
        continue;
      }
      TensorData weight = model.initializer(node.inputs().get(1)).orElse(null);
      if (weight == null || weight.dataType() != TensorData.FLOAT || weight.dims().length != 2
          || model.initializer(node.inputs().get(0)).isPresent()) {
        continue;
      }
      OnnxNode add = null;
      String bias = null;
      String out = node.outputs().get(0);
      List<OnnxNode> readers = consumers.getOrDefault(out, List.of());
      if (readers.size() == 1 && readers.get(0).isStandard("Add") && !graphOutputs.contains(out)) {
        OnnxNode candidate = readers.get(0);
        String other = candidate.inputs().get(0).equals(out) ? candidate.inputs().get(1) : candidate.inputs().get(0);
        TensorData b = model.initializer(other).orElse(null);
        if (b != null && b.dataType() == TensorData.FLOAT && b.dims().length == 1 && b.dims()[0] == weight.dims()[1]) {
          add = candidate;
          bias = other;
        }
      }
      LinearLayer layer = new LinearLayer(node, weight, add, bias);
      groups.computeIfAbsent(layer.activation(), k -> new ArrayList<>()).add(layer);
    }
    return groups;
  }
}
