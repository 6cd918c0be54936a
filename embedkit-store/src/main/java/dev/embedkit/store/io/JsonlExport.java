package dev.embedkit.store.io;

import dev.embedkit.EmbedkitException;
import dev.embedkit.io.IoErrors;
import dev.embedkit.io.OutputFile;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.StoredDocument.StoredChunk;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Writes documents with their vectors as JSON Lines, through {@link OutputFile} (a temporary file renamed into place:
 * a failed export leaves the target as it was). One line per document:
 *
 * <pre>{@code
 * {"id":"a1","text":"...","metadata":{"lang":"en"},"vector":[0.1,...],"chunks":[{"index":0,"start":0,"end":812,
 *   "vector":[0.1,...]}]}                               (one line in the file)
 * {"id":"img-1","metadata":{},"image":"/photos/cat.png","vector":[...],"chunks":[...]}
 * }</pre>
 *
 * {@code text} and {@code image} are left out when absent. A document held whole (one chunk covering all its text, or
 * no text) also has a top-level {@code vector}, so that {@link JsonlSource} reads it back with its vector; a split
 * document's chunk vectors are written for other readers, and re-imported from its text (see {@link JsonlSource}).
 * Vectors are written as the shortest decimals that read back as the same floats.
 */
public final class JsonlExport {
  private JsonlExport() {}

  /**
   * Writes the documents, streaming: one is held at a time.
   *
   * @return documents written
   * @throws EmbedkitException INVALID_INPUT for a chunk without its vector (read the documents with vectors); the
   *     errors of {@link OutputFile#open}
   */
  public static long write(Path file, Iterator<StoredDocument> documents) {
    long written = 0;
    try (OutputFile out = OutputFile.open(file)) {
      try (JsonLineWriter lines = new JsonLineWriter(out.stream())) {
        while (documents.hasNext()) {
          line(lines, documents.next());
          written++;
        }
      }
      out.commit();
    } catch (IOException e) {
      throw IoErrors.of("write", file, e);
    }
    return written;
  }

  private static void line(JsonLineWriter lines, StoredDocument document) throws IOException {
    var json = lines.json();
    json.writeStartObject();
    json.writeStringField("id", document.id());
    if (document.text() != null) {
      json.writeStringField("text", document.text());
    }
    lines.metadata(document.metadata());
    if (document.image() != null) {
      json.writeStringField("image", document.image());
    }
    if (whole(document)) {
      lines.vector("vector", vectorOf(document, document.chunks().get(0)));
    }
    json.writeArrayFieldStart("chunks");
    for (StoredChunk stored : document.chunks()) {
      Chunk chunk = stored.chunk();
      json.writeStartObject();
      json.writeNumberField("index", chunk.index());
      json.writeNumberField("start", chunk.start());
      json.writeNumberField("end", chunk.end());
      lines.vector("vector", vectorOf(document, stored));
      json.writeEndObject();
    }
    json.writeEndArray();
    lines.endLine();
  }

  /** One chunk covering the whole text (or the document has none): its vector is the document's. */
  static boolean whole(StoredDocument document) {
    if (document.chunks().size() != 1) {
      return false;
    }
    Chunk chunk = document.chunks().get(0).chunk();
    return chunk.start() == 0 && chunk.end() == (document.text() == null ? 0 : document.text().length());
  }

  static float[] vectorOf(StoredDocument document, StoredChunk stored) {
    if (stored.vector() == null) {
      throw EmbedkitException.invalidInput("document '" + document.id() + "' chunk " + stored.chunk().index()
          + " has no vector; export documents read with their vectors");
    }
    return stored.vector();
  }
}
