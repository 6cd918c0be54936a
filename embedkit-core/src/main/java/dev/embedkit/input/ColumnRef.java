package dev.embedkit.input;

import dev.embedkit.EmbedkitException;
import java.util.List;
import java.util.Locale;

/**
 * A column or field chosen by the user: a number counted from 1 ("2", as cut and awk count) or a name ("text"). Names
 * match a header cell ignoring case and surrounding spaces. One numbering rule for every command that reads tables.
 *
 * @param number the 1-based column number, or 0 for a name
 * @param name the name, or null for a number
 */
public record ColumnRef(int number, String name) {
  public ColumnRef {
    if (name == null && number < 1) {
      throw EmbedkitException.invalidInput("column numbers start at 1 (the first column is 1); got " + number);
    }
  }

  /** "3" is the third column, anything else a name; null or blank is an error naming {@code option}. */
  public static ColumnRef parse(String value, String option) {
    if (value == null || value.isBlank()) {
      throw EmbedkitException.invalidInput(option + " needs a column name or a number from 1; got an empty value");
    }
    String trimmed = value.trim();
    if (trimmed.chars().allMatch(Character::isDigit) || trimmed.startsWith("-") && trimmed.length() > 1
        && trimmed.substring(1).chars().allMatch(Character::isDigit)) {
      int number;
      try {
        number = Integer.parseInt(trimmed);
      } catch (NumberFormatException e) {
        throw EmbedkitException.invalidInput(option + " " + value + " is not a usable column number");
      }
      if (number < 1) {
        throw EmbedkitException.invalidInput(option + ": column numbers start at 1 (the first column is 1); got " + number);
      }
      return new ColumnRef(number, null);
    }
    return new ColumnRef(0, trimmed);
  }

  public static ColumnRef named(String name) {
    return new ColumnRef(0, name);
  }

  public static ColumnRef number(int number) {
    return new ColumnRef(number, null);
  }

  public boolean byName() {
    return name != null;
  }

  /** The 0-based index of this column in a row, the header resolving names; -1 when a name is not in the header. */
  public int find(List<String> header) {
    if (!byName()) {
      return number - 1;
    }
    if (header == null) {
      return -1;
    }
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).strip().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Like {@link #find} but a missing name is a one-line error that lists the columns there are. */
  public int resolve(List<String> header, String source, String option) {
    int index = find(header);
    if (index < 0) {
      throw EmbedkitException.invalidInput(source + " has no column named '" + name + "' (" + option + "); "
          + (header == null ? "it has no header row (--header to read the first row as one), or give a column number from 1"
              : "its columns are: " + String.join(", ", header)));
    }
    return index;
  }

  /** True when a header cell is this column's name. */
  boolean namedIn(List<String> row) {
    return byName() && row.stream().anyMatch(cell -> cell.strip().equalsIgnoreCase(name));
  }

  @Override
  public String toString() {
    return byName() ? "'" + name + "'" : String.valueOf(number);
  }

  static String lower(String s) {
    return s.strip().toLowerCase(Locale.ROOT);
  }
}
