package dev.embedkit;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parses user-facing names of enum constants; an unknown name fails with the list of valid ones. */
public final class Named {
  private Named() {}

  /** The user-facing name of a constant: lower case, underscores as written in the enum. */
  public static String of(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** All valid names of an enum, comma separated, for error messages. */
  public static <E extends Enum<E>> String valid(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Named::of).collect(Collectors.joining(", "));
  }

  /**
   * Looks a constant up by its user-facing name, ignoring case and treating '-' like '_'.
   *
   * @param what what the value is, for the message ("metric", "precision")
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String what, String value) {
    if (value != null) {
      String wanted = value.trim().replace('-', '_');
      for (E constant : type.getEnumConstants()) {
        if (constant.name().equalsIgnoreCase(wanted)) {
          return constant;
        }
      }
    }
    throw EmbedkitException.invalidInput(
        "unknown " + what + " '" + value + "'; valid " + what + "s are: " + valid(type));
  }
}
