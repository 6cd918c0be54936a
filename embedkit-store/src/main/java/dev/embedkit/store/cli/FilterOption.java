package dev.embedkit.store.cli;

import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.filter.FilterParser;
import dev.embedkit.store.filter.FilterSyntaxException;
import java.io.PrintWriter;

/**
 * The {@code --filter} text: parsed by the store's {@link FilterParser}; a syntax error prints its one-line message,
 * then the filter with a caret under the bad position.
 */
final class FilterOption {
  /** Indent of the pointer lines under the message. */
  static final String INDENT = "  ";

  private FilterOption() {}

  static Filter parse(String text) {
    return FilterParser.parse(text);
  }

  /** Prints the error as the CLI prints any: "embedkit: MESSAGE", then the two pointer lines; returns the exit code. */
  static int report(FilterSyntaxException e, PrintWriter err) {
    err.println("embedkit: " + e.getMessage());
    e.pointer().lines().forEach(line -> err.println(INDENT + line));
    err.flush();
    return e.kind().exitCode();
  }
}
