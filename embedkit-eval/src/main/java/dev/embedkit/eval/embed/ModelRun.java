package dev.embedkit.eval.embed;

import dev.embedkit.progress.ProgressBar;
import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.Quantize;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Modality;
import dev.embedkit.ModelInfo;
import dev.embedkit.pipeline.CalibrationCorpus;
import dev.embedkit.quant.Precision;
import dev.embedkit.quant.QuantizationRanges;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One model loaded for an evaluation: embeds a dataset's texts once (float32, full dimensions, through the
 * {@link EmbeddingCache}) and derives every requested (dimensions, precision) variant from those vectors. int8/uint8
 * use the model's default calibration as core does: ranges over its embeddings of core's fixed calibration corpus.
 */
public final class ModelRun implements AutoCloseable {
  /** Texts per embed call: large enough for core's length batching, small enough for a smooth progress bar. */
  static final int CHUNK = 128;

  private final String name;
  private final EmbeddingModel model;
  private final ModelInfo info;
  private final EmbeddingCache cache;
  private final ProgressBar progress;
  private final String identity;
  private final Map<Integer, QuantizationRanges> rangesByDims = new ConcurrentHashMap<>();
  private List<float[]> calibration;

  private ModelRun(String name, EmbeddingModel model, EmbeddingCache cache, ProgressBar progress) {
    this.name = name;
    this.model = model;
    this.info = model.info();
    this.cache = cache;
    this.progress = progress;
    this.identity = String.join("|", info.name(), info.weights(), Long.toString(info.sizeBytes()), info.signature(),
        Integer.toString(info.maxSeqLength()), String.valueOf(info.pooling()), Boolean.toString(info.normalize()));
  }

  /** Loads a model by name or path and checks that it embeds text. */
  public static ModelRun open(String name, EmbeddingCache cache, ProgressBar progress, String task) {
    return open(name, Quantize.NONE, cache, progress, task);
  }

  /** Loads a model by name or path, its dense layers quantised as asked, and checks that it embeds text. */
  public static ModelRun open(String name, Quantize quantize, EmbeddingCache cache, ProgressBar progress, String task) {
    EmbeddingModel model = Embedkit.load(name, LoadOptions.DEFAULTS.withQuantize(quantize));
    if (!model.info().modalities().contains(Modality.TEXT)) {
      String has = model.info().modalities().toString().toLowerCase(java.util.Locale.ROOT);
      model.close();
      throw EmbedkitException.unsupported("model " + name + " embeds " + has + ", not text; eval " + task
          + " needs a text model");
    }
    return new ModelRun(name, model, cache, progress);
  }

  /** Wraps an already loaded model (tests); the run closes it. */
  public static ModelRun of(String name, EmbeddingModel model, EmbeddingCache cache, ProgressBar progress) {
    return new ModelRun(name, model, cache, progress);
  }

  public String name() {
    return name;
  }

  public ModelInfo info() {
    return info;
  }

  /** Float32 full-dimension embeddings of {@code texts} with {@code prompt} prepended, from the cache when present. */
  public List<float[]> embed(List<String> texts, String prompt, String what) {
    String key = EmbeddingCache.key(identity, prompt, texts);
    var cached = cache.get(name, key, texts.size());
    if (cached.isPresent()) {
      return cached.get();
    }
    List<float[]> vectors = embedFresh(texts, prompt, what);
    cache.put(name, key, vectors);
    return vectors;
  }

  private List<float[]> embedFresh(List<String> texts, String prompt, String what) {
    Integer[] order = new Integer[texts.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    // longest first, so each call's length batches are tight and the slow part shows early in the progress bar
    java.util.Arrays.sort(order, Comparator.comparingInt((Integer i) -> texts.get(i).length()).reversed());
    ProgressBar bar = progress.next("embedding " + what + " with " + name, texts.size());
    EmbedOptions options = EmbedOptions.DEFAULTS.withPrompt(prompt);
    float[][] out = new float[texts.size()][];
    for (int start = 0; start < order.length; start += CHUNK) {
      int end = Math.min(order.length, start + CHUNK);
      List<String> chunk = new ArrayList<>(end - start);
      for (int i = start; i < end; i++) {
        chunk.add(texts.get(order[i]));
      }
      List<float[]> vectors = model.embed(chunk, options).vectors();
      for (int i = start; i < end; i++) {
        out[order[i]] = vectors.get(i - start);
      }
      bar.advance(end - start);
    }
    bar.finish();
    return List.of(out);
  }

  /** Full dimensions when {@code requested} is null; otherwise checked against the model's. */
  public int dimensions(Integer requested) {
    if (requested == null) {
      return info.dimensions();
    }
    if (requested < 1 || requested > info.dimensions()) {
      throw EmbedkitException.invalidInput("dimensions must be between 1 and " + info.dimensions() + " for model "
          + name + "; dimensions=" + requested);
    }
    return requested;
  }

  /** The vectors of one variant, derived from full float32 embeddings. */
  public List<float[]> variant(List<float[]> full, int dims, Precision precision) {
    QuantizationRanges ranges = precision.needsRanges() ? ranges(dims) : null;
    return VariantVectors.derive(full, dims, precision, info.normalize(), ranges);
  }

  private QuantizationRanges ranges(int dims) {
    return rangesByDims.computeIfAbsent(dims, d -> {
      synchronized (this) {
        if (calibration == null) {
          calibration = embed(CalibrationCorpus.sentences(), "", "calibration corpus");
        }
      }
      return QuantizationRanges.of(VariantVectors.shapeAll(calibration, d, info.normalize()));
    });
  }

  @Override
  public void close() {
    model.close();
  }
}
