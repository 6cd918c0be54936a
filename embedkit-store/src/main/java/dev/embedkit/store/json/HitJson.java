package dev.embedkit.store.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.Field;
import dev.embedkit.store.SearchHit;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one JSON form of a search result, shared by the HTTP API ({@code POST /collections/NAME/search}) and the CLI's
 * {@code search --format json}:
 *
 * <pre>{@code
 * {"id": "7", "score": 0.8312, "text": "...", "metadata": {"lang": "en"},
 *  "chunk": {"index": 0, "start": 0, "end": 41, "text": "..."}, "vector": [0.01, ...], "image": "photos/7.jpg"}
 * }</pre>
 *
 * {@code id} and {@code score} are always there; every other field is there exactly when it was asked for
 * ({@link SearchHit}'s fields), {@code null} when the document has none (no text, no image, no chunk).
 */
public final class HitJson {
  private HitJson() {}

  /** Writes the hits as a JSON array. */
  public static void writeAll(JsonGenerator json, List<SearchHit> hits, Set<Field> fields) throws IOException {
    json.writeStartArray();
    for (SearchHit hit : hits) {
      write(json, hit, fields);
    }
    json.writeEndArray();
  }

  /** Writes one hit as a JSON object with the fields asked for. */
  public static void write(JsonGenerator json, SearchHit hit, Set<Field> fields) throws IOException {
    json.writeStartObject();
    json.writeStringField("id", hit.id());
    json.writeNumberField("score", hit.score());
    if (fields.contains(Field.TEXT)) {
      json.writeStringField("text", hit.text());
    }
    if (fields.contains(Field.METADATA)) {
      json.writeFieldName("metadata");
      metadata(json, hit.metadata());
    }
    if (fields.contains(Field.CHUNK)) {
      json.writeFieldName("chunk");
      chunk(json, hit.chunk(), true);
    }
    if (fields.contains(Field.VECTOR)) {
      json.writeFieldName("vector");
      vector(json, hit.vector());
    }
    if (fields.contains(Field.IMAGE)) {
      json.writeStringField("image", hit.image());
    }
    json.writeEndObject();
  }

  /** A chunk's span ({@code index}, {@code start}, {@code end}) and, when asked, its text; null writes null. */
  static void chunk(JsonGenerator json, Chunk chunk, boolean withText) throws IOException {
    if (chunk == null) {
      json.writeNull();
      return;
    }
    json.writeStartObject();
    json.writeNumberField("index", chunk.index());
    json.writeNumberField("start", chunk.start());
    json.writeNumberField("end", chunk.end());
    if (withText) {
      json.writeStringField("text", chunk.text());
    }
    json.writeEndObject();
  }

  /** Metadata as normalised by the store: strings, longs, doubles, booleans, flat lists of them; null writes {}. */
  static void metadata(JsonGenerator json, Map<String, Object> metadata) throws IOException {
    json.writeStartObject();
    if (metadata != null) {
      for (Map.Entry<String, Object> entry : metadata.entrySet()) {
        json.writeFieldName(entry.getKey());
        if (entry.getValue() instanceof List<?> list) {
          json.writeStartArray();
          for (Object value : list) {
            scalar(json, value);
          }
          json.writeEndArray();
        } else {
          scalar(json, entry.getValue());
        }
      }
    }
    json.writeEndObject();
  }

  private static void scalar(JsonGenerator json, Object value) throws IOException {
    if (value instanceof String s) {
      json.writeString(s);
    } else if (value instanceof Long l) {
      json.writeNumber(l);
    } else if (value instanceof Double d) {
      json.writeNumber(d);
    } else if (value instanceof Boolean b) {
      json.writeBoolean(b);
    } else if (value == null) {
      json.writeNull();
    } else {
      // Metadata.normalize admits nothing else; a new kind must get its own JSON form here
      throw new IllegalStateException("metadata value of type " + value.getClass().getName());
    }
  }

  /** A vector as a JSON array of floats (each in its shortest round-tripping form); null writes null. */
  static void vector(JsonGenerator json, float[] vector) throws IOException {
    if (vector == null) {
      json.writeNull();
      return;
    }
    json.writeStartArray();
    for (float v : vector) {
      json.writeNumber(v);
    }
    json.writeEndArray();
  }
}
