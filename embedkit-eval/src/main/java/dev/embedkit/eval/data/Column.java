package dev.embedkit.eval.data;

import dev.embedkit.EmbedkitException;
import java.util.List;

/**
 * A column chosen on the command line: a 0-based index ("2") or a header name ("score"). A name needs a header row.
 *
 * @param index the index, or -1 for a name
 * @param name the header name, or null for an index
 */
public record Column(int index, String name) {
  public static Column parse(String value) {
    if (value == null || value.isBlank()) {
      throw EmbedkitException.invalidInput("a column must be a 0-based index or a header name; got an empty value");
    }
    try {
      int i = Integer.parseInt(value.trim());
      if (i < 0) {
        throw EmbedkitException.invalidInput("column index must be 0 or more; got " + i);
      }
      return new Column(i, null);
    } catch (NumberFormatException e) {
      return new Column(-1, value.trim());
    }
  }

  public static Column at(int index) {
    return new Column(index, null);
  }

  public boolean byName() {
    return name != null;
  }

  /** The index in a row, resolving a name against the header. */
  public int resolve(List<String> header, String file) {
    if (!byName()) {
      return index;
    }
    int i = header == null ? -1 : header.indexOf(name);
    if (i < 0) {
      throw EmbedkitException.invalidInput(file + ": no column '" + name + "'; "
          + (header == null ? "the file has no header row, give a 0-based index" : "columns are: " + String.join(", ", header)));
    }
    return i;
  }

  @Override
  public String toString() {
    return byName() ? "'" + name + "'" : "#" + index;
  }
}
