package dev.embedkit.store.io;

import dev.embedkit.EmbedkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the right {@link DocumentSource} for a path: a folder of text files ({@link FolderSource}), or of images with
 * {@link Options#images()} ({@link ImageFolderSource}); {@code .jsonl} or {@code .ndjson} ({@link JsonlSource});
 * {@code .csv} or {@code .tsv} ({@link CsvSource}). Anything else is refused, listing what is accepted.
 *
 * <pre>{@code
 * DocumentSources.open(Path.of("faq.csv"), DocumentSources.Options.DEFAULTS.withTextColumn("answer"));
 * }</pre>
 */
public final class DocumentSources {
  /** What {@link #open} accepts, for messages. */
  public static final String ACCEPTED = "a folder (of .txt, .md, .markdown, .html and .htm files, or of images),"
      + " .jsonl or .ndjson (one JSON object per line), .csv or .tsv (with a header row)";

  private DocumentSources() {}

  /**
   * How sources read their input.
   *
   * @param idColumn CSV/TSV: the id column's name (null: {@value CsvSource#DEFAULT_ID_COLUMN})
   * @param textColumn CSV/TSV: the text column's name (null: {@value CsvSource#DEFAULT_TEXT_COLUMN})
   * @param generateIds JSON Lines, CSV/TSV: a record without an id gets {@code <file name>:<line>}, instead of being
   *     refused
   * @param typedColumns CSV/TSV: metadata values typed by what they look like (see {@link CsvSource}), else strings
   * @param maxFileBytes folders of text files: larger files are refused
   * @param images a folder is read as images ({@link ImageFolderSource}), not text files
   * @param recursive folders of images: also read sub-folders (folders of text files always are)
   */
  public record Options(String idColumn, String textColumn, boolean generateIds, boolean typedColumns,
      long maxFileBytes, boolean images, boolean recursive) {
    public static final Options DEFAULTS = new Options(null, null, false, true, FolderSource.DEFAULT_MAX_FILE_BYTES,
        false, true);

    public Options {
      if (maxFileBytes < 1) {
        throw EmbedkitException.invalidInput("the file size limit is " + maxFileBytes + "; accepted: 1 byte or more");
      }
    }

    public Options withIdColumn(String name) {
      return new Options(name, textColumn, generateIds, typedColumns, maxFileBytes, images, recursive);
    }

    public Options withTextColumn(String name) {
      return new Options(idColumn, name, generateIds, typedColumns, maxFileBytes, images, recursive);
    }

    public Options withGenerateIds(boolean generate) {
      return new Options(idColumn, textColumn, generate, typedColumns, maxFileBytes, images, recursive);
    }

    public Options withTypedColumns(boolean typed) {
      return new Options(idColumn, textColumn, generateIds, typed, maxFileBytes, images, recursive);
    }

    public Options withMaxFileBytes(long bytes) {
      return new Options(idColumn, textColumn, generateIds, typedColumns, bytes, images, recursive);
    }

    public Options withImages(boolean read) {
      return new Options(idColumn, textColumn, generateIds, typedColumns, maxFileBytes, read, recursive);
    }

    public Options withRecursive(boolean descend) {
      return new Options(idColumn, textColumn, generateIds, typedColumns, maxFileBytes, images, descend);
    }
  }

  /**
   * The source for a path, by what it is.
   *
   * @throws EmbedkitException NOT_FOUND for a path that does not exist; INVALID_INPUT for a file of another type
   */
  public static DocumentSource open(Path path, Options options) {
    if (Files.isDirectory(path)) {
      return options.images() ? new ImageFolderSource(path, options.recursive())
          : new FolderSource(path, options.maxFileBytes());
    }
    if (!Files.exists(path)) {
      throw EmbedkitException.notFound("cannot import " + path + ": it does not exist");
    }
    String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return new JsonlSource(path, options.generateIds());
    }
    if (name.endsWith(".csv") || name.endsWith(".tsv")) {
      return new CsvSource(path, options.idColumn(), options.textColumn(), options.generateIds(),
          options.typedColumns());
    }
    throw EmbedkitException.invalidInput("cannot import " + path + ": accepted are " + ACCEPTED);
  }
}
