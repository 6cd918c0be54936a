package dev.embedkit.image.model;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Modality;
import dev.embedkit.ModelInfo;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.decode.RgbImage;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.image.preprocess.ClipPreprocessor;
import dev.embedkit.image.preprocess.PreprocessorConfig;
import dev.embedkit.pipeline.CalibrationCorpus;
import dev.embedkit.pipeline.ModelLifecycle;
import dev.embedkit.pipeline.PostProcessor;
import dev.embedkit.pipeline.TextChecks;
import dev.embedkit.text.TextTokenizer;
import dev.embedkit.text.Tokens;
import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CLIP export in the Hugging Face / Optimum layout: images and texts embedded into CLIP's joint space
 * ({@code image_embeds}, {@code text_embeds}), L2-normalised. Two graph layouts: {@code onnx/vision_model.onnx} +
 * {@code onnx/text_model.onnx}, or one {@code onnx/model.onnx} taking pixel_values, input_ids and attention_mask.
 * Texts are batched by exact token length, so no padding is ever fed and a text's vector does not depend on its batch.
 *
 * <p>The logit scale for zero-shot classification comes from, in order: a {@code logit_scale} graph output, a
 * {@code logit_scale} value (log space, the learned parameter) in config.json, or CLIP's trained value 100 (logged).
 * config.json's {@code logit_scale_init_value} is the value before training and is not used.
 */
public final class ClipModel implements ImageEmbeddingModel {
  private static final Logger LOG = LoggerFactory.getLogger(ClipModel.class);
  /** exp of the learned logit scale of OpenAI's CLIP models (clamped at 100 in training). */
  public static final double DEFAULT_LOGIT_SCALE = 100.0;
  static final int TEXT_BATCH_SIZE = 32;
  static final int DEFAULT_MAX_TEXT_TOKENS = 77;

  private final String name;
  private final Path folder;
  private final OnnxGraph vision;
  private final OnnxGraph text;
  private final boolean combined;
  private final TextTokenizer tokenizer;
  private final ImagePipeline pipeline;
  private final PostProcessor textPost;
  private final int dimensions;
  private final Double configLogitScale;
  private volatile Double logitScale;
  private final ModelLifecycle lifecycle;

