package dev.embedkit.image.input;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.ImageBatch;
import dev.embedkit.image.decode.DecodeOptions;
import dev.embedkit.image.decode.ImageDecoder;
import dev.embedkit.image.decode.RgbImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and decodes {@link ImageInput}s: files, URLs (through {@link UrlFetcher}) and bytes. All inputs of a call
 * are decoded before anything is embedded, so one bad input fails the call with nothing half done, or, with
 * {@link OnBadImage#SKIP}, is left out and reported ({@link #loadEach}).
 *
 * @param decoder decoding limits
 * @param fetcher URL limits
 */
public record ImageLoader(ImageDecoder decoder, UrlFetcher fetcher) {
  /** Default limits; URLs may point anywhere (a CLI user fetches what they typed). */
  public static ImageLoader defaults() {
    return new ImageLoader(new ImageDecoder(DecodeOptions.DEFAULTS), new UrlFetcher(FetchPolicy.DEFAULTS));
  }

  public RgbImage load(ImageInput input) {
    return decoder.decode(bytes(input), input.label());
  }

  /** Every input decoded, in order; the first bad one fails the call. */
  public List<RgbImage> loadAll(List<ImageInput> inputs) {
    return loadEach(inputs, OnBadImage.FAIL).images();
  }

  /** The decoded images that could be read, the positions they came from, and the inputs left out. */
  public record Loaded(List<RgbImage> images, List<Integer> positions, List<ImageBatch.Skipped> skipped) {}

  /**
   * Reads and decodes every input in order. Under {@link OnBadImage#FAIL} the first bad input throws, as
   * {@link #loadAll} does; under {@link OnBadImage#SKIP} an input whose problem is its own (INVALID_INPUT, NOT_FOUND,
   * UNSUPPORTED) is left out with a one-line reason that names it, and any other failure still throws. A null
   * input is a caller's bug and throws in both modes.
   */
  public Loaded loadEach(List<ImageInput> inputs, OnBadImage onBad) {
    List<RgbImage> images = new ArrayList<>(inputs.size());
    List<Integer> positions = new ArrayList<>(inputs.size());
    List<ImageBatch.Skipped> skipped = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      ImageInput input = inputs.get(i);
      if (input == null) {
        throw EmbedkitException.invalidInput("image input " + i + " is null");
      }
      try {
        images.add(load(input));
        positions.add(i);
      } catch (EmbedkitException e) {
        if (onBad == OnBadImage.FAIL || !isTheInputsOwn(e.kind())) {
          throw e;
        }
        skipped.add(new ImageBatch.Skipped(i, input, e.kind(), reason(input, e)));
      }
    }
    return new Loaded(images, positions, skipped);
  }

  private static boolean isTheInputsOwn(ErrorKind kind) {
    return kind == ErrorKind.INVALID_INPUT || kind == ErrorKind.NOT_FOUND || kind == ErrorKind.UNSUPPORTED;
  }

  /** The error's message on one line, starting with the input's label unless it already names it. */
  private static String reason(ImageInput input, EmbedkitException e) {
    String message = e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
    return message.contains(input.label()) ? message : input.label() + ": " + message;
  }

  public byte[] bytes(ImageInput input) {
    if (input instanceof ImageInput.FileInput f) {
      return readFile(f);
    }
    if (input instanceof ImageInput.UrlInput u) {
      return fetcher.fetch(u.uri());
    }
    return ((ImageInput.BytesInput) input).bytes();
  }

  private byte[] readFile(ImageInput.FileInput f) {
    try {
      long size = Files.size(f.path());
      if (size > decoder.options().maxBytes()) {
        throw EmbedkitException.invalidInput(f.path() + " is " + size + " bytes; the limit is " + decoder.options().maxBytes());
      }
      return Files.readAllBytes(f.path());
    } catch (NoSuchFileException e) {
      throw EmbedkitException.notFound("image file " + f.path() + " does not exist");
    } catch (IOException e) {
      // the JDK's messages for these are often the path alone: "cannot read a.png: a.png"
      throw EmbedkitException.notFound("cannot read image file " + f.path() + ": " + ImageFolder.reason(e));
    }
  }
}
