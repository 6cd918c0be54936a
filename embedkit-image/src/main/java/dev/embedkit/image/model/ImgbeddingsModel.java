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
import dev.embedkit.maths.Pca;
import dev.embedkit.pipeline.ModelLifecycle;
import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * imgbeddings-compatible image vectors (minimaxir/imgbeddings) from its ONNX export of CLIPVisionModel: the image is
 * padded to a black square, preprocessed as CLIPImageProcessor without centre crop, and pooled by
 * {@link ImgbeddingsPooling}. Three output layouts are read: per-layer {@code hidden_states.N} / {@code attentions.N}
 * (Optimum naming), stacked {@code hidden_states [B, L+1, T, H]} / {@code attentions [B, L, heads, T, T]}
 * (imgbeddings' models.py), or an {@code embeddings} output already pooled in the graph (imgbeddings' published
 * patchNN_v1.onnx). Vectors are not normalised, as imgbeddings returns them; an optional {@link Pca} reduces them.
 * There is no text side: {@link #embed(List, EmbedOptions)} fails with UNSUPPORTED.
 */
public final class ImgbeddingsModel implements ImageEmbeddingModel {
  /** imgbeddings' default: the last 3 layers. */
  public static final int DEFAULT_LAYERS = 3;

  private enum Layout { POOLED, PER_LAYER, STACKED }

  private final String name;
  private final Path folder;
  private final OnnxGraph graph;
  private final Layout layout;
  private final int layers;
  private final Pca pca;
  private final ImagePipeline pipeline;
  /** The same pipeline without PCA. */
  private final ImagePipeline raw;
  private final int hiddenSize;
  private final int threads;
  private final ModelLifecycle lifecycle;

  ImgbeddingsModel(String name, Path folder, Path onnxFile, PreprocessorConfig config, int layers, Pca pca, ImageLoader loader, int threads) {
    this.threads = threads;
    this.name = name;
    this.lifecycle = new ModelLifecycle(name);
    this.folder = folder;
    this.layers = layers;
    this.pca = pca;
    this.graph = new OnnxGraph(onnxFile, threads);
    try {
      if (!graph.hasInput("pixel_values")) {
        throw EmbedkitException.model("ONNX graph " + onnxFile + " has " + graph.signature()
            + "; an imgbeddings export takes pixel_values", null);
      }
      this.layout = graph.hasOutput("embeddings") ? Layout.POOLED
          : graph.hasOutput("hidden_states.0") && graph.hasOutput("attentions.0") ? Layout.PER_LAYER
          : graph.hasOutput("hidden_states") && graph.hasOutput("attentions") ? Layout.STACKED : null;
      if (layout == null) {
        throw EmbedkitException.model("ONNX graph " + onnxFile + " has " + graph.signature() + "; an imgbeddings export"
            + " needs hidden_states.N and attentions.N, stacked hidden_states and attentions, or a pooled embeddings output", null);
      }
      ClipPreprocessor preprocessor = new ClipPreprocessor(config.withoutCenterCrop());
      this.raw = new ImagePipeline(name, loader, ClipPreprocessor::squarePad, preprocessor, this::encode, ImagePipeline.DEFAULT_BATCH_SIZE);
      this.hiddenSize = raw.raw(List.of(RgbImage.black(8, 8))).get(0).length;
      if (pca != null && pca.inputDimensions() != hiddenSize) {
        throw EmbedkitException.model("the PCA for " + name + " takes " + pca.inputDimensions() + " dimensions but the model gives "
            + hiddenSize, null);
      }
      this.pipeline = pca == null ? raw : new ImagePipeline(name, loader, ClipPreprocessor::squarePad, preprocessor, this::encode,
          ImagePipeline.DEFAULT_BATCH_SIZE, pca::transform);
      ModelLifecycle.track(this);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
  }

  /** The model with a PCA applied to every vector (fit one with {@link #fitPca}). */
  public ImgbeddingsModel withPca(Pca reduction) {
    return new ImgbeddingsModel(name, folder, graph.file(), pipeline.preprocessor().config(), layers, reduction, pipeline.loader(), threads);
  }

  /** Fits a PCA of {@code components} dimensions on these images' raw (unreduced) vectors. */
  public Pca fitPca(List<ImageInput> images, int components) {
    return lifecycle.use(() -> Pca.fit(raw.raw(pipeline.loader().loadAll(images)), components));
  }

  @Override
  public ModelInfo info() {
    return new ModelInfo(name, folder, "fp32", dimensions(), 0, null, false, Map.of(), null, Metric.COSINE,
        Set.of(Modality.IMAGE), graph.file().toFile().length(), graph.signature());
  }

  private int dimensions() {
    return pca != null ? pca.outputDimensions() : hiddenSize;
  }

  @Override
  public ImageLoader loader() {
    return pipeline.loader();
  }

  @Override
  public EmbeddingResult embedImages(List<ImageInput> images, EmbedOptions options) {
    EmbedOptions.require(options);
    return lifecycle.use(() -> embedDecoded(pipeline.loader().loadAll(images), options));
  }

  @Override
  public EmbeddingResult embedDecoded(List<RgbImage> images, EmbedOptions options) {
    EmbedOptions.require(options);
    return lifecycle.use(() -> pipeline.embedDecoded(images, options, dimensions(), false));
  }

  @Override
  public EmbeddingResult embed(List<String> texts, EmbedOptions options) {
    throw EmbedkitException.unsupported("model " + name + " is an imgbeddings image model and cannot embed text; "
        + "use a CLIP model for text and images in one space");
  }

  @Override
  public int[] countTokens(List<String> texts, EmbedOptions options) {
    throw EmbedkitException.unsupported("model " + name + " is an imgbeddings image model and has no tokenizer");
  }

  private float[][] encode(float[] pixels, int batch, int height, int width) {
    Map<String, OnnxGraph.Output> out;
    if (layout == Layout.POOLED) {
      out = graph.run(Map.of("pixel_values", Map.entry(pixels, new long[] {batch, 3, height, width})), Map.of(), Set.of("embeddings"));
      return split(out.get("embeddings").data(), batch);
    }
    if (layout == Layout.STACKED) {
      out = graph.run(Map.of("pixel_values", Map.entry(pixels, new long[] {batch, 3, height, width})), Map.of(),
          Set.of("hidden_states", "attentions"));
      OnnxGraph.Output hs = out.get("hidden_states");
      OnnxGraph.Output at = out.get("attentions");
      int hsLayers = (int) hs.shape()[1];
      int atLayers = (int) at.shape()[1];
      checkLayers(Math.min(hsLayers - 1, atLayers));
      int tokens = (int) hs.shape()[2];
      int hidden = (int) hs.shape()[3];
      int heads = (int) at.shape()[2];
      float[][] result = new float[batch][];
      int hsLayer = tokens * hidden;
      int atLayer = heads * tokens * tokens;
      for (int b = 0; b < batch; b++) {
        float[][] h = new float[layers][];
        float[][] a = new float[layers][];
        for (int l = 0; l < layers; l++) {
          int hl = hsLayers - layers + l;
          int al = atLayers - layers + l;
          h[l] = java.util.Arrays.copyOfRange(hs.data(), (b * hsLayers + hl) * hsLayer, (b * hsLayers + hl + 1) * hsLayer);
          a[l] = java.util.Arrays.copyOfRange(at.data(), (b * atLayers + al) * atLayer, (b * atLayers + al + 1) * atLayer);
        }
        result[b] = ImgbeddingsPooling.pool(h, a, tokens, hidden, heads);
      }
      return result;
    }
    TreeMap<Integer, String> hiddenNames = indexed("hidden_states.");
    TreeMap<Integer, String> attentionNames = indexed("attentions.");
    checkLayers(Math.min(hiddenNames.size() - 1, attentionNames.size()));
    List<String> hNames = new ArrayList<>(hiddenNames.values()).subList(hiddenNames.size() - layers, hiddenNames.size());
    List<String> aNames = new ArrayList<>(attentionNames.values()).subList(attentionNames.size() - layers, attentionNames.size());
    Set<String> wanted = new java.util.HashSet<>(hNames);
    wanted.addAll(aNames);
    out = graph.run(Map.of("pixel_values", Map.entry(pixels, new long[] {batch, 3, height, width})), Map.of(), wanted);
    OnnxGraph.Output first = out.get(hNames.get(0));
    int tokens = (int) first.shape()[1];
    int hidden = (int) first.shape()[2];
    int heads = (int) out.get(aNames.get(0)).shape()[1];
    float[][] result = new float[batch][];
    for (int b = 0; b < batch; b++) {
      float[][] h = new float[layers][];
      float[][] a = new float[layers][];
      for (int l = 0; l < layers; l++) {
        h[l] = slice(out.get(hNames.get(l)).data(), b, tokens * hidden);
        a[l] = slice(out.get(aNames.get(l)).data(), b, heads * tokens * tokens);
      }
      result[b] = ImgbeddingsPooling.pool(h, a, tokens, hidden, heads);
    }
    return result;
  }

  private void checkLayers(int available) {
    if (available < layers) {
      throw EmbedkitException.model("imgbeddings pooling over " + layers + " layers, but graph " + graph.file() + " gives "
          + available + "; set num_layers in imgbeddings.json", null);
    }
  }

  private TreeMap<Integer, String> indexed(String prefix) {
    TreeMap<Integer, String> names = new TreeMap<>();
    for (String output : graph.outputNames()) {
      if (output.startsWith(prefix)) {
        try {
          names.put(Integer.parseInt(output.substring(prefix.length())), output);
        } catch (NumberFormatException e) {
          // not a layer output
        }
      }
    }
    return names;
  }

  private static float[] slice(float[] data, int b, int size) {
    return java.util.Arrays.copyOfRange(data, b * size, (b + 1) * size);
  }

  static float[][] split(float[] data, int batch) {
    int d = data.length / batch;
    float[][] out = new float[batch][];
    for (int b = 0; b < batch; b++) {
      out[b] = java.util.Arrays.copyOfRange(data, b * d, (b + 1) * d);
    }
    return out;
  }

  /** Closes the model once, after the calls in flight finish; later calls fail with UNAVAILABLE. */
  @Override
  public void close() {
    lifecycle.close(graph::close);
  }
}
