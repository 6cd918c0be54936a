package dev.embedkit.input;

/**
 * One text read from a file, stdin or the command line, with what identifies it to the user.
 *
 * @param text the text to embed, exactly as read (not stripped)
 * @param line the 1-based line where the record starts in its file or stdin; 0 when it did not come from one
 * @param id the record's own id (an {@code id} field or column), or null when it has none
 */
public record InputRecord(String text, long line, String id) {
  /** A text given directly (an argument), identified by its position only. */
  public static InputRecord of(String text) {
    return new InputRecord(text, 0, null);
  }
}
