package dev.embedkit.image;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Modality;
import java.util.List;

/**
 * An embedding model that embeds images, with the same options and result types as text. A CLIP model embeds texts
 * too, into the same space ({@link #embed(List, EmbedOptions)}); an imgbeddings model embeds images only.
 *
 * <pre>{@code
 * try (ImageEmbeddingModel clip = ImageEmbeddingModel.of(Embedkit.load("path/to/clip"))) {
 *   float[] cat = clip.embedImages(List.of(ImageInput.file(Path.of("chelsea.png")))).vectors().get(0);
 *   float[] query = clip.embed("a photo of a cat");
 * }
 * }</pre>
 */
public interface ImageEmbeddingModel extends EmbeddingModel {
  /**
   * Embeds images. Every input is read and decoded before any is embedded: a bad input fails the whole call.
   *
   * @throws EmbedkitException INVALID_INPUT for unreadable or bad images, UNSUPPORTED for unsupported formats
   */
  EmbeddingResult embedImages(List<ImageInput> images, EmbedOptions options);

  default EmbeddingResult embedImages(List<ImageInput> images) {
    return embedImages(images, EmbedOptions.DEFAULTS);
  }

  /** Embeds already decoded images. */
  EmbeddingResult embedDecoded(List<RgbImage> images, EmbedOptions options);

  /** True when {@link #embed(List, EmbedOptions)} works (CLIP), false for image-only models. */
  default boolean embedsText() {
    return info().modalities().contains(Modality.TEXT);
  }

  /** The model's image loader (decoding and URL limits). */
  ImageLoader loader();

  /**
   * The model as an image model, or a one-line UNSUPPORTED error naming it when it embeds text only.
   */
  static ImageEmbeddingModel of(EmbeddingModel model) {
    if (model instanceof ImageEmbeddingModel image) {
      return image;
    }
    throw EmbedkitException.unsupported("model " + model.info().name()
        + " embeds text only; image inputs need a CLIP or imgbeddings model folder");
  }
}
