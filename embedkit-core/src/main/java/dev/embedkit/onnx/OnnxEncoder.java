package dev.embedkit.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.embedkit.EmbedkitException;
import dev.embedkit.model.TokenStates;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A transformer encoder run by ONNX Runtime: token ids in, token vectors out. The graph's inputs and outputs are
 * checked when it loads; a graph that lacks what the pipeline needs fails with a message naming what it has.
 * {@link #encode} may be called from several threads at once (ONNX Runtime sessions are thread-safe).
 */
public final class OnnxEncoder implements AutoCloseable {
  static final String INPUT_IDS = "input_ids";
  static final String ATTENTION_MASK = "attention_mask";
  static final String TOKEN_TYPE_IDS = "token_type_ids";
  private static final Set<String> KNOWN_INPUTS = Set.of(INPUT_IDS, ATTENTION_MASK, TOKEN_TYPE_IDS);
  /** Output names that carry token vectors, in order of preference; otherwise the first rank-3 float output. */
  static final List<String> TOKEN_OUTPUTS = List.of("last_hidden_state", "token_embeddings");

  private final OrtEnvironment env;
  private final OrtSession session;
  private final boolean feedsTokenTypes;
  private final String outputName;
  private final int hiddenSize;
  private final GraphFacts facts;
  private final String signature;

  /**
   * @param facts what {@link GraphFacts#scan} found in the file
   * @param intraOpThreads threads ONNX Runtime uses inside one call
   */
  public OnnxEncoder(Path onnxFile, GraphFacts facts, int intraOpThreads) {
    this.env = OrtEnvironment.getEnvironment();
    this.facts = facts;
    try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.valueOf(System.getProperty("embedkit.ort.optLevel", "ALL_OPT")));
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      options.setIntraOpNumThreads(intraOpThreads);
      options.setInterOpNumThreads(1);
      // Denormal activations slow the CPU kernels down and carry no information an embedding needs.
      options.addConfigEntry("session.set_denormal_as_zero", "1");
      for (String entry : System.getProperty("embedkit.ort.config", "").split(",")) {
        int eq = entry.indexOf('=');
        if (eq > 0) {
          options.addConfigEntry(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
        }
      }
      this.session = env.createSession(onnxFile.toString(), options);
    } catch (OrtException e) {
      throw EmbedkitException.model("cannot load ONNX graph " + onnxFile + ": " + firstLine(e.getMessage()), e);
    }
    try {
      Map<String, NodeInfo> inputs = session.getInputInfo();
      Map<String, NodeInfo> outputs = session.getOutputInfo();
      this.signature = "inputs " + describe(inputs) + ", outputs " + describe(outputs);
      if (!inputs.containsKey(INPUT_IDS) || !inputs.containsKey(ATTENTION_MASK)
          || !KNOWN_INPUTS.containsAll(inputs.keySet())) {
        throw EmbedkitException.model("ONNX graph " + onnxFile + " has " + signature
            + "; embedkit feeds input_ids and attention_mask, and token_type_ids when declared", null);
      }
      this.feedsTokenTypes = inputs.containsKey(TOKEN_TYPE_IDS);
      this.outputName = chooseOutput(outputs);
      if (outputName == null) {
        throw EmbedkitException.model("ONNX graph " + onnxFile + " has " + signature
            + "; embedkit needs token vectors shaped [batch, sequence, hidden] (an output named last_hidden_state)", null);
      }
      long[] shape = ((TensorInfo) outputs.get(outputName).getInfo()).getShape();
      this.hiddenSize = (int) shape[2];
    } catch (OrtException e) {
      close();
      throw EmbedkitException.model("cannot read the signature of " + onnxFile + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** The hidden size declared by the graph, or -1 when symbolic. */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** What the graph's file says about it (quantised, batch-coupled). */
  public GraphFacts facts() {
    return facts;
  }

  /** The graph's inputs and outputs, for {@code models info}. */
  public String signature() {
    return signature;
  }

  /**
   * Runs a batch already padded to one length.
   *
   * @param ids token ids, {@code [batch][seqLen]}
   * @param typeIds token types, same shape
   * @param mask attention mask, same shape (1 for real tokens, 0 for padding)
   */
  public float[] encode(long[][] ids, long[][] typeIds, long[][] mask, int seqLen) {
    int batch = ids.length;
    long[] shape = {batch, seqLen};
    List<OnnxTensor> tensors = new ArrayList<>(3);
    try {
      Map<String, OnnxTensor> feed = new HashMap<>();
      feed.put(INPUT_IDS, track(tensors, OnnxTensor.createTensor(env, flatten(ids, seqLen), shape)));
      feed.put(ATTENTION_MASK, track(tensors, OnnxTensor.createTensor(env, flatten(mask, seqLen), shape)));
      if (feedsTokenTypes) {
        feed.put(TOKEN_TYPE_IDS, track(tensors, OnnxTensor.createTensor(env, flatten(typeIds, seqLen), shape)));
      }
      try (OrtSession.Result result = session.run(feed, Set.of(outputName))) {
        OnnxValue value = result.get(0);
        FloatBuffer buffer = ((OnnxTensor) value).getFloatBuffer();
        float[] data = new float[buffer.remaining()];
        buffer.get(data);
        return data;
      }
    } catch (OrtException e) {
      throw EmbedkitException.model("ONNX Runtime failed on a batch of " + batch + "x" + seqLen + ": " + firstLine(e.getMessage()), e);
    } finally {
      tensors.forEach(OnnxTensor::close);
    }
  }

  /** Convenience for the pipeline: token states with the pooling mask. */
  public TokenStates encode(long[][] ids, long[][] typeIds, long[][] attentionMask, long[][] poolingMask, int seqLen) {
    float[] data = encode(ids, typeIds, attentionMask, seqLen);
    int hidden = data.length / (ids.length * seqLen);
    return new TokenStates(data, ids.length, seqLen, hidden, poolingMask);
  }

  private static OnnxTensor track(List<OnnxTensor> tensors, OnnxTensor tensor) {
    tensors.add(tensor);
    return tensor;
  }

  private static LongBuffer flatten(long[][] rows, int seqLen) {
    long[] flat = new long[rows.length * seqLen];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * seqLen, Math.min(seqLen, rows[i].length));
    }
    return LongBuffer.wrap(flat);
  }

  private static String chooseOutput(Map<String, NodeInfo> outputs) {
    for (String preferred : TOKEN_OUTPUTS) {
      if (outputs.containsKey(preferred) && isRank3(outputs.get(preferred))) {
        return preferred;
      }
    }
    return outputs.entrySet().stream().filter(e -> isRank3(e.getValue())).map(Map.Entry::getKey).findFirst().orElse(null);
  }

  private static boolean isRank3(NodeInfo info) {
    return info.getInfo() instanceof TensorInfo t && t.getShape().length == 3;
  }

  private static String describe(Map<String, NodeInfo> nodes) {
    List<String> parts = new ArrayList<>();
    nodes.forEach((name, info) -> parts.add(name + (info.getInfo() instanceof TensorInfo t
        ? java.util.Arrays.toString(t.getShape()).replace("-1", "?") : "")));
    return parts.toString();
  }

  static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    String line = message.strip();
    int newline = line.indexOf('\n');
    return newline < 0 ? line : line.substring(0, newline);
  }

  @Override
  public void close() {
    try {
      if (session != null) {
        session.close();
      }
    } catch (OrtException e) {
      // closing a session cannot be retried; nothing useful to do
    }
  }
}
