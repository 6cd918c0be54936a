package dev.embedkit.store.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.embedkit.store.StoredDocument;
import java.io.IOException;
import java.util.List;

/**
 * The one JSON form of a stored document, for the HTTP API's document reads and scrolls (and the CLI's):
 *
 * <pre>{@code
 * {"id": "7", "text": "...", "metadata": {"lang": "en"}, "image": null,
 *  "chunks": [{"index": 0, "start": 0, "end": 41, "vector": [0.01, ...]}]}
 * }</pre>
 *
 * Chunks carry their span; {@code vector} is there only when vectors were read ({@code withVectors}).
 */
public final class DocumentJson {
  private DocumentJson() {}

  /** Writes the documents as a JSON array. */
  public static void writeAll(JsonGenerator json, List<StoredDocument> documents, boolean withVectors)
      throws IOException {
    json.writeStartArray();
    for (StoredDocument document : documents) {
      write(json, document, withVectors);
    }
    json.writeEndArray();
  }

  public static void write(JsonGenerator json, StoredDocument document, boolean withVectors) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", document.id());
    json.writeStringField("text", document.text());
    json.writeFieldName("metadata");
    HitJson.metadata(json, document.metadata());
    json.writeStringField("image", document.image());
    json.writeArrayFieldStart("chunks");
    for (StoredDocument.StoredChunk chunk : document.chunks()) {
      json.writeStartObject();
      json.writeNumberField("index", chunk.chunk().index());
      json.writeNumberField("start", chunk.chunk().start());
      json.writeNumberField("end", chunk.chunk().end());
      if (withVectors) {
        json.writeFieldName("vector");
        HitJson.vector(json, chunk.vector());
      }
      json.writeEndObject();
    }
    json.writeEndArray();
    json.writeEndObject();
  }
}
