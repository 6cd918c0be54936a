package dev.embedkit.onnx.proto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An ONNX model read into memory so that embedkit can rewrite its graph (see {@code dev.embedkit.onnx.int8}): the
 * graph's nodes and initializers are parsed, everything else is kept encoded and written back unchanged. Field
 * numbers are those of onnx.proto. Only single-file graphs under 2 GB after external data is read in.
 *
 * <pre>{@code
 * OnnxModel model = OnnxModel.read(Path.of("onnx/model.onnx"));
 * model.nodes().removeIf(n -> n.opType().equals("Identity"));
 * byte[] bytes = model.toByteArray(); // ready for OrtEnvironment.createSession(bytes, options)
 * }</pre>
 */
public final class OnnxModel {
  private static final int MODEL_GRAPH = 7;
  private static final int MODEL_OPSET_IMPORT = 8;
  private static final int OPSET_DOMAIN = 1;
  private static final int OPSET_VERSION = 2;
  private static final int GRAPH_NODE = 1;
  private static final int GRAPH_INITIALIZER = 5;
  private static final int GRAPH_OUTPUT = 12;
  private static final int VALUE_NAME = 1;
  private static final int VALUE_TYPE = 2;
  private static final int TYPE_TENSOR = 1;
  private static final int TENSOR_ELEM_TYPE = 1;

  private final List<Slice> modelFields = new ArrayList<>();
  private final Map<String, Long> opsets = new LinkedHashMap<>();
  private final List<Slice> graphFields = new ArrayList<>();
  private final List<OnnxNode> nodes = new ArrayList<>();
  private final Map<String, TensorData> initializers = new LinkedHashMap<>();

  private OnnxModel() {}

  public static OnnxModel read(Path onnxFile) throws IOException {
    Path folder = onnxFile.toAbsolutePath().getParent();
    return parse(Files.readAllBytes(onnxFile), folder);
  }

  /** @param folder where external data files are, or null */
  public static OnnxModel parse(byte[] bytes, Path folder) {
    OnnxModel model = new OnnxModel();
    ProtoReader in = new ProtoReader(Slice.of(bytes));
    boolean hasGraph = false;
    while (in.hasMore()) {
      int tag = in.tag();
      switch (ProtoReader.field(tag)) {
        case MODEL_GRAPH -> {
          model.parseGraph(in.bytes(), folder);
          hasGraph = true;
        }
        case MODEL_OPSET_IMPORT -> model.parseOpset(in.bytes());
        default -> {
          in.skip(ProtoReader.wireType(tag));
          model.modelFields.add(in.lastField());
        }
      }
    }
    if (!hasGraph) {
      throw new MalformedOnnxException("the file has no graph");
    }
    return model;
  }

  private void parseOpset(Slice encoded) {
    ProtoReader in = new ProtoReader(encoded);
    String domain = "";
    long version = 0;
    while (in.hasMore()) {
      int tag = in.tag();
      switch (ProtoReader.field(tag)) {
        case OPSET_DOMAIN -> domain = in.string();
        case OPSET_VERSION -> version = in.varint();
        default -> in.skip(ProtoReader.wireType(tag));
      }
    }
    opsets.put(domain, version);
  }

  private void parseGraph(Slice encoded, Path folder) {
    ProtoReader in = new ProtoReader(encoded);
    while (in.hasMore()) {
      int tag = in.tag();
      switch (ProtoReader.field(tag)) {
        case GRAPH_NODE -> nodes.add(OnnxNode.parse(in.bytes()));
        case GRAPH_INITIALIZER -> {
          TensorData tensor = TensorData.parse(in.bytes(), folder);
          initializers.put(tensor.name(), tensor);
        }
        default -> {
          in.skip(ProtoReader.wireType(tag));
          graphFields.add(in.lastField());
        }
      }
    }
  }

  /** The graph's nodes in topological order, as stored; a mutable list. */
  public List<OnnxNode> nodes() {
    return nodes;
  }

  public Optional<TensorData> initializer(String name) {
    return Optional.ofNullable(initializers.get(name));
  }

