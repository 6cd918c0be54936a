package dev.embedkit.store.io;

import dev.embedkit.EmbedkitException;
import dev.embedkit.image.input.ImageFolder;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.store.Document;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Documents for the images of a folder, listed by the image module's {@link ImageFolder} (its extensions, hidden
 * entries skipped, code point order of relative paths): id = the path relative to the folder with {@code /} between
 * names, image = the file's absolute path, metadata {@code path} = the id. The images are not read here: the
 * collection's image model reads each when it embeds it.
 */
public final class ImageFolderSource implements DocumentSource {
  private final Path folder;
  private final Path absolute;
  private final List<ImageInput> images;
  private int next;

  /**
   * @param recursive also list the images of sub-folders
   * @throws EmbedkitException NOT_FOUND for a folder that does not exist or cannot be listed
   */
  public ImageFolderSource(Path folder, boolean recursive) {
    if (!Files.isDirectory(folder)) {
      throw Files.exists(folder)
          ? EmbedkitException.invalidInput(folder + " is not a folder")
          : EmbedkitException.notFound("folder " + folder + " does not exist");
    }
    this.folder = folder;
    this.absolute = folder.toAbsolutePath().normalize();
    this.images = ImageFolder.list(folder, recursive);
  }

  @Override
  public String source() {
    return folder.toString();
  }

  /** Images listed. */
  public int images() {
    return images.size();
  }

  @Override
  public boolean hasNext() {
    return next < images.size();
  }

  @Override
  public Document next() {
    if (!hasNext()) {
      throw new NoSuchElementException(source() + " has no more images");
    }
    Path path = ((ImageInput.FileInput) images.get(next++)).path();
    Path relativePath = folder.relativize(path);
    String relative = relative(relativePath);
    return new Document(relative, null, Map.of("path", relative), null, absolute.resolve(relativePath).toString());
  }

  /** A relative path with '/' between its names, whatever the platform's separator. */
  static String relative(Path path) {
    StringBuilder out = new StringBuilder();
    for (Path name : path) {
      out.append(out.length() > 0 ? "/" : "").append(name);
    }
    return out.toString();
  }

  @Override
  public void close() {
    next = images.size();
  }
}
