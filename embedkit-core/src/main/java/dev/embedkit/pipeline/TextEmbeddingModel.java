package dev.embedkit.pipeline;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Modality;
import dev.embedkit.ModelInfo;
import dev.embedkit.PreparedTexts;
import dev.embedkit.TokenInfo;
import dev.embedkit.model.ModelConfig;
import dev.embedkit.model.Quantize;
import dev.embedkit.model.TokenStates;
import dev.embedkit.onnx.GraphFacts;
import dev.embedkit.onnx.OnnxEncoder;
import dev.embedkit.text.TextTokenizer;
import dev.embedkit.text.Tokens;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sentence-transformers text model: prompt, tokenise, encode with ONNX Runtime, pool, normalise, then
 * {@link PostProcessor} for dimensions and precision. Batches are grouped by length and run on a small pool of
 * inference threads.
 */
public final class TextEmbeddingModel implements EmbeddingModel {
  private final ModelConfig config;
  private final String weights;
  private final TextTokenizer tokenizer;
  private final OnnxEncoder encoder;
  private final InferencePlan plan;
  private final ExecutorService workers;
  private final int dimensions;
  private final PostProcessor post;
  private final ModelLifecycle lifecycle;

  public TextEmbeddingModel(ModelConfig config, int threads, Quantize quantize) {
    this.config = config;
    this.lifecycle = new ModelLifecycle(config.name());
    this.tokenizer = new TextTokenizer(config.tokenizerFile(), config.maxSeqLength());
    OnnxEncoder loaded;
    try {
      GraphFacts facts = GraphFacts.scan(config.onnxFile());
      if (quantize == Quantize.INT8) {
        if (facts.quantized()) {
          throw EmbedkitException.invalidInput(config.name() + " is already quantised; int8 quantisation needs an fp32 "
              + "graph (use the fp32 model, e.g. all-minilm-l6-v2, with --quantize int8)");
        }
        Path graph = Int8Graph.cached(config, tokenizer);
        OnnxEncoder int8;
        try {
          int8 = open(graph, threads);
        } catch (EmbedkitException damaged) {
          int8 = open(Int8Graph.rebuild(config, tokenizer, graph, damaged.getMessage()), threads);
        }
        this.plan = InferencePlan.forGraph(int8.facts(), threads);
        loaded = int8;
      } else {
        this.plan = InferencePlan.forGraph(facts, threads);
        loaded = new OnnxEncoder(config.onnxFile(), facts, plan.intraOpThreads());
      }
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
    this.encoder = loaded;
    this.weights = !encoder.facts().quantized() ? "fp32" : quantize == Quantize.INT8 ? "int8-static" : "int8";
    int graphHidden = encoder.hiddenSize();
    if (config.dimensions() > 0 && graphHidden > 0 && config.dimensions() != graphHidden) {
      close();
      throw EmbedkitException.model(config.name() + ": the pooling config says " + config.dimensions()
          + " dimensions but the ONNX graph outputs " + graphHidden, null);
    }
    this.dimensions = graphHidden > 0 ? graphHidden : config.dimensions();
    AtomicInteger counter = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(plan.workers(), r -> {
      Thread t = new Thread(r, "embedkit-inference-" + counter.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.post = new PostProcessor(config.name(), this::embedCalibration);
    ModelLifecycle.track(this);
  }

  private static OnnxEncoder open(Path graph, int threads) {
    GraphFacts facts = GraphFacts.scan(graph);
    return new OnnxEncoder(graph, facts, InferencePlan.forGraph(facts, threads).intraOpThreads());
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo(config.name(), config.folder(), weights, dimensions, config.maxSeqLength(), config.pooling(),
        config.normalize(), config.prompts().byName(), config.prompts().defaultName(), config.similarity(),
        Set.of(Modality.TEXT), encoder.facts().sizeBytes(), encoder.signature());
  }

  /** How inference is spread over threads, for benchmarks and logs. */
  public InferencePlan plan() {
    return plan;
  }

  @Override
  public EmbeddingResult embed(List<String> texts, EmbedOptions options) {
    EmbedOptions checked = EmbedOptions.require(options);
    return lifecycle.use(() -> {
      int outDims = post.checkDimensions(checked.dimensions(), dimensions);
      String prompt = promptText(checked);
      List<float[]> pooled = new ArrayList<>(texts == null ? 0 : texts.size());
      Tokens[] tokens = encodeAll(texts, prompt, checked.truncate(), pooled);
      return post.finish(pooled, tokens, dimensions, outDims, config.normalize(), checked);
    });
  }

  @Override
  public PreparedTexts prepare(List<String> texts, EmbedOptions options) {
    EmbedOptions checked = EmbedOptions.require(options);
    return lifecycle.use(() -> {
      Tokens[] tokens = tokenize(texts, promptText(checked), checked.truncate());
      int[] counts = new int[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        counts[i] = tokens[i].length();
      }
      return new PreparedTexts(texts, checked, counts, this, java.util.Arrays.asList(tokens));
    });
  }

  @Override
  public EmbeddingResult embed(PreparedTexts prepared) {
    if (!prepared.preparedBy(this) || prepared.perText() == null) {
      return embed(prepared.texts(), prepared.options());
    }
    EmbedOptions checked = prepared.options();
    return lifecycle.use(() -> {
      int outDims = post.checkDimensions(checked.dimensions(), dimensions);
      Tokens[] tokens = prepared.perText().toArray(new Tokens[0]);
      List<float[]> pooled = new ArrayList<>(tokens.length);
      pool(tokens, promptText(checked), pooled);
      return post.finish(pooled, tokens, dimensions, outDims, config.normalize(), checked);
    });
  }

  @Override
  public int[] countTokens(List<String> texts, EmbedOptions options) {
    return prepare(texts, options).tokenCounts();
  }

  private String promptText(EmbedOptions options) {
    if (options.prompt() != null) {
      return options.prompt();
    }
    if (options.promptName() != null) {
      return config.prompts().text(options.promptName());
    }
    if (config.prompts().defaultName() != null) {
      return config.prompts().text(config.prompts().defaultName());
    }
    return "";
  }

  /** Prompted, checked and tokenised inputs; with truncation off, a too-long input fails naming its index. */
  private Tokens[] tokenize(List<String> texts, String prompt, boolean truncate) {
    List<String> prepared = TextChecks.prepare(texts, prompt, config.doLowerCase());
    Tokens[] tokens = prepared.isEmpty() ? new Tokens[0] : tokenizer.encodeAll(prepared);
    TextChecks.checkLengths(tokens, truncate, config.maxSeqLength());
    return tokens;
  }

  /** Tokenises and runs the model; fills {@code pooled} in input order and returns the tokens. */
  private Tokens[] encodeAll(List<String> texts, String prompt, boolean truncate, List<float[]> pooled) {
    Tokens[] tokens = tokenize(texts, prompt, truncate);
    pool(tokens, prompt, pooled);
    return tokens;
  }

  /** Runs the model on tokenised inputs; fills {@code pooled} in input order. */
  private void pool(Tokens[] tokens, String prompt, List<float[]> pooled) {
    int promptTokens = !config.includePrompt() && !prompt.isEmpty() ? Math.max(0, tokenizer.encode(prompt).length() - 1) : 0;
    float[][] out = new float[tokens.length][];
    runBatches(tokens, promptTokens, (batch, states) -> {
      for (int row = 0; row < batch.length; row++) {
        out[batch[row]] = config.pooling().pool(states, row);
      }
    });
    for (float[] vector : out) {
      pooled.add(vector);
    }
  }

  @Override
  public List<List<TokenInfo>> tokenize(List<String> texts, EmbedOptions options) {
    EmbedOptions checked = EmbedOptions.require(options);
    return lifecycle.use(() -> {
      List<String> prepared = TextChecks.prepare(texts, promptText(checked), config.doLowerCase());
      if (!checked.truncate()) {
        tokenize(texts, promptText(checked), false);
      }
      List<List<TokenInfo>> out = new ArrayList<>(prepared.size());
      for (String text : prepared) {
        out.add(tokenizer.describe(text));
      }
      return out;
    });
  }

  @Override
  public EmbeddingResult embedTokenIds(List<long[]> ids, EmbedOptions options) {
    EmbedOptions checked = EmbedOptions.require(options);
    return lifecycle.use(() -> {
      int outDims = post.checkDimensions(checked.dimensions(), dimensions);
      if (ids == null) {
        throw EmbedkitException.invalidInput("token ids are null; give a list of id arrays");
      }
      long vocabulary = tokenizer.vocabularySize();
      Tokens[] tokens = new Tokens[ids.size()];
      for (int i = 0; i < tokens.length; i++) {
        long[] row = ids.get(i);
        if (row == null) {
          throw EmbedkitException.invalidInputAt(i, "is null; give an array of token ids");
        }
        for (long id : row) {
          if (id < 0 || id >= vocabulary) {
            throw EmbedkitException.invalidInputAt(i, "has the token id " + id + ", outside the vocabulary of model "
                + config.name() + " (ids 0 to " + (vocabulary - 1) + ")");
          }
        }
        tokens[i] = tokenizer.frame(row);
      }
      TextChecks.checkLengths(tokens, checked.truncate(), config.maxSeqLength());
      List<float[]> pooled = new ArrayList<>(tokens.length);
      pool(tokens, "", pooled);
      return post.finish(pooled, tokens, dimensions, outDims, config.normalize(), checked);
    });
  }

  @Override
  public List<float[][]> embedTokens(List<String> texts, EmbedOptions options) {
    EmbedOptions checked = EmbedOptions.require(options);
    return lifecycle.use(() -> {
      Tokens[] tokens = tokenize(texts, promptText(checked), checked.truncate());
      float[][][] out = new float[tokens.length][][];
      runBatches(tokens, 0, (batch, states) -> {
        for (int row = 0; row < batch.length; row++) {
          float[][] rows = new float[tokens[batch[row]].length()][];
          for (int t = 0; t < rows.length; t++) {
            rows[t] = states.token(row, t);
          }
          out[batch[row]] = rows;
        }
      });
      return java.util.Arrays.asList(out);
    });
  }

  /** What to do with one batch's transformer output. */
  private interface BatchSink {
    void accept(int[] batch, TokenStates states);
  }

  /** Runs the tokens through the model in length-sorted batches on the worker threads. */
  private void runBatches(Tokens[] tokens, int promptTokens, BatchSink sink) {
    int[] lengths = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      lengths[i] = tokens[i].length();
    }
    List<Callable<Void>> jobs = new ArrayList<>();
    for (int[] batch : LengthBatcher.plan(lengths, plan.maxBatchSize(), plan.tokenBudget())) {
      jobs.add(() -> {
        sink.accept(batch, runBatch(batch, tokens, promptTokens));
        return null;
      });
    }
    runAll(jobs);
  }

  private TokenStates runBatch(int[] batch, Tokens[] tokens, int promptTokens) {
    int seqLen = 0;
    for (int index : batch) {
      seqLen = Math.max(seqLen, tokens[index].length());
    }
    long[][] ids = new long[batch.length][];
    long[][] types = new long[batch.length][];
    long[][] mask = new long[batch.length][seqLen];
    long[][] poolingMask = promptTokens > 0 ? new long[batch.length][seqLen] : mask;
    for (int row = 0; row < batch.length; row++) {
      Tokens t = tokens[batch[row]];
      ids[row] = t.ids();
      types[row] = t.typeIds();
      java.util.Arrays.fill(mask[row], 0, t.length(), 1L);
      if (promptTokens > 0) {
        // sentence-transformers masks [CLS] and the prompt's tokens out of pooling when include_prompt is false
        java.util.Arrays.fill(poolingMask[row], Math.min(promptTokens, t.length()), t.length(), 1L);
      }
    }
    return encoder.encode(ids, types, mask, poolingMask, seqLen);
  }

  private void runAll(List<Callable<Void>> jobs) {
    if (jobs.size() == 1) {
      try {
        jobs.get(0).call();
        return;
      } catch (RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw EmbedkitException.internal("inference failed: " + e.getMessage(), e);
      }
    }
    List<Future<Void>> futures = new ArrayList<>(jobs.size());
    jobs.forEach(job -> futures.add(workers.submit(job)));
    try {
      for (Future<Void> future : futures) {
        future.get();
      }
    } catch (InterruptedException e) {
      futures.forEach(f -> f.cancel(true));
      Thread.currentThread().interrupt();
      throw EmbedkitException.internal("interrupted while embedding", e);
    } catch (ExecutionException e) {
      futures.forEach(f -> f.cancel(true));
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw EmbedkitException.internal("inference failed: " + e.getCause(), e.getCause());
    }
  }

  private List<float[]> embedCalibration(List<String> sentences) {
    List<float[]> pooled = new ArrayList<>(sentences.size());
    encodeAll(sentences, "", true, pooled);
    return pooled;
  }

  /** Closes the model once, after the calls in flight finish; later calls fail with UNAVAILABLE. */
  @Override
  public void close() {
    lifecycle.close(() -> {
      if (workers != null) {
        workers.shutdownNow();
      }
      if (encoder != null) {
        encoder.close();
      }
      tokenizer.close();
    });
  }
}
