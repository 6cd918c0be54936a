package dev.embedkit.io;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain-text table for the CLI (every module's commands print through it): every column as wide as its widest cell
 * (header included), two spaces apart, cells left-aligned, so each column starts at the same offset in every row
 * whatever the data. An empty or null cell shows as "-", so no column is ever blank.
 *
 * <pre>{@code
 * AlignedTable table = new AlignedTable("NAME", "SIZE");
 * table.row("all-minilm-l6-v2", "90.4 MB");
 * table.print(out);
 * }</pre>
 */
public final class AlignedTable {
  public static final String GAP = "  ";
  private final List<String> headers;
  private final List<List<String>> rows = new ArrayList<>();

  public AlignedTable(String... headers) {
    if (headers.length == 0) {
      throw new IllegalArgumentException("a table needs at least one column");
    }
    this.headers = List.of(headers);
  }

  /** Adds a row; its cells are shown with {@link String#valueOf}. */
  public AlignedTable row(Object... cells) {
    if (cells.length != headers.size()) {
      throw new IllegalArgumentException("a row needs " + headers.size() + " cells; cells=" + cells.length);
    }
    rows.add(Arrays.stream(cells).map(c -> c == null || c.toString().isBlank() ? "-" : c.toString()).toList());
    return this;
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Prints the header and the rows, each line starting with {@code indent}; the last column is not padded. */
  public void print(PrintWriter out, String indent) {
    int[] widths = new int[headers.size()];
    for (List<String> line : lines()) {
      for (int i = 0; i < widths.length; i++) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    for (List<String> line : lines()) {
      StringBuilder text = new StringBuilder(indent);
      for (int i = 0; i < widths.length; i++) {
        text.append(line.get(i));
        if (i < widths.length - 1) {
          text.append(" ".repeat(widths[i] - line.get(i).length())).append(GAP);
        }
      }
      out.println(text);
    }
  }

  public void print(PrintWriter out) {
    print(out, "");
  }

  private List<List<String>> lines() {
    List<List<String>> all = new ArrayList<>(rows.size() + 1);
    all.add(headers);
    all.addAll(rows);
    return all;
  }
}
