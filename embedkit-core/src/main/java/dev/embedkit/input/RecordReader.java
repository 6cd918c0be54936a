package dev.embedkit.input;

import dev.embedkit.EmbedkitException;
import dev.embedkit.io.IoErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Texts to embed, read one record at a time from a file or a stream (stdin), so a large input is never held in memory
 * whole and stdin is embedded as it arrives. The layouts ({@link InputFormat}):
 *
 * <ul>
 *   <li>lines: one text per line; empty and whitespace-only lines are skipped (they are layout, not texts) but
 *       counted, so every record keeps its line number;
 *   <li>JSON Lines: one JSON string, or object with a text field, per line; blank lines skipped;
 *   <li>JSON: an array of strings or of objects with a text field (streamed, so arrays larger than memory work);
 *   <li>CSV/TSV: the text column by name or number from 1, the first row a header by {@link HeaderMode}'s rule.
 * </ul>
 *
 * Values inside JSON and tables are texts as given: an empty or whitespace-only string is embedded (as
 * sentence-transformers embeds it). Objects and tables may carry an id ({@code id}, or the field named by
 * {@link InputSpec#idField()}), which outputs keep.
 */
public interface RecordReader extends AutoCloseable {
  /** The next record, or null at the end. */
  InputRecord next();

  /** "FILE" or "stdin", for messages. */
  String source();

  /**
   * True when the next record can be read without waiting for more input (always, for files). A caller embedding a
   * stream batches what has arrived instead of waiting for a full batch.
   */
  default boolean ready() {
    return true;
  }

  /** True when records carry ids (an id field or column exists). */
  boolean hasIds();

  @Override
  void close();

  /** Opens a file; a missing or unreadable file is a one-line error. */
  static RecordReader open(Path file, InputSpec spec) {
    if (Files.isDirectory(file)) {
      throw EmbedkitException.invalidInput("input " + file + " is a folder; give a file");
    }
    InputStream in;
    try {
      in = Files.newInputStream(file);
    } catch (NoSuchFileException e) {
      throw EmbedkitException.notFound("input file " + file + " does not exist");
    } catch (IOException e) {
      throw IoErrors.of("read input file", file, e);
    }
    return open(in, file.toString(), spec.format().resolve(file.getFileName().toString()), spec);
  }

  /** Opens a stream; AUTO means lines. */
  static RecordReader open(InputStream in, String source, InputSpec spec) {
    return open(in, source, spec.format() == InputFormat.AUTO ? InputFormat.LINES : spec.format(), spec);
  }

  private static RecordReader open(InputStream in, String source, InputFormat format, InputSpec spec) {
    try {
      return switch (format) {
        case JSONL -> new JsonLinesRecords(new LineReader(in, source), spec);
        case JSON -> new JsonArrayRecords(in, source, spec);
        case CSV, TSV -> TableRecords.open(in, source, format == InputFormat.TSV ? '\t' : ',', spec);
        default -> new LineRecords(new LineReader(in, source), spec);
      };
    } catch (RuntimeException e) {
      try {
        in.close();
      } catch (IOException ignored) {
        // already failing
      }
      throw e;
    }
  }

  /** Every record of a small source, e.g. a calibration or labels file. */
  default List<InputRecord> readAll() {
    List<InputRecord> all = new ArrayList<>();
    for (InputRecord r; (r = next()) != null; ) {
      all.add(r);
    }
    return all;
  }
}
