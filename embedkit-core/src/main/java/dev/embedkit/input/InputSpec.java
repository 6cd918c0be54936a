package dev.embedkit.input;

/**
 * What to read from a text source and how.
 *
 * @param format the layout (AUTO: by extension)
 * @param textField the field (JSON) or column (CSV/TSV, name or number from 1) holding the text; null: {@code text},
 *     or for a table without a text column, its first column
 * @param idField the field or column holding each record's id; null: {@code id} where there is one
 * @param header whether a table's first row is a header
 */
public record InputSpec(InputFormat format, String textField, String idField, HeaderMode header) {
  public static final InputSpec DEFAULTS = new InputSpec(InputFormat.AUTO, null, null, HeaderMode.AUTO);

  public InputSpec {
    format = format == null ? InputFormat.AUTO : format;
    header = header == null ? HeaderMode.AUTO : header;
  }

  public InputSpec withFormat(InputFormat f) {
    return new InputSpec(f, textField, idField, header);
  }
}
