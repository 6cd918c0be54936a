package dev.embedkit.eval.data;

import dev.embedkit.EmbedkitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Texts with class labels, from CSV/TSV (columns by index or header name; default 0 = text, 1 = label, and a first
 * row is a header when any column is named) or JSON Lines (fields by name; default "text" and "label").
 *
 * @param texts the texts
 * @param labels one label per text
 */
public record LabelledTexts(List<String> texts, List<String> labels) {

  public int size() {
    return texts.size();
  }

  public static LabelledTexts read(Path path, String textColumn, String labelColumn, boolean header) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    LabelledTexts data = name.endsWith(".jsonl") || name.endsWith(".ndjson")
        ? readJsonLines(path, textColumn == null ? "text" : textColumn, labelColumn == null ? "label" : labelColumn)
        : readTable(path, Column.parse(textColumn == null ? "0" : textColumn),
            Column.parse(labelColumn == null ? "1" : labelColumn), header);
    if (data.size() < 2) {
      throw EmbedkitException.invalidInput(path + " has " + data.size() + " labelled texts; at least 2 are needed");
    }
    return data;
  }

  private static LabelledTexts readJsonLines(Path path, String textField, String labelField) {
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    JsonLines.forEach(path, (line, node) -> {
      texts.add(JsonLines.text(node, textField, path, line));
      labels.add(JsonLines.text(node, labelField, path, line));
    });
    return new LabelledTexts(texts, labels);
  }

  private static LabelledTexts readTable(Path path, Column text, Column label, boolean header) {
    List<TableFile.Row> rows = TableFile.read(path).rows();
    boolean hasHeader = header || text.byName() || label.byName();
    List<String> names = hasHeader ? rows.get(0).fields() : null;
    int it = text.resolve(names, path.toString());
    int il = label.resolve(names, path.toString());
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (int r = hasHeader ? 1 : 0; r < rows.size(); r++) {
      TableFile.Row row = rows.get(r);
      if (row.fields().size() <= Math.max(it, il)) {
        throw EmbedkitException.invalidInput(path + " line " + row.line() + ": expected at least " + (Math.max(it, il) + 1)
            + " columns (text " + text + ", label " + label + "), found " + row.fields().size());
      }
      texts.add(row.fields().get(it));
      labels.add(row.fields().get(il).strip());
    }
    return new LabelledTexts(texts, labels);
  }
}
