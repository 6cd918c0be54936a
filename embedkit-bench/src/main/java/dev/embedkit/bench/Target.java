package dev.embedkit.bench;

import dev.embedkit.Embedkit;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.Quantize;
import dev.embedkit.pipeline.TextEmbeddingModel;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The libraries and models the benchmark compares. The peer is LangChain4j's in-process all-MiniLM-L6-v2, used with
 * its defaults (a thread pool of one thread per core, one text per ONNX Runtime call).
 */
enum Target {
  PEER_FP32("peer-fp32", false, () -> new Peer(new AllMiniLmL6V2EmbeddingModel())),
  PEER_INT8("peer-int8", false, () -> new Peer(new AllMiniLmL6V2QuantizedEmbeddingModel())),
  EMBEDKIT_FP32("embedkit-fp32", true, () -> new Ours(Embedkit.load("all-minilm-l6-v2"))),
  /** The fp32 pack rewritten to static int8 at load ({@code Quantize.INT8}): batched and batch-independent. */
  EMBEDKIT_INT8("embedkit-int8", true,
      () -> new Ours(Embedkit.load("all-minilm-l6-v2", LoadOptions.DEFAULTS.withQuantize(Quantize.INT8)))),
  /** LangChain4j's dynamic-quantisation int8 pack, run one sentence per call to stay batch-independent. */
  EMBEDKIT_INT8_PACK("embedkit-int8-pack", true, () -> new Ours(Embedkit.load("all-minilm-l6-v2-int8"))),
  /** Any model folder or name, from -Dembedkit.bench.model (pass it with --jvm-arg): for trying other exports. */
  EMBEDKIT_MODEL("embedkit-model", true, () -> new Ours(Embedkit.load(requiredModelProperty())));

  static final String MODEL_PROPERTY = "embedkit.bench.model";

  private static String requiredModelProperty() {
    String model = System.getProperty(MODEL_PROPERTY);
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("target embedkit-model needs --jvm-arg=-D" + MODEL_PROPERTY + "=NAME_OR_FOLDER");
    }
    return model;
  }

  /** The run every throughput ratio is taken against. */
  static final Target BASELINE = PEER_FP32;

  private final String label;
  private final boolean embedkit;
  private final Supplier<Embedder> opener;

  Target(String label, boolean embedkit, Supplier<Embedder> opener) {
    this.label = label;
    this.embedkit = embedkit;
    this.opener = opener;
  }

  String label() {
    return label;
  }

  boolean embedkit() {
    return embedkit;
  }

  Embedder open() {
    return opener.get();
  }

  static Target fromString(String name) {
    for (Target target : values()) {
      if (target.label.equalsIgnoreCase(name.strip())) {
        return target;
      }
    }
    throw new IllegalArgumentException("unknown target '" + name + "'; valid targets are " + labels());
  }

  static String labels() {
    return Arrays.stream(values()).map(Target::label).collect(Collectors.joining(", "));
  }

  /** LangChain4j: embedAll over text segments, as its documentation shows. */
  private record Peer(EmbeddingModel model) implements Embedder {
    @Override
    public List<float[]> embedAll(List<String> texts) {
      List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
      return model.embedAll(segments).content().stream().map(Embedding::vector).toList();
    }

    @Override
    public String settings() {
      return "langchain4j defaults: " + Runtime.getRuntime().availableProcessors()
          + " threads, one text per call, ORT default intra-op threads";
    }

    @Override
    public void close() {
      // LangChain4j's in-process models hold their ONNX session for the life of the JVM
    }
  }

  private record Ours(dev.embedkit.EmbeddingModel model) implements Embedder {
    @Override
    public List<float[]> embedAll(List<String> texts) {
      return model.embed(texts).vectors();
    }

    @Override
    public int[] countTokens(List<String> texts) {
      return model.countTokens(texts);
    }

    @Override
    public String settings() {
      String plan = model instanceof TextEmbeddingModel text ? text.plan().toString() : "plan unknown";
      return model.info().weights() + " weights, " + plan;
    }

    @Override
    public void close() {
      model.close();
    }
  }
}