  public void addInitializer(TensorData tensor) {
    initializers.put(tensor.name(), tensor);
  }

  /** Drops initializers no node reads any more (weights replaced by a rewrite). */
  public void removeUnusedInitializers() {
    Set<String> used = new HashSet<>();
    nodes.forEach(n -> used.addAll(n.inputs()));
    initializers.keySet().retainAll(used);
  }

  /** The operator-set version the model imports for a domain ("" is the default ONNX domain). */
  public Optional<Long> opsetVersion(String domain) {
    return Optional.ofNullable(opsets.get(domain));
  }

  public void importOpset(String domain, long version) {
    opsets.putIfAbsent(domain, version);
  }

  /** Names of the graph's outputs. */
  public List<String> outputNames() {
    List<String> names = new ArrayList<>();
    for (Slice field : graphFields) {
      ProtoReader in = new ProtoReader(field);
      int tag = in.tag();
      if (ProtoReader.field(tag) == GRAPH_OUTPUT) {
        ProtoReader value = new ProtoReader(in.bytes());
        while (value.hasMore()) {
          int t = value.tag();
          if (ProtoReader.field(t) == VALUE_NAME) {
            names.add(value.string());
          } else {
            value.skip(ProtoReader.wireType(t));
          }
        }
      }
    }
    return names;
  }

  /** The value's producer, if a node makes it. */
  public Optional<OnnxNode> producer(String valueName) {
    return nodes.stream().filter(n -> n.outputs().contains(valueName)).findFirst();
  }

  /** Nodes that read each value, by value name. */
  public Map<String, List<OnnxNode>> consumers() {
    Map<String, List<OnnxNode>> consumers = new HashMap<>();
    for (OnnxNode node : nodes) {
      for (String input : node.inputs()) {
        consumers.computeIfAbsent(input, k -> new ArrayList<>()).add(node);
      }
    }
    return consumers;
  }

  public byte[] toByteArray() {
    return toByteArray(List.of());
  }

  /**
   * The model, encoded.
   *
   * @param extraFloatOutputs intermediate float values to return as graph outputs as well (for calibration)
   */
  public byte[] toByteArray(List<String> extraFloatOutputs) {
    // Sized up front: for a 90 MB graph, growing by doubling and copying would hold several copies at once.
    long estimate = (1 << 16) + 256L * nodes.size();
    for (TensorData t : initializers.values()) {
      estimate += t.encodedLengthEstimate() + 8;
    }
    ProtoWriter graph = new ProtoWriter((int) Math.min(Integer.MAX_VALUE - 16, estimate));
    nodes.forEach(n -> graph.messageField(GRAPH_NODE, n.encode()));
    initializers.values().forEach(t -> graph.bytesField(GRAPH_INITIALIZER, t.encodeInline()));
    graphFields.forEach(graph::raw);
    List<String> existing = outputNames();
    for (String output : extraFloatOutputs) {
      if (existing.contains(output)) {
        continue;
      }
      ProtoWriter tensorType = new ProtoWriter().varintField(TENSOR_ELEM_TYPE, TensorData.FLOAT);
      ProtoWriter type = new ProtoWriter().messageField(TYPE_TENSOR, tensorType);
      graph.messageField(GRAPH_OUTPUT, new ProtoWriter().stringField(VALUE_NAME, output).messageField(VALUE_TYPE, type));
    }
    ProtoWriter head = new ProtoWriter();
    modelFields.forEach(head::raw);
    opsets.forEach((domain, version) -> {
      ProtoWriter opset = new ProtoWriter();
      if (!domain.isEmpty()) {
        opset.stringField(OPSET_DOMAIN, domain);
      }
      opset.varintField(OPSET_VERSION, version);
      head.messageField(MODEL_OPSET_IMPORT, opset);
    });
    ProtoWriter model = new ProtoWriter(head.size() + ProtoWriter.messageFieldSize(MODEL_GRAPH, graph));
    model.raw(head);
    model.messageField(MODEL_GRAPH, graph);
    return model.toByteArray();
  }
}
