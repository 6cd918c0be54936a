package dev.embedkit.onnx.int8;

import dev.embedkit.onnx.proto.OnnxModel;
import dev.embedkit.onnx.proto.OnnxNode;
import dev.embedkit.onnx.proto.TensorData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Replaces the exact GELU that BERT exports spell out, {@code x * 0.5 * (1 + erf(x / sqrt 2))} as Div, Erf, Add, Mul,
 * Mul, with ONNX Runtime's FastGelu (the tanh approximation, a vectorised kernel). Used only in the int8 rewrite:
 * there the approximation's error (under 1e-3) is far below the quantisation's, and ONNX Runtime's exact GELU
 * kernel takes 14% of an int8 run.
 */
final class GeluApproximation {
  private static final double SQRT2 = Math.sqrt(2);
  private static final double TOLERANCE = 1e-4;

  private GeluApproximation() {}

  /** Rewrites every match in place; returns how many. */
  static int apply(OnnxModel model) {
    Map<String, List<OnnxNode>> consumers = model.consumers();
    List<OnnxNode> nodes = model.nodes();
    Set<OnnxNode> removed = new HashSet<>();
    List<OnnxNode[]> matches = new ArrayList<>();
    for (OnnxNode erf : nodes) {
      if (erf.isStandard("Erf")) {
        match(model, consumers, erf).ifPresent(matches::add);
      }
    }
    for (OnnxNode[] m : matches) {
      OnnxNode last = m[m.length - 1];
      String x = m[0].inputs().get(0);
      OnnxNode fast = OnnxNode.of("FastGelu", "com.microsoft", last.name() + "/embedkit_fast_gelu", List.of(x),
          List.of(last.outputs().get(0)));
      nodes.set(nodes.indexOf(last), fast);
      for (int i = 0; i < m.length - 1; i++) {
        removed.add(m[i]);
      }
    }
    nodes.removeAll(removed);
    removeUnusedConstants(model);
    if (!matches.isEmpty()) {
      model.importOpset("com.microsoft", 1);
    }
    return matches.size();
  }

  /** Div(x, sqrt2) -> Erf -> Add(1) -> Mul(x) -> Mul(0.5), the two Muls in either order. */
  private static Optional<OnnxNode[]> match(OnnxModel model, Map<String, List<OnnxNode>> consumers, OnnxNode erf) {
    OnnxNode div = model.producer(erf.inputs().get(0)).orElse(null);
    if (div == null || !div.isStandard("Div") || !isConstant(model, div.inputs().get(1), SQRT2)
        || sole(consumers, div) != erf) {
      return Optional.empty();
    }
    String x = div.inputs().get(0);
    OnnxNode add = sole(consumers, erf);
    if (add == null || !add.isStandard("Add") || !isConstant(model, other(add, erf.outputs().get(0)), 1.0)) {
      return Optional.empty();
    }
    OnnxNode first = sole(consumers, add);
    if (first == null || !first.isStandard("Mul")) {
      return Optional.empty();
    }
    String firstOther = other(first, add.outputs().get(0));
    boolean timesX = firstOther.equals(x);
    if (!timesX && !isConstant(model, firstOther, 0.5)) {
      return Optional.empty();
    }
    OnnxNode second = sole(consumers, first);
    if (second == null || !second.isStandard("Mul")) {
      return Optional.empty();
    }
    String secondOther = other(second, first.outputs().get(0));
    if (timesX ? !isConstant(model, secondOther, 0.5) : !secondOther.equals(x)) {
      return Optional.empty();
    }
    return Optional.of(new OnnxNode[] {div, erf, add, first, second});
  }

  private static OnnxNode sole(Map<String, List<OnnxNode>> consumers, OnnxNode node) {
    List<OnnxNode> readers = consumers.getOrDefault(node.outputs().get(0), List.of());
    return readers.size() == 1 ? readers.get(0) : null;
  }

  private static String other(OnnxNode binary, String input) {
    return binary.inputs().get(0).equals(input) ? binary.inputs().get(1) : binary.inputs().get(0);
  }

  private static boolean isConstant(OnnxModel model, String value, double expected) {
    Optional<TensorData> tensor = model.initializer(value);
    if (tensor.isEmpty()) {
      tensor = model.producer(value).filter(n -> n.isStandard("Constant")).flatMap(n -> n.tensorAttribute("value"));
    }
    return tensor.filter(t -> t.dataType() == TensorData.FLOAT && t.elementCount() == 1)
        .map(t -> Math.abs(t.floatValues()[0] - expected) < TOLERANCE)
        .orElse(false);
  }

  private static void removeUnusedConstants(OnnxModel model) {
    Set<String> read = new HashSet<>(model.outputNames());
    model.nodes().forEach(n -> read.addAll(n.inputs()));
    model.nodes().removeIf(n -> n.isStandard("Constant") && n.outputs().stream().noneMatch(read::contains));
  }
}
