package dev.embedkit.eval.data;

import dev.embedkit.EmbedkitException;
import dev.embedkit.input.ColumnRef;
import dev.embedkit.input.HeaderMode;
import dev.embedkit.input.TableReader;
import dev.embedkit.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

/**
 * A whole CSV or TSV file (RFC 4180 quoting: fields may hold commas, quotes and line breaks), read with core's
 * {@link TableReader}: the same header rule ({@link HeaderMode}) and column numbering ({@link ColumnRef}, from 1) as
 * every other table embedkit reads. The delimiter is a tab for {@code .tsv} / {@code .tab} files and a comma
 * otherwise. Each row keeps the line it starts on, for error messages.
 *
 * @param path the file
 * @param header the header row, or null when the first row is data
 * @param rows the data rows in file order (possibly none)
 */
public record TableFile(Path path, List<String> header, List<TableReader.Row> rows) {

  /**
   * Reads a file.
   *
   * @param expectedNames the column names the reader looks for by default: a first row holding one is a header
   *     (under {@link HeaderMode#AUTO})
   * @param columns the columns the user chose: one chosen by name makes the first row a header
   */
  public static TableFile read(Path path, HeaderMode mode, Collection<String> expectedNames, Collection<ColumnRef> columns) {
    requireFile(path);
    try (InputStream in = Files.newInputStream(path);
        TableReader table = TableReader.open(in, path.toString(), TableReader.delimiterFor(path.getFileName().toString()),
            mode, expectedNames, columns)) {
      return new TableFile(path, table.header(), table.readAll());
    } catch (IOException e) {
      throw IoErrors.of("read", path, e);
    }
  }

  static void requireFile(Path path) {
    if (!Files.exists(path)) {
      throw EmbedkitException.notFound("no such file: " + path);
    }
    if (!Files.isRegularFile(path)) {
      throw EmbedkitException.invalidInput(path + " is not a file");
    }
  }
}
