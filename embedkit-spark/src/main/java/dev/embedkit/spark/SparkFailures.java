package dev.embedkit.spark;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;

/**
 * A failed Spark job as one line: the cause the user can act on, not the driver's wrapping. Spark reports a task's
 * error as a {@code SparkException} ("Job aborted due to stage failure: ... Driver stacktrace:") whose cause chain
 * holds the executor's own exception; an {@link EmbedkitException} in that chain (a model that cannot load, bad
 * options) is the message to show.
 */
public final class SparkFailures {
  /** Longest message shown. */
  public static final int MAXIMUM_LENGTH = 400;

  private SparkFailures() {}

  /** The embedkit error in the chain, else null. */
  public static EmbedkitException embedkitCause(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof EmbedkitException e) {
        return e;
      }
    }
    return null;
  }

  /** CLI exit code: the embedkit error's kind, 2 for an argument Spark or we refused, else 1. */
  public static int exitCode(Throwable failure) {
    EmbedkitException e = embedkitCause(failure);
    if (e != null) {
      return e.kind().exitCode();
    }
    return failure instanceof IllegalArgumentException
        ? ErrorKind.INVALID_INPUT.exitCode() : ErrorKind.INTERNAL.exitCode();
  }

  /** One line: the embedkit error's message, else the innermost message in the chain, first line only. */
  public static String oneLine(Throwable failure) {
    EmbedkitException e = embedkitCause(failure);
    if (e != null) {
      return clip(e.getMessage());
    }
    String message = null;
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    return clip(message == null ? failure.getClass().getSimpleName() : message);
  }

  private static String clip(String message) {
    String line = message.strip();
    int newline = line.indexOf('\n');
    if (newline >= 0) {
      line = line.substring(0, newline).strip();
    }
    line = line.replaceAll("\\p{Cntrl}", " ");
    return line.length() <= MAXIMUM_LENGTH ? line : line.substring(0, MAXIMUM_LENGTH - 3) + "...";
  }
}
