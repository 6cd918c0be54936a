package dev.embedkit.image.cli;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.ImageBatch;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageFolder;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.OnBadImage;
import java.util.List;

/**
 * For the CLI's {@code embed}, {@code similarity} and {@code classify} commands: turns
 * {@code --image PATH|URL|DIR|data:...} values into inputs, embeds them with the same options as texts, and words
 * the stderr lines for images skipped under {@code --skip-errors}.
 *
 * <pre>{@code
 * List<ImageInput> images = ImageInputs.fromOptions(List.of("photos/", "https://example.org/cat.jpg"), recursive);
 * ImageBatch batch = ImageInputs.embed(model, images, options, skipErrors ? OnBadImage.SKIP : OnBadImage.FAIL);
 * batch.skipped().forEach(s -> err.println("embedkit: " + ImageInputs.skippedLine(s)));
 * }</pre>
 */
public final class ImageInputs {
  private ImageInputs() {}

  /** {@link #fromOptions(List, boolean)} without recursion. */
  public static List<ImageInput> fromOptions(List<String> values) {
    return fromOptions(values, false);
  }

  /**
   * Each value is a data URI, an http(s) URL, a file, or a folder, replaced by its image files (with
   * {@code recursive}, also those in sub-folders) in {@link ImageFolder}'s order: by relative path, compared by code
   * points. Fails on an empty list, a blank value or a folder without images.
   */
  public static List<ImageInput> fromOptions(List<String> values, boolean recursive) {
    if (values == null || values.isEmpty()) {
      throw EmbedkitException.invalidInput("no images given; use --image PATH|URL|DIR");
    }
    return ImageInput.expand(values, recursive);
  }

  /** Labels for output rows: file paths, URLs, or "data URI (image/png)". */
  public static List<String> labels(List<ImageInput> inputs) {
    return inputs.stream().map(ImageInput::label).toList();
  }

  /**
   * Embeds images, leaving out the ones that cannot be read or decoded under {@link OnBadImage#SKIP}
   * ({@link ImageEmbeddingModel#embedImages(List, EmbedOptions, OnBadImage)}); a text-only model gives a one-line
   * UNSUPPORTED error.
   */
  public static ImageBatch embed(EmbeddingModel model, List<ImageInput> images, EmbedOptions options, OnBadImage onBad) {
    return ImageEmbeddingModel.of(model).embedImages(images, options, onBad);
  }

  /** The stderr line for one skipped image, after the CLI's "embedkit: " prefix: {@code skipped: REASON}. */
  public static String skippedLine(ImageBatch.Skipped skipped) {
    return "skipped: " + skipped.reason();
  }

  /** The closing stderr line when images were skipped: {@code skipped N of TOTAL images}. */
  public static String skippedSummary(int skipped, int total) {
    return "skipped " + skipped + " of " + total + (total == 1 ? " image" : " images");
  }

  /** Embeds images; a text-only model gives a one-line UNSUPPORTED error. */
  public static EmbeddingResult embed(EmbeddingModel model, List<ImageInput> images, EmbedOptions options) {
    return ImageEmbeddingModel.of(model).embedImages(images, options);
  }
}
