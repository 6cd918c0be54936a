package dev.embedkit.input;

import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Rows of a CSV or TSV stream (RFC 4180 quoting: fields may hold delimiters, quotes and line breaks), read as they
 * arrive, each with the line it starts on. Whether the first row is a header follows {@link HeaderMode}: with AUTO it
 * is one when a column is asked for by name or when it holds one of the reader's expected column names. Blank lines
 * are skipped; input must be UTF-8.
 *
 * <pre>{@code
 * try (TableReader table = TableReader.open(in, "data.csv", ',', HeaderMode.AUTO, List.of("text", "label"), columns)) {
 *   for (TableReader.Row row; (row = table.next()) != null; ) { ... }
 * }
 * }</pre>
 */
public final class TableReader implements AutoCloseable {
  /** One row and the 1-based line it starts on. */
  public record Row(long line, List<String> fields) {}

  private final String source;
  private final String kind;
  private final CSVParser parser;
  private final LineCountingReader lines;
  private final Iterator<CSVRecord> records;
  private final List<String> header;
  private Row pending;

  private TableReader(String source, String kind, LineCountingReader lines, CSVParser parser, HeaderMode mode, Collection<String> expectedNames,
      Collection<ColumnRef> columns) {
    this.source = source;
    this.kind = kind;
    this.parser = parser;
    this.lines = lines;
    this.records = parser.iterator();
    Row first = read();
    boolean isHeader = switch (mode) {
      case PRESENT -> true;
      case ABSENT -> false;
      case AUTO -> first != null && looksLikeHeader(first.fields(), expectedNames, columns);
    };
    if (isHeader && first == null) {
      throw EmbedkitException.invalidInput(source + " is empty; a header row was expected");
    }
    this.header = isHeader ? List.copyOf(first.fields()) : null;
    this.pending = isHeader ? null : first;
  }

  /**
   * Opens a table.
   *
   * @param delimiter ',' for CSV, '\t' for TSV
   * @param expectedNames the column names the caller looks for by default (e.g. text, label): AUTO takes a first row
   *     holding any of them for a header
   * @param columns the columns the user chose: any chosen by name makes the first row a header under AUTO
   */
  public static TableReader open(InputStream in, String source, char delimiter, HeaderMode mode,
      Collection<String> expectedNames, Collection<ColumnRef> columns) {
    var decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    LineCountingReader lines = new LineCountingReader(new InputStreamReader(in, decoder));
    try {
      return new TableReader(source, delimiter == '\t' ? "TSV" : "CSV", lines, CSVParser.parse(lines, format), mode,
          expectedNames, columns);
    } catch (IOException e) {
      throw EmbedkitException.invalidInput("cannot read " + source + ": " + e.getMessage());
    }
  }

  /** ',' or a tab, by the file name: .tsv and .tab are tab-separated. */
  public static char delimiterFor(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.endsWith(".tsv") || lower.endsWith(".tab") ? '\t' : ',';
  }

  /** The header row, or null when the first row is data. */
  public List<String> header() {
    return header;
  }

  public String source() {
    return source;
  }

  /** The next data row, or null at the end. */
  public Row next() {
    if (pending != null) {
      Row row = pending;
      pending = null;
      return row;
    }
    return read();
  }

  /** Every remaining row (for small files such as evaluation data). */
  public List<Row> readAll() {
    List<Row> rows = new ArrayList<>();
    for (Row row; (row = next()) != null; ) {
      rows.add(row);
    }
    return rows;
  }

  private Row read() {
    long lineBefore = parser.getCurrentLineNumber() + 1;
    try {
      if (!records.hasNext()) {
        return null;
      }
      CSVRecord record = records.next();
      List<String> fields = new ArrayList<>(record.size());
      record.forEach(fields::add);
      return new Row(lines.lineOf(record.getCharacterPosition()), fields);
    } catch (UncheckedIOException | IllegalStateException e) {
      Throwable cause = e;
      while (cause.getCause() != null && cause.getCause() != cause) {
        cause = cause.getCause();
      }
      if (cause instanceof CharacterCodingException) {
        throw EmbedkitException.invalidInput(source + " line " + lineBefore + " is not valid UTF-8; embedkit reads UTF-8 text");
      }
      throw EmbedkitException.invalidInput(source + " line " + lineBefore + ": malformed " + kind + " (" + describe(cause) + ")");
    }
  }

  /** commons-csv's messages without Java class names. */
  static String describe(Throwable cause) {
    String message = cause.getMessage();
    if (message == null) {
      return "unreadable record";
    }
    message = message.replaceAll("(?:[a-z]+\\.)+[A-Z][A-Za-z]*(?:Exception|Error):\\s*", "");
    int newline = message.indexOf('\n');
    message = newline < 0 ? message : message.substring(0, newline);
    if (message.contains("EOF reached before encapsulated token finished")) {
      return "a quoted field is not closed: a \" opens it and no \" ends it";
    }
    if (message.contains("invalid char between encapsulated token and delimiter")) {
      return "text after a closing quote; inside a quoted field write a quote as \"\"";
    }
    return message;
  }

  static boolean looksLikeHeader(List<String> first, Collection<String> expectedNames, Collection<ColumnRef> columns) {
    for (ColumnRef column : columns) {
      if (column != null && column.byName()) {
        return true;
      }
    }
    for (String cell : first) {
      String name = cell.strip();
      if (expectedNames.stream().anyMatch(name::equalsIgnoreCase)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    try {
      parser.close();
    } catch (IOException e) {
      // a read stream: nothing to lose
    }
  }
}
