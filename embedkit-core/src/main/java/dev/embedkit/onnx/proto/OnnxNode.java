package dev.embedkit.onnx.proto;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One ONNX NodeProto: operator, inputs and outputs by name. Attributes and any other fields are kept encoded and
 * written back unchanged; {@link #tensorAttribute} decodes a tensor attribute (a Constant node's value) on demand.
 */
public record OnnxNode(String name, String opType, String domain, List<String> inputs, List<String> outputs,
    List<Slice> attributes, List<Slice> otherFields) {
  private static final int INPUT = 1;
  private static final int OUTPUT = 2;
  private static final int NAME = 3;
  private static final int OP_TYPE = 4;
  private static final int ATTRIBUTE = 5;
  private static final int DOMAIN = 7;
  private static final int ATTRIBUTE_NAME = 1;
  private static final int ATTRIBUTE_TENSOR = 5;

  public OnnxNode {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    attributes = List.copyOf(attributes);
    otherFields = List.copyOf(otherFields);
  }

  /** A new node without attributes; an empty input name marks an optional input left out. */
  public static OnnxNode of(String opType, String domain, String name, List<String> inputs, List<String> outputs) {
    return new OnnxNode(name, opType, domain, inputs, outputs, List.of(), List.of());
  }

  /** The operator in the default ONNX domain. */
  public boolean isStandard(String op) {
    return opType.equals(op) && (domain.isEmpty() || domain.equals("ai.onnx"));
  }

  public Optional<TensorData> tensorAttribute(String attributeName) {
    for (Slice attribute : attributes) {
      ProtoReader in = new ProtoReader(attribute);
      String name = null;
      Slice tensor = null;
      while (in.hasMore()) {
        int tag = in.tag();
        switch (ProtoReader.field(tag)) {
          case ATTRIBUTE_NAME -> name = in.string();
          case ATTRIBUTE_TENSOR -> tensor = in.bytes();
          default -> in.skip(ProtoReader.wireType(tag));
        }
      }
      if (attributeName.equals(name) && tensor != null) {
        return Optional.of(TensorData.parse(tensor, null));
      }
    }
    return Optional.empty();
  }

  static OnnxNode parse(Slice encoded) {
    ProtoReader in = new ProtoReader(encoded);
    String name = "";
    String opType = "";
    String domain = "";
    List<String> inputs = new ArrayList<>();
    List<String> outputs = new ArrayList<>();
    List<Slice> attributes = new ArrayList<>();
    List<Slice> other = new ArrayList<>();
    while (in.hasMore()) {
      int tag = in.tag();
      switch (ProtoReader.field(tag)) {
        case INPUT -> inputs.add(in.string());
        case OUTPUT -> outputs.add(in.string());
        case NAME -> name = in.string();
        case OP_TYPE -> opType = in.string();
        case DOMAIN -> domain = in.string();
        case ATTRIBUTE -> attributes.add(in.bytes());
        default -> {
          in.skip(ProtoReader.wireType(tag));
          other.add(in.lastField());
        }
      }
    }
    return new OnnxNode(name, opType, domain, inputs, outputs, attributes, other);
  }

  ProtoWriter encode() {
    ProtoWriter out = new ProtoWriter();
    inputs.forEach(i -> out.stringField(INPUT, i));
    outputs.forEach(o -> out.stringField(OUTPUT, o));
    if (!name.isEmpty()) {
      out.stringField(NAME, name);
    }
    out.stringField(OP_TYPE, opType);
    attributes.forEach(a -> out.bytesField(ATTRIBUTE, a));
    if (!domain.isEmpty()) {
      out.stringField(DOMAIN, domain);
    }
    otherFields.forEach(out::raw);
    return out;
  }
}
