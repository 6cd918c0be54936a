package dev.embedkit.eval.data;

import dev.embedkit.EmbedkitException;
import dev.embedkit.input.ColumnRef;
import dev.embedkit.input.HeaderMode;
import dev.embedkit.input.TableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Texts with class labels, from CSV/TSV or JSON Lines. In a table, the text is the column named {@code text} (else
 * column 1) and the label the column named {@code label} (else column 2), unless chosen by name or number from 1; the
 * first row is a header by {@link HeaderMode}'s rule (it holds a column name looked for, or a column is chosen by
 * name). In JSON Lines, fields by name (default {@code text} and {@code label}).
 *
 * @param texts the texts
 * @param labels one label per text
 */
public record LabelledTexts(List<String> texts, List<String> labels) {
  static final String TEXT = "text";
  static final String LABEL = "label";

  public int size() {
    return texts.size();
  }

  public static LabelledTexts read(Path path, String textColumn, String labelColumn, HeaderMode header) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    LabelledTexts data = name.endsWith(".jsonl") || name.endsWith(".ndjson")
        ? readJsonLines(path, textColumn == null ? TEXT : textColumn, labelColumn == null ? LABEL : labelColumn, header)
        : readTable(path, textColumn == null ? null : ColumnRef.parse(textColumn, "--text-column"),
            labelColumn == null ? null : ColumnRef.parse(labelColumn, "--label-column"), header);
    if (data.size() < 2) {
      throw EmbedkitException.invalidInput(path + " has " + data.size() + " labelled texts; at least 2 are needed");
    }
    return data;
  }

  private static LabelledTexts readJsonLines(Path path, String textField, String labelField, HeaderMode header) {
    if (header == HeaderMode.PRESENT) {
      throw EmbedkitException.invalidInput("--header applies to CSV and TSV files; " + path + " is JSON Lines");
    }
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    JsonLines.forEach(path, (line, node) -> {
      texts.add(JsonLines.text(node, textField, path, line));
      labels.add(JsonLines.text(node, labelField, path, line));
    });
    return new LabelledTexts(texts, labels);
  }

  private static LabelledTexts readTable(Path path, ColumnRef text, ColumnRef label, HeaderMode header) {
    TableFile table = TableFile.read(path, header, List.of(TEXT, LABEL), Arrays.asList(text, label));
    int it = column(table, text, TEXT, 1, "--text-column");
    int il = column(table, label, LABEL, 2, "--label-column");
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    for (TableReader.Row row : table.rows()) {
      if (row.fields().size() <= Math.max(it, il)) {
        throw EmbedkitException.invalidInput(path + " line " + row.line() + ": expected at least " + (Math.max(it, il) + 1)
            + " columns (text in column " + (it + 1) + ", label in column " + (il + 1) + "), found " + row.fields().size());
      }
      texts.add(row.fields().get(it));
      labels.add(row.fields().get(il).strip());
    }
    return new LabelledTexts(texts, labels);
  }

  /** The chosen column; by default the one named {@code name} in the header, else column {@code number}. */
  static int column(TableFile table, ColumnRef chosen, String name, int number, String option) {
    if (chosen != null) {
      return chosen.resolve(table.header(), table.path().toString(), option);
    }
    int named = ColumnRef.named(name).find(table.header());
    return named >= 0 ? named : number - 1;
  }
}
