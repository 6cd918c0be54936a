package dev.embedkit.store.io;

import dev.embedkit.store.Document;
import java.util.Iterator;

/**
 * Documents read one at a time from a file or a folder, for {@code Collection.ingest}: a source never holds more
 * than the document it is reading (a folder source holds the list of its files' paths). Errors are one-line
 * INVALID_INPUT or NOT_FOUND exceptions naming the file, and the line for line-based files.
 *
 * <pre>{@code
 * try (DocumentSource source = DocumentSources.open(Path.of("docs.jsonl"), DocumentSources.Options.DEFAULTS)) {
 *   collection.ingest(source, Collection.IngestListener.NONE);
 * }
 * }</pre>
 */
public interface DocumentSource extends Iterator<Document>, AutoCloseable {
  /** The file or folder read, as given, for messages. */
  String source();

  /** Releases the open file, if any. Closing twice does nothing. */
  @Override
  void close();
}
