package dev.embedkit.eval.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Renders a report as an aligned text table: model, precision, dimensions, then every metric (x100, 2 decimals). */
public final class TextTable {
  private TextTable() {}

  public static String render(EvalReport report) {
    Set<String> metricNames = new LinkedHashSet<>();
    report.results().forEach(r -> metricNames.addAll(r.metrics().keySet()));
    List<String> header = new ArrayList<>(List.of("model", "precision", "dims"));
    header.addAll(metricNames);
    List<List<String>> rows = new ArrayList<>();
    boolean undefined = false;
    for (VariantResult r : report.results()) {
      List<String> row = new ArrayList<>(List.of(r.model(), r.precision(), Integer.toString(r.dimensions())));
      for (String name : metricNames) {
        Double value = r.metrics().get(name);
        undefined |= value != null && value.isNaN();
        row.add(value == null ? "-" : value.isNaN() ? "nan" : String.format(Locale.ROOT, "%.2f", value));
      }
      rows.add(row);
    }
    int[] widths = new int[header.size()];
    for (int c = 0; c < widths.length; c++) {
      widths[c] = header.get(c).length();
      for (List<String> row : rows) {
        widths[c] = Math.max(widths[c], row.get(c).length());
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("task: ").append(report.task()).append(" (scores x100)\n");
    appendRow(out, header, widths);
    List<String> rule = new ArrayList<>();
    for (int w : widths) {
      rule.add("-".repeat(w));
    }
    appendRow(out, rule, widths);
    rows.forEach(row -> appendRow(out, row, widths));
    report.notes().forEach(note -> out.append(note).append('\n'));
    if (undefined) {
      out.append("nan: undefined, the variant's scores were all equal (nothing to rank or correlate); "
          + "often too few dimensions or bits to tell the inputs apart\n");
    }
    return out.toString();
  }

  private static void appendRow(StringBuilder out, List<String> cells, int[] widths) {
    for (int c = 0; c < cells.size(); c++) {
      String cell = cells.get(c);
      boolean left = c < 2;
      String padded = left ? cell + " ".repeat(widths[c] - cell.length()) : " ".repeat(widths[c] - cell.length()) + cell;
      out.append(padded);
      out.append(c + 1 < cells.size() ? "  " : "");
    }
    out.append('\n');
  }
}
