package dev.embedkit.eval.data;

import dev.embedkit.EmbedkitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sentence pairs with gold similarity scores, read from a CSV/TSV file. Columns are chosen by index or header name;
 * by default 0, 1 and 2 (the STS Benchmark file MTEB uses has no header). When all columns are indices, a first row
 * whose score is not a number is taken for a header and skipped; with any column named, the first row is the header.
 *
 * @param sentences1 first sentence of each pair
 * @param sentences2 second sentence of each pair
 * @param scores gold similarity of each pair
 */
public record StsPairs(List<String> sentences1, List<String> sentences2, double[] scores) {
  public static final Column DEFAULT_SENTENCE1 = Column.at(0);
  public static final Column DEFAULT_SENTENCE2 = Column.at(1);
  public static final Column DEFAULT_SCORE = Column.at(2);

  public int size() {
    return scores.length;
  }

  public static StsPairs read(Path path, Column sentence1, Column sentence2, Column score) {
    TableFile table = TableFile.read(path);
    List<TableFile.Row> rows = table.rows();
    String file = path.toString();
    boolean named = sentence1.byName() || sentence2.byName() || score.byName();
    List<String> header = null;
    int first = 0;
    if (named) {
      header = rows.get(0).fields();
      first = 1;
    }
    int i1 = sentence1.resolve(header, file);
    int i2 = sentence2.resolve(header, file);
    int is = score.resolve(header, file);
    int needed = Math.max(i1, Math.max(i2, is)) + 1;
    if (!named && rows.get(0).fields().size() > is && parse(rows.get(0).fields().get(is)) == null) {
      first = 1; // a header row
    }
    List<String> s1 = new ArrayList<>();
    List<String> s2 = new ArrayList<>();
    double[] scores = new double[rows.size() - first];
    for (int r = first; r < rows.size(); r++) {
      TableFile.Row row = rows.get(r);
      if (row.fields().size() < needed) {
        throw EmbedkitException.invalidInput(file + " line " + row.line() + ": expected at least " + needed
            + " columns (sentence1 " + sentence1 + ", sentence2 " + sentence2 + ", score " + score + "), found "
            + row.fields().size());
      }
      Double value = parse(row.fields().get(is));
      if (value == null) {
        throw EmbedkitException.invalidInput(file + " line " + row.line() + ": score '" + row.fields().get(is)
            + "' in column " + score + " is not a number");
      }
      s1.add(row.fields().get(i1));
      s2.add(row.fields().get(i2));
      scores[r - first] = value;
    }
    if (scores.length < 2) {
      throw EmbedkitException.invalidInput(file + " has " + scores.length + " scored pairs; correlation needs at least 2");
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
