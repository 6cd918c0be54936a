package dev.embedkit.store.io;

import dev.embedkit.EmbedkitException;
import dev.embedkit.input.HeaderMode;
import dev.embedkit.input.TableReader;
import dev.embedkit.store.Document;
import dev.embedkit.store.Metadata;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Documents from a CSV or TSV file with a header row (RFC 4180 quoting, UTF-8; read by core's {@link TableReader}).
 * The id and text columns are found by name ({@code id} and {@code text} unless told otherwise); every other column
 * is a metadata field of the same name, and an empty cell is an absent field.
 *
 * <p>Metadata values are typed by what they look like, cell by cell: an integer written canonically ({@code 42},
 * {@code -7}; not {@code 007} or {@code +7}, which stay text) is a Long; a decimal number ({@code 1.5}, {@code 2e-3})
 * that is finite as a double is a Double; {@code true} or {@code false} in any case is a Boolean; anything else is a
 * String. With typing off every value is a String.
 *
 * <pre>{@code
 * id,text,year,score
 * a1,"A text, with a comma",2024,0.75
 * }</pre>
 */
public final class CsvSource extends LookaheadSource {
  public static final String DEFAULT_ID_COLUMN = "id";
  public static final String DEFAULT_TEXT_COLUMN = "text";

  private static final Pattern DECIMAL = Pattern.compile("-?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

  private final TableReader table;
  private final String name;
  private final List<String> header;
  private final int idIndex;
  private final int textIndex;
  private final boolean typed;

  /**
   * @param idColumn the id column's name; a file without it is refused unless {@code generateIds}, which makes ids
   *     {@code <file name>:<line>}
   * @param textColumn the text column's name (required)
   * @param typed type metadata values by what they look like (see above), or keep them all strings
   */
  public CsvSource(Path file, String idColumn, String textColumn, boolean generateIds, boolean typed) {
    this(JsonlSource.open(file), file.toString(), file.getFileName().toString(),
        TableReader.delimiterFor(file.getFileName().toString()), idColumn, textColumn, generateIds, typed);
  }

  /**
   * @param source what messages call the stream
   * @param name the name generated ids start with
   * @param delimiter ',' or '\t'
   */
  public CsvSource(InputStream in, String source, String name, char delimiter, String idColumn, String textColumn,
      boolean generateIds, boolean typed) {
    this.table = TableReader.open(in, source, delimiter, HeaderMode.PRESENT, List.of(), List.of());
    try {
      this.name = name;
      this.typed = typed;
      this.header = table.header();
      String textName = textColumn == null ? DEFAULT_TEXT_COLUMN : textColumn;
      this.textIndex = header.indexOf(textName);
      if (textIndex < 0) {
        throw EmbedkitException.invalidInput(source + " has no column '" + textName + "' for the text; its columns"
            + " are: " + String.join(", ", header));
      }
      String idName = idColumn == null ? DEFAULT_ID_COLUMN : idColumn;
      this.idIndex = header.indexOf(idName);
      if (idIndex < 0 && !generateIds) {
        throw EmbedkitException.invalidInput(source + " has no column '" + idName + "' for ids; its columns are: "
            + String.join(", ", header) + "; name the id column, or have ids generated as <file name>:<line>");
      }
      if (idIndex == textIndex) {
        throw EmbedkitException.invalidInput(source + ": column '" + idName + "' cannot be both the id and the text");
      }
      checkHeader(header, source, idIndex, textIndex);
    } catch (RuntimeException e) {
      table.close();
      throw e;
    }
  }

  /** Metadata field names come from the header: each must be a valid, distinct name. */
  private static void checkHeader(List<String> header, String source, int idIndex, int textIndex) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < header.size(); i++) {
      String column = header.get(i);
      if (!seen.add(column)) {
        throw EmbedkitException.invalidInput(source + " has two columns named '" + column + "'; names must differ");
      }
      if (i != idIndex && i != textIndex) {
        try {
          Metadata.checkName(column);
        } catch (EmbedkitException e) {
          throw EmbedkitException.invalidInput(source + " header, column " + (i + 1) + ": " + e.getMessage());
        }
      }
    }
  }

  @Override
  public String source() {
    return table.source();
  }

  @Override
  protected Document read() {
    TableReader.Row row = table.next();
    return row == null ? null : document(row);
  }

  private Document document(TableReader.Row row) {
    String where = source() + " line " + row.line();
    List<String> fields = row.fields();
    if (fields.size() != header.size()) {
      throw EmbedkitException.invalidInput(where + " has " + fields.size() + " field" + (fields.size() == 1 ? "" : "s")
          + "; the header has " + header.size());
    }
    String id = idIndex < 0 ? name + ":" + row.line() : fields.get(idIndex);
    if (id.isEmpty()) {
      throw EmbedkitException.invalidInput(where + " has an empty id in column '" + header.get(idIndex) + "'");
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (int i = 0; i < fields.size(); i++) {
      if (i != idIndex && i != textIndex && !fields.get(i).isEmpty()) {
        metadata.put(header.get(i), typed ? value(fields.get(i)) : fields.get(i));
      }
    }
    try {
      return new Document(id, fields.get(textIndex), metadata, null, null);
    } catch (EmbedkitException e) {
      throw EmbedkitException.invalidInput(where + ": " + e.getMessage());
    }
  }

  /** A cell's value typed by what it looks like (see the class comment). */
  static Object value(String cell) {
    if (cell.equalsIgnoreCase("true") || cell.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(cell);
    }
    if (!DECIMAL.matcher(cell).matches()) {
      return cell;
    }
    try {
      long integer = Long.parseLong(cell);
      return Long.toString(integer).equals(cell) ? integer : cell;
    } catch (NumberFormatException notAnInteger) {
      if (cell.matches("-?\\d+")) {
        return cell; // an integer outside the long range, or with leading zeros: an identifier more than a number
      }
      double decimal = Double.parseDouble(cell);
      return Double.isFinite(decimal) ? decimal : cell;
    }
  }

  @Override
  public void close() {
    table.close();
  }
}
