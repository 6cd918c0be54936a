package dev.embedkit.image.model;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.decode.RgbImage;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.image.preprocess.ClipPreprocessor;
import dev.embedkit.pipeline.PostProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The image side shared by CLIP and imgbeddings: decode all inputs, preprocess, run the graph in batches, then
 * {@link PostProcessor} for dimensions and precision, exactly as text results are finished. int8/uint8 without
 * caller ranges are calibrated on {@link CalibrationImages}, never on the call's other inputs.
 */
final class ImagePipeline {
  /** Images per inference call: large enough to amortise the call, small enough to keep memory flat. */
  static final int DEFAULT_BATCH_SIZE = 16;

  /** The graph run: pixel values {@code [batch][3][H][W]} flattened in, one vector per image out. */
  interface Encoder {
    float[][] encode(float[] pixels, int batch, int height, int width);
  }

  private final String modelName;
  private final ImageLoader loader;
  private final Function<RgbImage, RgbImage> shaper;
  private final ClipPreprocessor preprocessor;
  private final Encoder encoder;
  private final java.util.function.UnaryOperator<float[]> reduction;
  private final PostProcessor post;
  private final int batchSize;

  /**
   * @param shaper what happens before CLIP's preprocessing (imgbeddings pads to a square)
   */
  ImagePipeline(String modelName, ImageLoader loader, Function<RgbImage, RgbImage> shaper, ClipPreprocessor preprocessor,
      Encoder encoder, int batchSize) {
    this(modelName, loader, shaper, preprocessor, encoder, batchSize, v -> v);
  }

  /** @param reduction applied to every model vector before finishing (imgbeddings' PCA) */
  ImagePipeline(String modelName, ImageLoader loader, Function<RgbImage, RgbImage> shaper, ClipPreprocessor preprocessor,
      Encoder encoder, int batchSize, java.util.function.UnaryOperator<float[]> reduction) {
    this.reduction = reduction;
    this.modelName = modelName;
    this.loader = loader;
    this.shaper = shaper;
    this.preprocessor = preprocessor;
    this.encoder = encoder;
    this.batchSize = batchSize;
    this.post = new PostProcessor(modelName, sentences -> raw(CalibrationImages.images()));
  }

  ImageLoader loader() {
    return loader;
  }

  ClipPreprocessor preprocessor() {
    return preprocessor;
  }

  EmbeddingResult embed(List<ImageInput> inputs, EmbedOptions options, int dimensions, boolean normalize) {
    post.checkDimensions(options.dimensions(), dimensions);
    return embedDecoded(loader.loadAll(inputs), options, dimensions, normalize);
  }

  EmbeddingResult embedDecoded(List<RgbImage> images, EmbedOptions options, int dimensions, boolean normalize) {
    int outDims = post.checkDimensions(options.dimensions(), dimensions);
    if (options.prompt() != null || options.promptName() != null) {
      throw EmbedkitException.invalidInput("prompts apply to texts; model " + modelName + " was asked for images with a prompt");
    }
    return post.finish(raw(images), null, dimensions, outDims, normalize, options);
  }

  /** Model vectors before normalisation, in input order. */
  List<float[]> raw(List<RgbImage> images) {
    List<float[]> out = new ArrayList<>(images.size());
    int h = preprocessor.config().outputHeight();
    int w = preprocessor.config().outputWidth();
    int plane = 3 * h * w;
    for (int start = 0; start < images.size(); start += batchSize) {
      int n = Math.min(batchSize, images.size() - start);
      float[] pixels = new float[n * plane];
      List<RgbImage> batch = images.subList(start, start + n);
      java.util.stream.IntStream.range(0, n).parallel().forEach(i -> {
        RgbImage prepared = preprocessor.resizeAndCrop(shaper.apply(batch.get(i)));
        if (prepared.width() != w || prepared.height() != h) {
          throw EmbedkitException.model("preprocessing gave " + prepared.width() + "x" + prepared.height() + " but model "
              + modelName + " takes " + w + "x" + h + "; set do_center_crop or a square size in preprocessor_config.json", null);
        }
        preprocessor.toTensor(prepared, pixels, i * plane);
      });
      for (float[] vector : encoder.encode(pixels, n, h, w)) {
        out.add(reduction.apply(vector));
      }
    }
    return out;
  }
}
