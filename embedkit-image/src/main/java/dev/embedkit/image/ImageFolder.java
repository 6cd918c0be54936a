package dev.embedkit.image;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Which files in a folder count as images when a folder is given as input. */
final class ImageFolder {
  static final Set<String> EXTENSIONS = Set.of("jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "webp");

  private ImageFolder() {}

  static boolean looksLikeImage(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return !name.startsWith(".") && dot > 0 && EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
