package dev.embedkit.image.cli;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.ImageFolder;
import dev.embedkit.image.ImageInput;
import java.util.List;

/**
 * For the CLI's {@code embed} and {@code similarity} commands: turns {@code --image PATH|URL|DIR|data:...} values into
 * inputs and embeds them with the same options as texts.
 *
 * <pre>{@code
 * List<ImageInput> images = ImageInputs.fromOptions(List.of("photos/", "https://example.org/cat.jpg"));
 * EmbeddingResult result = ImageInputs.embed(model, images, options);
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

  /** Embeds images; a text-only model gives a one-line UNSUPPORTED error. */
  public static EmbeddingResult embed(EmbeddingModel model, List<ImageInput> images, EmbedOptions options) {
    return ImageEmbeddingModel.of(model).embedImages(images, options);
  }
}
