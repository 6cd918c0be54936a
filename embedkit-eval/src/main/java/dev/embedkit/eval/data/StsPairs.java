package dev.embedkit.eval.data;

import dev.embedkit.EmbedkitException;
import dev.embedkit.input.ColumnRef;
import dev.embedkit.input.HeaderMode;
import dev.embedkit.input.TableReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Sentence pairs with gold similarity scores, read from a CSV/TSV file. Columns are chosen by name or by number from
 * 1; by default the columns named sentence1, sentence2 and score, else columns 1, 2 and 3 (the STS Benchmark file MTEB
 * uses has no header). The first row is a header by {@link HeaderMode}'s rule, and also when its score is not a
 * number (a header with other names, e.g. "s1, s2, gold").
 *
 * @param sentences1 first sentence of each pair
 * @param sentences2 second sentence of each pair
 * @param scores gold similarity of each pair
 */
public record StsPairs(List<String> sentences1, List<String> sentences2, double[] scores) {
  static final List<String> NAMES = List.of("sentence1", "sentence2", "score");

  public int size() {
    return scores.length;
  }

  /** With the default columns and header rule. */
  public static StsPairs read(Path path) {
    return read(path, null, null, null, HeaderMode.AUTO);
  }

  /** Columns may be null (the default: named, else 1, 2, 3). */
  public static StsPairs read(Path path, ColumnRef sentence1, ColumnRef sentence2, ColumnRef score, HeaderMode mode) {
    TableFile table = TableFile.read(path, mode, NAMES, Arrays.asList(sentence1, sentence2, score));
    List<TableReader.Row> rows = table.rows();
    String file = path.toString();
    int i1 = LabelledTexts.column(table, sentence1, NAMES.get(0), 1, "--sentence1-column");
    int i2 = LabelledTexts.column(table, sentence2, NAMES.get(1), 2, "--sentence2-column");
    int is = LabelledTexts.column(table, score, NAMES.get(2), 3, "--score-column");
    int needed = Math.max(i1, Math.max(i2, is)) + 1;
    int first = 0;
    if (rows.isEmpty()) {
      throw EmbedkitException.invalidInput(file + " has no scored pairs; correlation needs at least 2");
    }
    if (mode == HeaderMode.AUTO && table.header() == null && rows.get(0).fields().size() > is
        && parse(rows.get(0).fields().get(is)) == null) {
      first = 1; // a header with other names: its score cell is not a number
    }
    List<String> s1 = new ArrayList<>();
    List<String> s2 = new ArrayList<>();
    double[] scores = new double[rows.size() - first];
    for (int r = first; r < rows.size(); r++) {
      TableReader.Row row = rows.get(r);
      if (row.fields().size() < needed) {
        throw EmbedkitException.invalidInput(file + " line " + row.line() + ": expected at least " + needed
            + " columns (sentence1 in column " + (i1 + 1) + ", sentence2 in " + (i2 + 1) + ", score in " + (is + 1)
            + "), found " + row.fields().size());
      }
      Double value = parse(row.fields().get(is));
      if (value == null) {
        throw EmbedkitException.invalidInput(file + " line " + row.line() + ": score '" + row.fields().get(is)
            + "' in column " + (is + 1) + " is not a number");
      }
      s1.add(row.fields().get(i1));
      s2.add(row.fields().get(i2));
      scores[r - first] = value;
    }
    if (scores.length < 2) {
      throw EmbedkitException.invalidInput(file + " has " + scores.length + " scored pairs; correlation needs at least 2");
    }
    if (Arrays.stream(scores).allMatch(v -> v == scores[0])) {
      throw EmbedkitException.invalidInput(file + ": every gold score is " + scores[0] + "; a correlation with constant "
          + "scores is undefined, so these pairs cannot score a model (check --score-column)");
    }
    return new StsPairs(s1, s2, scores);
  }

  private static Double parse(String value) {
    try {
      double d = Double.parseDouble(value.trim());
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
