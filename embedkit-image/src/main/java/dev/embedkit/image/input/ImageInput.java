package dev.embedkit.image.input;

import dev.embedkit.EmbedkitException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;

/**
 * One image to embed: a file, a URL, or bytes (also given as base64 or a data URI). Reading is deferred to
 * {@link ImageLoader}, so building inputs is cheap and a server can pass requests through unchanged.
 *
 * <pre>{@code
 * List<ImageInput> inputs = List.of(ImageInput.file(Path.of("cat.png")), ImageInput.parse("https://example.org/dog.jpg"));
 * }</pre>
 */
public sealed interface ImageInput {
  /** Names the input in messages and listings. */
  String label();

  /** A local file. */
  record FileInput(Path path) implements ImageInput {
    @Override
    public String label() {
      return path.toString();
    }
  }

  /** An http or https URL, fetched by {@link UrlFetcher}. */
  record UrlInput(URI uri) implements ImageInput {
    @Override
    public String label() {
      return uri.toString();
    }
  }

  /** Encoded image bytes already in memory. */
  record BytesInput(byte[] bytes, String label) implements ImageInput {}

  static ImageInput file(Path path) {
    return new FileInput(path);
  }

  static ImageInput url(String url) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw EmbedkitException.invalidInput("not a valid URL: " + url);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      throw EmbedkitException.invalidInput("image URLs must be http or https with a host; got " + url);
    }
    return new UrlInput(uri);
  }

  static ImageInput bytes(byte[] data, String label) {
    return new BytesInput(data, label);
  }

  /** Plain base64 (standard or URL-safe alphabet, whitespace ignored). */
  static ImageInput base64(String text, String label) {
    String compact = text.replaceAll("\\s", "");
    try {
      byte[] data = compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0
          ? Base64.getUrlDecoder().decode(compact) : Base64.getDecoder().decode(compact);
      return new BytesInput(data, label);
    } catch (IllegalArgumentException e) {
      throw EmbedkitException.invalidInput(label + " is not valid base64: " + e.getMessage());
    }
  }

  /** A {@code data:image/...;base64,...} URI. */
  static ImageInput dataUri(String uri) {
    int comma = uri.indexOf(',');
    if (!uri.regionMatches(true, 0, "data:", 0, 5) || comma < 0) {
      throw EmbedkitException.invalidInput("not a data URI (expected data:image/png;base64,...)");
    }
    String meta = uri.substring(5, comma).toLowerCase(Locale.ROOT);
    if (!meta.endsWith(";base64")) {
      throw EmbedkitException.invalidInput("data URIs must be base64-encoded (data:image/png;base64,...); got data:" + meta);
    }
    return base64(uri.substring(comma + 1), "data URI (" + meta.substring(0, meta.length() - 7) + ")");
  }

  /**
   * Reads what a user typed: a data URI, an http(s) URL, or a file path. Folders are not expanded here (use
   * {@link #expand}). A blank value is an error (as a path it would name the current folder).
   */
  static ImageInput parse(String value) {
    if (value == null || value.isBlank()) {
      throw EmbedkitException.invalidInput("an image input is empty; give a file, folder, http(s) URL or data URI");
    }
    if (value.regionMatches(true, 0, "data:", 0, 5)) {
      return dataUri(value);
    }
    if (value.regionMatches(true, 0, "http://", 0, 7) || value.regionMatches(true, 0, "https://", 0, 8)) {
      return url(value);
    }
    return file(Path.of(value));
  }

  /** {@link #expand(List, boolean)} without recursion: folders give the image files directly inside them. */
  static List<ImageInput> expand(List<String> values) {
    return expand(values, false);
  }

  /**
   * Like {@link #parse} for each value, in the order given, with each folder replaced by its images as
   * {@link ImageFolder#list} finds them (with {@code recursive}, also those in sub-folders), in {@link ImageFolder}'s
   * documented order. A folder with no images is an error. Every value is expanded on its own: an image named twice
   * (say, a folder and a file inside it) is listed twice. A path that does not exist stays a file input and fails
   * when it is read.
   */
  static List<ImageInput> expand(List<String> values, boolean recursive) {
    List<ImageInput> out = new ArrayList<>();
    for (String value : values) {
      ImageInput input = parse(value);
      if (input instanceof FileInput f && Files.isDirectory(f.path())) {
        List<ImageInput> found = ImageFolder.list(f.path(), recursive);
        if (found.isEmpty()) {
          String hint = !recursive && ImageFolder.hasImagesBelow(f.path())
              ? "; its sub-folders have some, which are listed only when recursive (--recursive)" : "";
          throw EmbedkitException.invalidInput("folder " + f.path() + " has no image files (" + ImageFolder.extensionList()
              + (recursive ? ", searched recursively" : "") + ")" + hint);
        }
        out.addAll(found);
      } else {
        out.add(input);
      }
    }
    return out;
  }

  /** The image files directly inside a folder, in {@link ImageFolder}'s order. */
  static List<ImageInput> folder(Path dir) {
    return ImageFolder.list(dir, false);
  }

  /** The image files in a folder and, with {@code recursive}, its sub-folders, in {@link ImageFolder}'s order. */
  static List<ImageInput> folder(Path dir, boolean recursive) {
    return ImageFolder.list(dir, recursive);
  }
}
