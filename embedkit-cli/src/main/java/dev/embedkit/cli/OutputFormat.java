package dev.embedkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** How {@code embedkit embed} writes embeddings. */
enum OutputFormat {
  /** {"model": ..., "dimensions": N, "precision": ..., "embeddings": [[...], ...], "tokens": T, "truncated": K}. */
  JSON {
    @Override
    void write(EmbeddingResult result, OutputStream out, int firstIndex) throws IOException {
      try (JsonGenerator json = MAPPER.getFactory().createGenerator(new NonClosingOutputStream(out))) {
        json.writeStartObject();
        json.writeStringField("model", result.model());
        json.writeNumberField("dimensions", result.dimensions());
        json.writeStringField("precision", Named.of(result.precision()));
        json.writeArrayFieldStart("embeddings");
        for (Embedding e : result.embeddings()) {
          writeValues(json, e);
        }
        json.writeEndArray();
        json.writeNumberField("tokens", result.totalTokens());
        json.writeNumberField("truncated", result.truncatedCount());
        json.writeEndObject();
      }
      out.write('\n');
    }
  },
  /** One JSON object per input: {"index": i, "embedding": [...]}. */
  JSONL {
    @Override
    void write(EmbeddingResult result, OutputStream out, int firstIndex) throws IOException {
      int index = firstIndex;
      for (Embedding e : result.embeddings()) {
        try (JsonGenerator json = MAPPER.getFactory().createGenerator(new NonClosingOutputStream(out))) {
          json.writeStartObject();
          json.writeNumberField("index", index++);
          json.writeFieldName("embedding");
          writeValues(json, e);
          json.writeEndObject();
        }
        out.write('\n');
      }
    }
  },
  /** One row per input, values separated by commas, no header. */
  CSV {
    @Override
    void write(EmbeddingResult result, OutputStream out, int firstIndex) throws IOException {
      StringBuilder row = new StringBuilder();
      for (Embedding e : result.embeddings()) {
        row.setLength(0);
        for (int i = 0; i < e.length(); i++) {
          if (i > 0) {
            row.append(',');
          }
          row.append(e.value(i));
        }
        row.append('\n');
        out.write(row.toString().getBytes(StandardCharsets.UTF_8));
      }
    }
  },
  /** A NumPy .npy array of shape (inputs, values): float32, int8 or uint8 as the precision says. */
  NPY {
    @Override
    void write(EmbeddingResult result, OutputStream out, int firstIndex) throws IOException {
      NpyWriter.write(result, out);
    }

    @Override
    boolean isBinary() {
      return true;
    }
  };

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * Writes a result. Streaming formats may be called once per chunk of a long input; {@code firstIndex} is the
   * position of the chunk's first input in the whole input.
   */
  abstract void write(EmbeddingResult result, OutputStream out, int firstIndex) throws IOException;

  /** True when the format can be written chunk by chunk (one record per input). */
  boolean streams() {
    return this == JSONL || this == CSV;
  }

  boolean isBinary() {
    return false;
  }

  private static void writeValues(JsonGenerator json, Embedding e) throws IOException {
    json.writeStartArray();
    if (e.vector() != null) {
      for (float v : e.vector()) {
        json.writeNumber(v);
      }
    } else {
      for (int i = 0; i < e.length(); i++) {
        json.writeNumber(e.value(i).intValue());
      }
    }
    json.writeEndArray();
  }
}