  ClipModel(String name, Path folder, ClipLayout layout, PreprocessorConfig config, ImageLoader loader, int threads) {
    this.name = name;
    this.folder = folder;
    this.lifecycle = new ModelLifecycle(name);
    this.configLogitScale = layout.logitScale();
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      this.vision = new OnnxGraph(layout.vision(), threads);
      opened.add(vision);
      this.combined = layout.text() == null || layout.text().equals(layout.vision());
      this.text = combined ? vision : new OnnxGraph(layout.text(), threads);
      if (!combined) {
        opened.add(text);
      }
      vision.require(List.of("pixel_values"), List.of("image_embeds"), "a CLIP vision model");
      if (combined) {
        vision.require(List.of("pixel_values", "input_ids"), List.of("image_embeds", "text_embeds"), "a combined CLIP model");
      } else {
        text.require(List.of("input_ids"), List.of("text_embeds"), "a CLIP text model");
      }
      this.tokenizer = layout.tokenizer() == null ? null : new TextTokenizer(layout.tokenizer(), layout.maxTextTokens());
      if (tokenizer != null) {
        opened.add(tokenizer);
      } else if (combined) {
        throw EmbedkitException.model("CLIP folder " + folder + " has one graph for images and texts but no tokenizer.json", null);
      }
      this.pipeline = new ImagePipeline(name, loader, image -> image, new ClipPreprocessor(config), this::encodeImages,
          ImagePipeline.DEFAULT_BATCH_SIZE);
      this.dimensions = pipeline.raw(List.of(RgbImage.black(8, 8))).get(0).length;
      if (layout.projectionDim() > 0 && layout.projectionDim() != dimensions) {
        throw EmbedkitException.model("config.json says projection_dim " + layout.projectionDim() + " but " + layout.vision()
            + " gives " + dimensions + "-dimensional image_embeds", null);
      }
      this.textPost = new PostProcessor(name, this::rawTexts);
      ModelLifecycle.track(this);
    } catch (RuntimeException e) {
      for (AutoCloseable c : opened) {
        try {
          c.close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  @Override
  public ModelInfo info() {
    Set<Modality> modalities = tokenizer == null ? EnumSet.of(Modality.IMAGE) : EnumSet.of(Modality.IMAGE, Modality.TEXT);
    long size = vision.file().toFile().length() + (combined ? 0 : text.file().toFile().length());
    String signature = combined ? vision.signature() : "vision " + vision.signature() + "; text " + text.signature();
    return new ModelInfo(name, folder, "fp32", dimensions, tokenizer == null ? 0 : tokenizer.maxLength(), null, true,
        Map.of(), null, Metric.COSINE, modalities, size, signature);
  }

  @Override
  public ImageLoader loader() {
    return pipeline.loader();
  }

  @Override
  public EmbeddingResult embedImages(List<ImageInput> images, EmbedOptions options) {
    EmbedOptions.require(options);
    return lifecycle.use(() -> pipeline.embed(images, options, dimensions, true));
  }

  @Override
  public EmbeddingResult embedDecoded(List<RgbImage> images, EmbedOptions options) {
    EmbedOptions.require(options);
    return lifecycle.use(() -> pipeline.embedDecoded(images, options, dimensions, true));
  }

  @Override
  public EmbeddingResult embed(List<String> texts, EmbedOptions options) {
    EmbedOptions.require(options);
    requireText();
    return lifecycle.use(() -> {
      int outDims = textPost.checkDimensions(options.dimensions(), dimensions);
      Tokens[] tokens = tokenizeText(texts, options);
      return textPost.finish(encodeTexts(tokens), tokens, dimensions, outDims, true, options);
    });
  }

  @Override
  public int[] countTokens(List<String> texts, EmbedOptions options) {
    EmbedOptions.require(options);
    requireText();
    Tokens[] tokens = lifecycle.use(() -> tokenizeText(texts, options));
    int[] counts = new int[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      counts[i] = tokens[i].length();
    }
    return counts;
  }

  private Tokens[] tokenizeText(List<String> texts, EmbedOptions options) {
    if (options.promptName() != null) {
      throw EmbedkitException.invalidInput("model " + name + " has no named prompts; give a prompt text instead");
    }
    List<String> prepared = TextChecks.prepare(texts, options.prompt() != null ? options.prompt() : "", false);
    Tokens[] tokens = prepared.isEmpty() ? new Tokens[0] : tokenizer.encodeAll(prepared);
    TextChecks.checkLengths(tokens, options.truncate(), tokenizer.maxLength());
    return tokens;
  }

  /** exp(learned logit scale): what CLIP multiplies cosine similarities by before the softmax. */
  public double logitScale() {
    Double scale = logitScale;
    if (scale == null) {
      scale = lifecycle.use(this::resolveLogitScale);
      logitScale = scale;
    }
    return scale;
  }

  private double resolveLogitScale() {
    OnnxGraph withOutput = text.hasOutput("logit_scale") ? text : vision.hasOutput("logit_scale") ? vision : null;
    if (withOutput != null) {
      Map<String, OnnxGraph.Output> out = withOutput == text && !combined
          ? text.run(Map.of(), textFeed(new long[][] {{0, 1}}), Set.of("logit_scale"))
          : withOutput.run(pixelFeed(new float[3 * 224 * 224], 1), combined ? textFeed(new long[][] {{0, 1}}) : Map.of(),
              Set.of("logit_scale"));
      // exports keep the parameter as CLIPModel holds it: in log space
      return Math.exp(out.get("logit_scale").data()[0]);
    }
    if (configLogitScale != null) {
      return Math.exp(configLogitScale);
    }
    LOG.info("{}: no logit_scale output or config value; using CLIP's trained scale {}", name, DEFAULT_LOGIT_SCALE);
    return DEFAULT_LOGIT_SCALE;
  }

  private void requireText() {
    if (tokenizer == null) {
      throw EmbedkitException.unsupported("model " + name + " has no tokenizer.json, so it embeds images only");
    }
  }

  private float[][] encodeImages(float[] pixels, int batch, int height, int width) {
    Map<String, Map.Entry<long[], long[]>> longs = combined ? textFeed(new long[][] {tokenizer.encode("").ids()}) : Map.of();
    Map<String, OnnxGraph.Output> out = vision.run(
        Map.of("pixel_values", Map.entry(pixels, new long[] {batch, 3, height, width})), longs, Set.of("image_embeds"));
    return ImgbeddingsModel.split(out.get("image_embeds").data(), batch);
  }

  /** Texts grouped by token count, so every batch is unpadded. */
  private List<float[]> encodeTexts(Tokens[] tokens) {
    float[][] out = new float[tokens.length][];
    Map<Integer, List<Integer>> byLength = new HashMap<>();
    for (int i = 0; i < tokens.length; i++) {
      byLength.computeIfAbsent(tokens[i].length(), k -> new ArrayList<>()).add(i);
    }
    for (List<Integer> group : byLength.values()) {
      for (int start = 0; start < group.size(); start += TEXT_BATCH_SIZE) {
        List<Integer> batch = group.subList(start, Math.min(group.size(), start + TEXT_BATCH_SIZE));
        long[][] ids = new long[batch.size()][];
        for (int r = 0; r < batch.size(); r++) {
          ids[r] = tokens[batch.get(r)].ids();
        }
        Map<String, OnnxGraph.Output> result = combined
            ? text.run(pixelFeed(new float[3 * 224 * 224], 1), textFeed(ids), Set.of("text_embeds"))
            : text.run(Map.of(), textFeed(ids), Set.of("text_embeds"));
        float[][] vectors = ImgbeddingsModel.split(result.get("text_embeds").data(), batch.size());
        for (int r = 0; r < batch.size(); r++) {
          out[batch.get(r)] = vectors[r];
        }
      }
    }
    return List.of(out);
  }

  private List<float[]> rawTexts(List<String> sentences) {
    return encodeTexts(tokenizer.encodeAll(sentences));
  }

  private Map<String, Map.Entry<long[], long[]>> textFeed(long[][] ids) {
    int rows = ids.length;
    int len = ids[0].length;
    long[] flat = new long[rows * len];
    long[] mask = new long[rows * len];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(ids[r], 0, flat, r * len, len);
    }
    java.util.Arrays.fill(mask, 1L);
    long[] shape = {rows, len};
    Map<String, Map.Entry<long[], long[]>> feed = new HashMap<>();
    feed.put("input_ids", Map.entry(flat, shape));
    if (text.hasInput("attention_mask")) {
      feed.put("attention_mask", Map.entry(mask, shape));
    }
    return feed;
  }

  private static Map<String, Map.Entry<float[], long[]>> pixelFeed(float[] pixels, int batch) {
    return Map.of("pixel_values", Map.entry(pixels, new long[] {batch, 3, 224, 224}));
  }

  /** The calibration corpus's text vectors (for tests and tools that want CLIP's text-side ranges). */
  List<float[]> calibrationTexts() {
    return rawTexts(CalibrationCorpus.sentences());
  }

  /** Closes the model once, after the calls in flight finish; later calls fail with UNAVAILABLE. */
  @Override
  public void close() {
    lifecycle.close(() -> {
      vision.close();
      if (!combined) {
        text.close();
      }
      if (tokenizer != null) {
        tokenizer.close();
      }
    });
  }
}
