package dev.embedkit.eval.data;

import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Rows of a CSV or TSV file (RFC 4180 quoting: fields may hold commas, quotes and line breaks). The delimiter is a
 * tab for {@code .tsv} / {@code .tab} files and a comma otherwise. Each row keeps the line it starts on, for error
 * messages.
 *
 * @param path the file
 * @param rows the rows in file order, header included
 */
public record TableFile(Path path, List<Row> rows) {

  /** One row and the 1-based line it starts on. */
  public record Row(int line, List<String> fields) {}

  public static TableFile read(Path path) {
    requireFile(path);
    char delimiter = isTsv(path) ? '\t' : ',';
    CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
    List<Row> rows = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(reader, format)) {
      Iterator<CSVRecord> records = parser.iterator();
      while (true) {
        long lineBefore = parser.getCurrentLineNumber();
        CSVRecord record;
        try {
          if (!records.hasNext()) {
            break;
          }
          record = records.next();
        } catch (UncheckedIOException | IllegalStateException e) {
          throw EmbedkitException.invalidInput(path + " line " + (lineBefore + 1) + ": malformed CSV ("
              + firstLine(e.getMessage()) + ")");
        }
        List<String> fields = new ArrayList<>(record.size());
        record.forEach(fields::add);
        rows.add(new Row((int) lineBefore + 1, fields));
      }
    } catch (IOException e) {
      throw EmbedkitException.invalidInput("cannot read " + path + ": " + e.getMessage());
    }
    if (rows.isEmpty()) {
      throw EmbedkitException.invalidInput(path + " is empty");
    }
    return new TableFile(path, rows);
  }

  static boolean isTsv(Path path) {
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".tsv") || name.endsWith(".tab");
  }

  static void requireFile(Path path) {
    if (!Files.exists(path)) {
      throw EmbedkitException.notFound("no such file: " + path);
    }
    if (!Files.isRegularFile(path)) {
      throw EmbedkitException.invalidInput(path + " is not a file");
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable record";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
