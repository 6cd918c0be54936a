package dev.embedkit.store.io;

import dev.embedkit.EmbedkitException;
import dev.embedkit.io.IoErrors;
import dev.embedkit.io.NpyHeader;
import dev.embedkit.io.OutputFile;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.StoredDocument.StoredChunk;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Iterator;

/**
 * Writes vectors for NumPy: {@value #VECTORS}, a float32 little-endian array of shape {@code (rows, dimensions)} with
 * one row per chunk in the order given, and {@value #IDS}, one JSON line per row naming it:
 *
 * <pre>{@code
 * {"id":"a1","chunk":0,"start":0,"end":812,"metadata":{"lang":"en"}}
 * }</pre>
 *
 * <pre>{@code
 * vectors = numpy.load("export/vectors.npy")   # shape (rows, dimensions)
 * }</pre>
 *
 * The .npy header holds the row count, written first, and {@link OutputFile} writes a stream (no seeking back): so the
 * caller gives the count up front (a collection's {@code info().chunks()}), and a stream that holds another number of
 * rows is an error after which neither file is written. Both go through {@link OutputFile}: a failed export leaves
 * what was there before.
 */
public final class NpyExport {
  /** The array's file name in the folder. */
  public static final String VECTORS = "vectors.npy";
  /** The rows' ids' file name in the folder. */
  public static final String IDS = "ids.jsonl";

  private NpyExport() {}

  /**
   * Writes {@value #VECTORS} and {@value #IDS} into a folder, streaming.
   *
   * @param rows the chunks the documents hold in all
   * @param dimensions every vector's length
   * @return rows written
   * @throws EmbedkitException INVALID_INPUT for a chunk without a vector or with another length, or another number of
   *     rows than said; the errors of {@link OutputFile#open} (a folder that does not exist)
   */
  public static long write(Path folder, Iterator<StoredDocument> documents, long rows, int dimensions) {
    if (rows < 0 || dimensions < 1) {
      throw EmbedkitException.invalidInput("an array of " + rows + " rows of " + dimensions + " dimensions cannot be"
          + " written; accepted: 0 or more rows of 1 or more dimensions");
    }
    long written = 0;
    try (OutputFile vectors = OutputFile.open(folder.resolve(VECTORS));
        OutputFile ids = OutputFile.open(folder.resolve(IDS))) {
      OutputStream array = vectors.stream();
      array.write(NpyHeader.of("<f4", rows, dimensions));
      ByteBuffer row = ByteBuffer.allocate(dimensions * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      try (JsonLineWriter lines = new JsonLineWriter(ids.stream())) {
        reading:
        while (documents.hasNext()) {
          StoredDocument document = documents.next();
          for (StoredChunk stored : document.chunks()) {
            float[] vector = JsonlExport.vectorOf(document, stored);
            if (vector.length != dimensions) {
              throw EmbedkitException.invalidInput("document '" + document.id() + "' chunk " + stored.chunk().index()
                  + " has a vector of " + vector.length + " dimensions; the export's are " + dimensions);
            }
            if (++written > rows) {
              break reading;
            }
            row.clear();
            row.asFloatBuffer().put(vector);
            array.write(row.array());
            idLine(lines, document, stored.chunk());
          }
        }
      }
      if (written != rows) {
        throw EmbedkitException.invalidInput("the export was told of " + rows + " rows but the documents hold "
            + (written > rows ? "more" : written) + "; nothing was written (did the collection change meanwhile?)");
      }
      array.flush();
      ids.commit();
      vectors.commit();
    } catch (IOException e) {
      throw IoErrors.of("write", folder.resolve(VECTORS), e);
    }
    return written;
  }

  private static void idLine(JsonLineWriter lines, StoredDocument document, Chunk chunk) throws IOException {
    var json = lines.json();
    json.writeStartObject();
    json.writeStringField("id", document.id());
    json.writeNumberField("chunk", chunk.index());
    json.writeNumberField("start", chunk.start());
    json.writeNumberField("end", chunk.end());
    lines.metadata(document.metadata());
    lines.endLine();
  }
}
