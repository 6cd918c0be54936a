package dev.embedkit;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * The one exception type embedkit throws for anything a user can see. Its message is a single line that says what
 * was wrong and what is accepted; {@link #kind()} tells transports how to report it.
 */
public class EmbedkitException extends RuntimeException {
  private final ErrorKind kind;
  private final int inputIndex;
  private final String detail;

  public EmbedkitException(ErrorKind kind, String message) {
    this(kind, message, null);
  }

  public EmbedkitException(ErrorKind kind, String message, Throwable cause) {
    this(kind, message, cause, -1, message);
  }

  private EmbedkitException(ErrorKind kind, String message, Throwable cause, int inputIndex, String detail) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.inputIndex = inputIndex;
    this.detail = detail;
  }

  public ErrorKind kind() {
    return kind;
  }

  /** The position, in the call's input list, of the input that caused the error, when one did. */
  public OptionalInt inputIndex() {
    return inputIndex < 0 ? OptionalInt.empty() : OptionalInt.of(inputIndex);
  }

  /**
   * For an error about one input: what is wrong with it, without the "input N" that starts the message, so that a
   * transport can name the input its own way (a file's line, a JSON path such as {@code input[3]}).
   */
  public String detail() {
    return detail;
  }

  /** An error about the input at {@code index} of a call: the message reads "input INDEX DETAIL". */
  public static EmbedkitException invalidInputAt(int index, String detail) {
    return new EmbedkitException(ErrorKind.INVALID_INPUT, "input " + index + " " + detail, null, index, detail);
  }

  /** The same error for a caller that passed this call's inputs from position {@code offset} of a longer list. */
  public EmbedkitException atOffset(int offset) {
    if (inputIndex < 0 || offset == 0) {
      return this;
    }
    EmbedkitException shifted = new EmbedkitException(kind, "input " + (inputIndex + offset) + " " + detail, getCause(),
        inputIndex + offset, detail);
    shifted.setStackTrace(getStackTrace());
    return shifted;
  }

  public static EmbedkitException invalidInput(String message) {
    return new EmbedkitException(ErrorKind.INVALID_INPUT, message);
  }

  public static EmbedkitException notFound(String message) {
    return new EmbedkitException(ErrorKind.NOT_FOUND, message);
  }

  public static EmbedkitException conflict(String message) {
    return new EmbedkitException(ErrorKind.CONFLICT, message);
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
