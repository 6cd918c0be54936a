package dev.embedkit.input;

import dev.embedkit.EmbedkitException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Whether a CSV/TSV file's first row names its columns. The one rule every table reader follows (embed, eval): with
 * {@link #AUTO} the first row is a header when a column is asked for by name, or when the row holds one of the names
 * the reader looks for by default (for example {@code text}, {@code label}, {@code id}); otherwise it is data.
 */
public enum HeaderMode {
  AUTO, PRESENT, ABSENT;

  public static HeaderMode of(Boolean header) {
    return header == null ? AUTO : header ? PRESENT : ABSENT;
  }

  public static HeaderMode fromString(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw EmbedkitException.invalidInput("unknown header mode '" + value + "'; valid modes are: "
          + Arrays.stream(values()).map(m -> m.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
    }
  }
}
