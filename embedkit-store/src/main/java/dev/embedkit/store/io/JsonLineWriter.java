package dev.embedkit.store.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/** Writes JSON Lines: one compact value per line, floats as their shortest round-trip decimal (Float.toString). */
final class JsonLineWriter implements AutoCloseable {
  private static final JsonFactory FACTORY = JsonValues.MAPPER.getFactory().copy()
      .setRootValueSeparator(null) // else Jackson starts every line after the first with a space
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .setCodec(JsonValues.MAPPER);

  private final JsonGenerator json;

  JsonLineWriter(OutputStream out) throws IOException {
    this.json = FACTORY.createGenerator(out);
  }

  JsonGenerator json() {
    return json;
  }

  void vector(String field, float[] vector) throws IOException {
    json.writeArrayFieldStart(field);
    for (float value : vector) {
      json.writeNumber(value);
    }
    json.writeEndArray();
  }

  /** Metadata values are String, Long, Double, Boolean or lists of them (see Metadata.normalize). */
  void metadata(Map<String, Object> metadata) throws IOException {
    json.writeObjectFieldStart("metadata");
    for (Map.Entry<String, Object> field : metadata.entrySet()) {
      json.writeFieldName(field.getKey());
      if (field.getValue() instanceof List<?> values) {
        json.writeStartArray();
        for (Object value : values) {
          json.writeObject(value);
        }
        json.writeEndArray();
      } else {
        json.writeObject(field.getValue());
      }
    }
    json.writeEndObject();
  }

  /** Ends the line's value and the line. */
  void endLine() throws IOException {
    json.writeEndObject();
    json.writeRaw('\n');
  }

  @Override
  public void close() throws IOException {
    json.close(); // flushes; the target stays open
  }
}
