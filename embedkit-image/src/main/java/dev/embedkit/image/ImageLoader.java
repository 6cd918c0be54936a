package dev.embedkit.image;

import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and decodes {@link ImageInput}s: files, URLs (through {@link UrlFetcher}) and bytes. All inputs of a call
 * are decoded before anything is embedded, so one bad input fails the call with nothing half done.
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

  public List<RgbImage> loadAll(List<ImageInput> inputs) {
    List<RgbImage> out = new ArrayList<>(inputs.size());
    for (int i = 0; i < inputs.size(); i++) {
      ImageInput input = inputs.get(i);
      if (input == null) {
        throw EmbedkitException.invalidInput("image input " + i + " is null");
      }
      out.add(load(input));
    }
    return out;
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
      throw EmbedkitException.notFound("cannot read image file " + f.path() + ": " + e.getMessage());
    }
  }
}
