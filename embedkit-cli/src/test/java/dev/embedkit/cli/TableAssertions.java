package dev.embedkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

/** Checks the CLI's text tables: every row's columns start where the header's do. */
final class TableAssertions {
  private TableAssertions() {}

  /**
   * Finds the table whose header line starts with {@code firstHeader} (after any indent) in {@code output}, and checks
   * that each of its rows, up to the next blank line, has a cell starting at every header word's offset, with at least
   * two spaces before it. Returns the rows.
   */
  static List<String> assertColumnsAligned(String output, String firstHeader) {
    List<String> lines = output.lines().toList();
    int headerIndex = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).strip().startsWith(firstHeader + " ")) {
        headerIndex = i;
        break;
      }
    }
    if (headerIndex < 0) {
      fail("no table with header " + firstHeader + " in:\n" + output);
    }
    String header = lines.get(headerIndex);
    List<Integer> starts = new ArrayList<>();
    for (int i = 0; i < header.length(); i++) {
      if (header.charAt(i) != ' ' && (i == 0 || header.charAt(i - 1) == ' ')) {
        starts.add(i);
      }
    }
    List<String> rows = new ArrayList<>();
    for (int i = headerIndex + 1; i < lines.size() && !lines.get(i).isBlank(); i++) {
      rows.add(lines.get(i));
    }
    assertTrue(!rows.isEmpty(), "the table has rows:\n" + output);
    for (String row : rows) {
      for (int c = 0; c < starts.size(); c++) {
        int start = starts.get(c);
        String where = "column " + (c + 1) + " at offset " + start + " of row\n" + row + "\nunder header\n" + header;
        assertTrue(row.length() > start && row.charAt(start) != ' ', "a cell starts at " + where);
        if (start > 0) {
          assertEquals("  ", row.substring(start - 2, start), "two spaces before " + where);
        }
      }
    }
    return rows;
  }
}
