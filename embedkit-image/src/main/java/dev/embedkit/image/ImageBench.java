package dev.embedkit.image;

import dev.embedkit.EmbedOptions;
import dev.embedkit.image.decode.DecodeOptions;
import dev.embedkit.image.decode.ImageDecoder;
import dev.embedkit.image.decode.RgbImage;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.image.model.ImageModels;
import dev.embedkit.image.model.ImgbeddingsModel;
import dev.embedkit.image.preprocess.ClipPreprocessor;
import dev.embedkit.image.preprocess.PreprocessorConfig;
import dev.embedkit.model.LoadOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Image throughput, each stage on its own: decoding, CLIP preprocessing (resize + crop + tensor), and inference with a
 * model folder. Usage: {@code ImageBench IMAGE_DIR [MODEL_DIR] [ROUNDS]}. Prints images/s per stage. Not a test: no
 * timing is asserted anywhere.
 */
public final class ImageBench {
  private ImageBench() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets/images");
    Path modelDir = args.length > 1 && !args[1].equals("-") ? Path.of(args[1]) : null;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    List<byte[]> files = new ArrayList<>();
    for (ImageInput input : ImageInput.folder(dir)) {
      if (!input.label().endsWith("truncated.jpg")) {
        files.add(Files.readAllBytes(((ImageInput.FileInput) input).path()));
      }
    }
    ImageDecoder decoder = new ImageDecoder(DecodeOptions.DEFAULTS);
    ClipPreprocessor pre = new ClipPreprocessor(PreprocessorConfig.CLIP_DEFAULTS);
    List<RgbImage> decoded = new ArrayList<>();
    for (byte[] f : files) {
      decoded.add(decoder.decode(f, "bench"));
    }
    for (int warm = 0; warm < 2; warm++) {
      decoded.forEach(pre::pixelValues);
    }
    long t0 = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      for (byte[] f : files) {
        decoder.decode(f, "bench");
      }
    }
    report("decode", files.size() * rounds, System.nanoTime() - t0);
    t0 = System.nanoTime();
    for (int r = 0; r < rounds; r++) {
      decoded.forEach(pre::pixelValues);
    }
    report("preprocess (resize+crop+tensor, 1 thread)", decoded.size() * rounds, System.nanoTime() - t0);
    if (modelDir != null) {
      try (ImageEmbeddingModel model = ImageModels.load("bench", modelDir, LoadOptions.DEFAULTS, ImageLoader.defaults())) {
        List<RgbImage> prepared = new ArrayList<>();
        for (RgbImage image : decoded) {
          prepared.add(model instanceof ImgbeddingsModel
              ? new ClipPreprocessor(pre.config().withoutCenterCrop()).resizeAndCrop(ClipPreprocessor.squarePad(image))
              : pre.resizeAndCrop(image));
        }
        model.embedDecoded(prepared, EmbedOptions.DEFAULTS);
        t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
          model.embedDecoded(prepared, EmbedOptions.DEFAULTS);
        }
        report("inference on preprocessed 224x224 (" + modelDir.getFileName() + ")", prepared.size() * rounds, System.nanoTime() - t0);
        t0 = System.nanoTime();
        for (int r = 0; r < rounds; r++) {
          model.embedDecoded(decoded, EmbedOptions.DEFAULTS);
        }
        report("preprocess + inference, batch of " + decoded.size() + " (" + modelDir.getFileName() + ")", decoded.size() * rounds,
            System.nanoTime() - t0);
      }
    }
  }

  private static void report(String stage, int images, long nanos) {
    System.out.printf(Locale.ROOT, "%-60s %8.1f images/s (%d images, %.2f s)%n", stage, images / (nanos / 1e9), images, nanos / 1e9);
  }
}
