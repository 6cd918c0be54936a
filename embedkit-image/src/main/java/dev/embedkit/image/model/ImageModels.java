package dev.embedkit.image.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.image.preprocess.PreprocessorConfig;
import dev.embedkit.maths.Pca;
import dev.embedkit.model.LoadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Recognises and loads image model folders.
 *
 * <ul>
 *   <li>CLIP: {@code onnx/vision_model.onnx} (+ {@code onnx/text_model.onnx}), or {@code onnx/model.onnx} with
 *       config.json {@code "model_type": "clip"}; preprocessor_config.json and tokenizer.json beside them.
 *   <li>imgbeddings: a folder with {@code imgbeddings.json} ({@code {"num_layers": 3}}, may be {@code {}}) and the
 *       ONNX export as {@code onnx/model.onnx}, {@code model.onnx} or imgbeddings' own {@code patchNN_v1.onnx}; or
 *       a folder holding a {@code patchNN_vN.onnx}. preprocessor_config.json is optional (CLIP's defaults, no crop);
 *       {@code pca.json} beside it, when present, is applied to every vector.
 * </ul>
 *
 * <pre>{@code
 * ImageEmbeddingModel clip = ImageEmbeddingModel.of(Embedkit.load("/models/clip-vit-base-patch32"));
 * }</pre>
 */
public final class ImageModels {
  /** What a folder holds. */
  public enum Kind { CLIP, IMGBEDDINGS }

  private ImageModels() {}

  /** The kind of image model in the folder, or null when it is not one. */
  public static Kind kindOf(Path folder) {
    if (!Files.isDirectory(folder)) {
      return null;
    }
    if (Files.isRegularFile(folder.resolve("imgbeddings.json")) || patchGraph(folder) != null) {
      return Kind.IMGBEDDINGS;
    }
    return ClipLayout.recognises(folder) ? Kind.CLIP : null;
  }

  public static ImageEmbeddingModel load(String name, Path folder, LoadOptions options, ImageLoader loader) {
    Kind kind = kindOf(folder);
    if (kind == null) {
      throw EmbedkitException.model(folder + " is not a CLIP or imgbeddings export (no onnx/vision_model.onnx, no config.json"
          + " with model_type clip, no imgbeddings.json)", null);
    }
    if (options.quantizeOrDefault() != dev.embedkit.model.Quantize.NONE) {
      throw EmbedkitException.invalidInput(name + " is an image model; --quantize int8 works on text models only "
          + "(use --quantize none)");
    }
    int threads = options.threadsOrDefault();
    Path preprocessor = folder.resolve("preprocessor_config.json");
    if (kind == Kind.CLIP) {
      PreprocessorConfig config = Files.isRegularFile(preprocessor) ? PreprocessorConfig.read(preprocessor) : PreprocessorConfig.CLIP_DEFAULTS;
      return new ClipModel(name, folder, ClipLayout.read(folder), config, loader, threads);
    }
    PreprocessorConfig config = Files.isRegularFile(preprocessor) ? PreprocessorConfig.read(preprocessor) : PreprocessorConfig.CLIP_DEFAULTS;
    Path graph = imgbeddingsGraph(folder);
    if (graph == null) {
      throw EmbedkitException.model("imgbeddings folder " + folder + " has no onnx/model.onnx, model.onnx or patchNN_vN.onnx", null);
    }
    int layers = ImgbeddingsModel.DEFAULT_LAYERS;
    Path settings = folder.resolve("imgbeddings.json");
    if (Files.isRegularFile(settings)) {
      try {
        JsonNode json = new ObjectMapper().readTree(settings.toFile());
        layers = json.path("num_layers").asInt(layers);
      } catch (IOException e) {
        throw EmbedkitException.model("cannot read " + settings + ": " + e.getMessage(), e);
      }
    }
    Pca pca = Files.isRegularFile(folder.resolve("pca.json")) ? Pca.load(folder.resolve("pca.json")) : null;
    return new ImgbeddingsModel(name, folder, graph, config, layers, pca, loader, threads);
  }

  private static Path imgbeddingsGraph(Path folder) {
    for (String name : new String[] {"onnx/model.onnx", "model.onnx"}) {
      if (Files.isRegularFile(folder.resolve(name))) {
        return folder.resolve(name);
      }
    }
    return patchGraph(folder);
  }

  /** imgbeddings' published file names: patch32_v1.onnx and the like. */
  private static Path patchGraph(Path folder) {
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.getFileName().toString().matches("patch\\d+_v\\d+\\.onnx")).sorted().findFirst().orElse(null);
    } catch (IOException e) {
      return null;
    }
  }
}
