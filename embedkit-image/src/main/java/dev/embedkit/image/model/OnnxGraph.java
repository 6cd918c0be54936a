package dev.embedkit.image.model;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.embedkit.EmbedkitException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An ONNX Runtime session for image and CLIP graphs: named float and int64 inputs in, named float outputs out. The
 * signature is read at load so that a graph lacking what the pipeline needs fails with a message naming what it has.
 */
final class OnnxGraph implements AutoCloseable {
  /** One output: values and shape. */
  record Output(float[] data, long[] shape) {}

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final Path file;
  private final Map<String, long[]> inputs = new LinkedHashMap<>();
  private final Map<String, long[]> outputs = new LinkedHashMap<>();

  OnnxGraph(Path file, int threads) {
    this.file = file;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(threads);
      options.setInterOpNumThreads(1);
      options.addConfigEntry("session.set_denormal_as_zero", "1");
      this.session = env.createSession(file.toString(), options);
      for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
        inputs.put(e.getKey(), shape(e.getValue()));
      }
      for (Map.Entry<String, NodeInfo> e : session.getOutputInfo().entrySet()) {
        outputs.put(e.getKey(), shape(e.getValue()));
      }
    } catch (OrtException e) {
      throw EmbedkitException.model("cannot load ONNX graph " + file + ": " + firstLine(e.getMessage()), e);
    }
  }

  Path file() {
    return file;
  }

  boolean hasInput(String name) {
    return inputs.containsKey(name);
  }

  boolean hasOutput(String name) {
    return outputs.containsKey(name);
  }

  Set<String> outputNames() {
    return outputs.keySet();
  }

  Set<String> inputNames() {
    return inputs.keySet();
  }

  long[] outputShape(String name) {
    return outputs.get(name);
  }

  String signature() {
    return "inputs " + describe(inputs) + ", outputs " + describe(outputs);
  }

  /** Fails with the graph's signature unless it has these inputs and outputs. */
  void require(List<String> needInputs, List<String> needOutputs, String what) {
    if (!inputs.keySet().containsAll(needInputs) || !outputs.keySet().containsAll(needOutputs)) {
      throw EmbedkitException.model("ONNX graph " + file + " has " + signature() + "; " + what + " needs inputs "
          + needInputs + " and outputs " + needOutputs, null);
    }
  }

  /**
   * Runs the graph.
   *
   * @param floats float inputs by name with their shapes
   * @param longs int64 inputs by name with their shapes
   */
  Map<String, Output> run(Map<String, Map.Entry<float[], long[]>> floats, Map<String, Map.Entry<long[], long[]>> longs,
      Set<String> wanted) {
    List<OnnxTensor> created = new ArrayList<>();
    try {
      Map<String, OnnxTensor> feed = new HashMap<>();
      for (Map.Entry<String, Map.Entry<float[], long[]>> e : floats.entrySet()) {
        OnnxTensor t = OnnxTensor.createTensor(env, FloatBuffer.wrap(e.getValue().getKey()), e.getValue().getValue());
        created.add(t);
        feed.put(e.getKey(), t);
      }
      for (Map.Entry<String, Map.Entry<long[], long[]>> e : longs.entrySet()) {
        OnnxTensor t = OnnxTensor.createTensor(env, LongBuffer.wrap(e.getValue().getKey()), e.getValue().getValue());
        created.add(t);
        feed.put(e.getKey(), t);
      }
      Map<String, Output> out = new HashMap<>();
      try (OrtSession.Result result = session.run(feed, wanted)) {
        for (Map.Entry<String, OnnxValue> e : result) {
          OnnxTensor t = (OnnxTensor) e.getValue();
          FloatBuffer buffer = t.getFloatBuffer();
          float[] data = new float[buffer.remaining()];
          buffer.get(data);
          out.put(e.getKey(), new Output(data, t.getInfo().getShape()));
        }
      }
      return out;
    } catch (OrtException e) {
      throw EmbedkitException.model("ONNX Runtime failed running " + file.getFileName() + ": " + firstLine(e.getMessage()), e);
    } finally {
      created.forEach(OnnxTensor::close);
    }
  }

  private static long[] shape(NodeInfo info) {
    return info.getInfo() instanceof TensorInfo t ? t.getShape() : new long[0];
  }

  private static String describe(Map<String, long[]> nodes) {
    List<String> parts = new ArrayList<>();
    nodes.forEach((name, shape) -> parts.add(name + Arrays.toString(shape).replace("-1", "?")));
    return parts.toString();
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String line = message.strip();
    int nl = line.indexOf('\n');
    return nl < 0 ? line : line.substring(0, nl);
  }

  @Override
  public void close() {
    try {
      session.close();
    } catch (OrtException e) {
      // nothing to retry
    }
  }
}
