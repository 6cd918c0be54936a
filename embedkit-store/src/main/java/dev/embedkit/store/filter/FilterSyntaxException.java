package dev.embedkit.store.filter;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;

/**
 * A filter text that does not parse. The message is one line ({@code invalid filter at column 12: expected a value
 * (a string in quotes, a number, true or false) after '>=', found end of input}); {@link #pointer()} shows where.
 */
public class FilterSyntaxException extends EmbedkitException {
  private static final int WINDOW = 80;

  private final String input;
  private final int column;
  private final String problem;

  public FilterSyntaxException(String input, int column, String problem) {
    super(ErrorKind.INVALID_INPUT, "invalid filter at column " + column + ": " + problem);
    this.input = input;
    this.column = column;
    this.problem = problem;
  }

  /** The 1-based position (in UTF-16 chars) of the bad token in the input. */
  public int column() {
    return column;
  }

  /** What was wrong, without the position. */
  public String problem() {
    return problem;
  }

  /** The filter text as given. */
  public String input() {
    return input;
  }

  /**
   * Two lines: the input (a window of it when long, line breaks and tabs shown as spaces), then a caret under the
   * column.
   */
  public String pointer() {
    int at = column - 1;
    int start = Math.max(0, Math.min(at - WINDOW / 2, input.length() - WINDOW));
    int end = Math.min(input.length(), start + WINDOW);
    String prefix = start > 0 ? "..." : "";
    String window = input.substring(start, end).replaceAll("[\\t\\r\\n]", " ");
    String shown = prefix + window + (end < input.length() ? "..." : "");
    return shown + "\n" + " ".repeat(prefix.length() + at - start) + "^";
  }
}
