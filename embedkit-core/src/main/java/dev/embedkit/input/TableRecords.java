package dev.embedkit.input;

import dev.embedkit.EmbedkitException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/** CSV/TSV: the text column (by name or number from 1), and an id column when there is one. */
final class TableRecords implements RecordReader {
  static final String DEFAULT_TEXT = "text";
  static final String DEFAULT_ID = "id";

  private final TableReader table;
  private final int textIndex;
  private final int idIndex;
  private final String textLabel;

  private TableRecords(TableReader table, int textIndex, int idIndex, String textLabel) {
    this.table = table;
    this.textIndex = textIndex;
    this.idIndex = idIndex;
    this.textLabel = textLabel;
  }

  static TableRecords open(InputStream in, String source, char delimiter, InputSpec spec) {
    ColumnRef text = spec.textField() == null ? null : ColumnRef.parse(spec.textField(), "--field");
    ColumnRef id = spec.idField() == null ? null : ColumnRef.parse(spec.idField(), "--id-field");
    TableReader table = TableReader.open(in, source, delimiter, spec.header(), List.of(DEFAULT_TEXT, DEFAULT_ID),
        Arrays.asList(text, id));
    try {
      List<String> header = table.header();
      int textIndex;
      if (text != null) {
        textIndex = text.resolve(header, source, "--field");
      } else {
        int named = ColumnRef.named(DEFAULT_TEXT).find(header);
        textIndex = named >= 0 ? named : 0; // no "text" column: the first column
      }
      int idIndex = id != null ? id.resolve(header, source, "--id-field") : ColumnRef.named(DEFAULT_ID).find(header);
      if (idIndex == textIndex && id == null) {
        idIndex = -1;
      }
      String label = text != null ? "column " + text : header != null ? "column '" + header.get(textIndex) + "'" : "column 1";
      return new TableRecords(table, textIndex, idIndex, label);
    } catch (RuntimeException e) {
      table.close();
      throw e;
    }
  }

  @Override
  public InputRecord next() {
    TableReader.Row row = table.next();
    if (row == null) {
      return null;
    }
    int needed = Math.max(textIndex, idIndex) + 1;
    if (row.fields().size() < needed) {
      throw EmbedkitException.invalidInput(table.source() + " line " + row.line() + " has " + row.fields().size()
          + " column" + (row.fields().size() == 1 ? "" : "s") + "; the text is in " + textLabel
          + (idIndex >= 0 ? " and the id in column " + (idIndex + 1) : ""));
    }
    return new InputRecord(row.fields().get(textIndex), row.line(), idIndex >= 0 ? row.fields().get(idIndex) : null);
  }

  @Override
  public String source() {
    return table.source();
  }

  @Override
  public boolean hasIds() {
    return idIndex >= 0;
  }

  @Override
  public void close() {
    table.close();
  }
}
