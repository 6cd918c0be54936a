package dev.embedkit;

import java.util.Objects;

/**
 * The one exception type embedkit throws for anything a user can see. Its message is a single line that says what
 * was wrong and what is accepted; {@link #kind()} tells transports how to report it.
 */
public class EmbedkitException extends RuntimeException {
  private final ErrorKind kind;

  public EmbedkitException(ErrorKind kind, String message) {
    this(kind, message, null);
  }

  public EmbedkitException(ErrorKind kind, String message, Throwable cause) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public ErrorKind kind() {
    return kind;
  }

  public static EmbedkitException invalidInput(String message) {
    return new EmbedkitException(ErrorKind.INVALID_INPUT, message);
  }

  public static EmbedkitException notFound(String message) {
    return new EmbedkitException(ErrorKind.NOT_FOUND, message);
  }

  public static EmbedkitException unsupported(String message) {
    return new EmbedkitException(ErrorKind.UNSUPPORTED, message);
  }

  public static EmbedkitException model(String message, Throwable cause) {
    return new EmbedkitException(ErrorKind.MODEL, message, cause);
  }

  public static EmbedkitException internal(String message, Throwable cause) {
    return new EmbedkitException(ErrorKind.INTERNAL, message, cause);
  }
}
