package dev.embedkit.explore.render;

import dev.embedkit.EmbedkitException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Picks a format enum constant by a path's extension, case-insensitively, for {@link MapFormat} and {@link HeatmapFormat}. */
final class Extensions {
  private Extensions() {}

  /** The constant named like the path's extension; otherwise invalid input naming the extension and the valid ones. */
  static <E extends Enum<E>> E choose(Path path, Class<E> formats, String what) {
    String name = path == null || path.getFileName() == null ? "" : path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    for (E format : formats.getEnumConstants()) {
      if (format.name().toLowerCase(Locale.ROOT).equals(extension)) {
        return format;
      }
    }
    String valid = Arrays.stream(formats.getEnumConstants()).map(f -> "." + f.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
    String found = extension.isEmpty() ? "no extension" : "extension ." + extension;
    throw EmbedkitException.invalidInput("cannot write a " + what + " to " + name + ": " + found + "; valid extensions are " + valid);
  }
}
