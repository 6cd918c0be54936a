package dev.embedkit.image;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Modality;
import dev.embedkit.image.decode.RgbImage;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.ImageLoader;
import dev.embedkit.image.input.OnBadImage;
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

  /**
   * Embeds images, leaving out the bad ones when asked. Under {@link OnBadImage#FAIL} this is
   * {@link #embedImages(List, EmbedOptions)}: the first bad input, in input order, fails the call with a one-line
   * error naming it. Under {@link OnBadImage#SKIP} an input that cannot be read or decoded is left out and listed in
   * {@link ImageBatch#skipped()} with a one-line reason; the others are embedded exactly as if the bad ones had never
   * been given. The options are checked before any image is read, and failures that are not an input's own (the
   * model, the runtime) still fail the call. When every input is skipped the result holds no embeddings.
   *
   * <pre>{@code
   * ImageBatch batch = model.embedImages(ImageInput.expand(List.of("photos/"), true), EmbedOptions.DEFAULTS, OnBadImage.SKIP);
   * }</pre>
   *
   * @throws EmbedkitException for bad options, a null input, any failure under FAIL, and non-input failures under SKIP
   */
  default ImageBatch embedImages(List<ImageInput> images, EmbedOptions options, OnBadImage onBad) {
    if (onBad == null) {
      throw EmbedkitException.invalidInput("onBad is null; give OnBadImage.FAIL or OnBadImage.SKIP");
    }
    embedDecoded(List.of(), EmbedOptions.require(options)); // bad options fail before any image is read
    ImageLoader.Loaded loaded = loader().loadEach(images, onBad);
    return new ImageBatch(images, embedDecoded(loaded.images(), options), loaded.positions(), loaded.skipped());
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
