package dev.embedkit.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.Named;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code embedkit embed} writes embeddings. Every format keeps each vector's identity where it can: its position,
 * the input's line number (file or stdin input) and its id (an id field or column, an image's path).
 */
enum OutputFormat {
  /**
   * One object: {"model", "dimensions", "precision", "embeddings": [[...]], "lines": [...] (file and stdin input),
   * "ids": [...] (inputs with ids), "tokens", "truncated"}. Written when all inputs are embedded.
   */
  JSON {
    @Override
    Writer open(OutputStream out, Identity identity) {
      return new Collecting(out) {
        @Override
        void writeAll(String model, int dimensions, dev.embedkit.quant.Precision precision, List<Embedding> all,
            List<InputRef> refs) throws IOException {
          try (JsonGenerator json = MAPPER.getFactory().createGenerator(new NonClosingOutputStream(out))) {
            json.writeStartObject();
            json.writeStringField("model", model);
            json.writeNumberField("dimensions", dimensions);
            json.writeStringField("precision", Named.of(precision));
            json.writeArrayFieldStart("embeddings");
            for (Embedding e : all) {
              writeValues(json, e);
            }
            json.writeEndArray();
            if (identity.lines()) {
              json.writeArrayFieldStart("lines");
              for (InputRef ref : refs) {
                json.writeNumber(ref.line());
              }
              json.writeEndArray();
            }
            if (identity.ids()) {
              json.writeArrayFieldStart("ids");
              for (InputRef ref : refs) {
                json.writeString(ref.id());
              }
              json.writeEndArray();
            }
            json.writeNumberField("tokens", all.stream().mapToInt(Embedding::tokens).sum());
            json.writeNumberField("truncated", all.stream().filter(Embedding::truncated).count());
            json.writeEndObject();
          }
          out.write('\n');
        }
      };
    }
  },
  /** One object per input, streamed: {"index": i, "line": n, "id": "...", "embedding": [...]}. */
  JSONL {
    @Override
    Writer open(OutputStream out, Identity identity) {
      return new Writer() {
        @Override
        public void write(EmbeddingResult chunk, List<InputRef> refs) throws IOException {
          for (int i = 0; i < refs.size(); i++) {
            InputRef ref = refs.get(i);
            try (JsonGenerator json = MAPPER.getFactory().createGenerator(new NonClosingOutputStream(out))) {
              json.writeStartObject();
              json.writeNumberField("index", ref.index());
              if (identity.lines()) {
                json.writeNumberField("line", ref.line());
              }
              if (identity.ids()) {
                json.writeStringField("id", ref.id());
              }
              json.writeFieldName("embedding");
              writeValues(json, chunk.embeddings().get(i));
              json.writeEndObject();
            }
            out.write('\n');
          }
          out.flush();
        }

        @Override
        public void finish() throws IOException {
          out.flush();
        }
      };
    }
  },
  /** A header row (index, line, id, then 0..N-1), then one row per input, streamed. */
  CSV {
    @Override
    Writer open(OutputStream out, Identity identity) {
      return new Writer() {
        private boolean headed;

        @Override
        public void write(EmbeddingResult chunk, List<InputRef> refs) throws IOException {
          StringBuilder row = new StringBuilder();
          if (!headed) {
            headed = true;
            row.append("index").append(identity.lines() ? ",line" : "").append(identity.ids() ? ",id" : "");
            int values = chunk.embeddings().isEmpty() ? 0 : chunk.embeddings().get(0).length();
            for (int i = 0; i < values; i++) {
              row.append(',').append(i);
            }
            row.append('\n');
          }
          for (int r = 0; r < refs.size(); r++) {
            InputRef ref = refs.get(r);
            Embedding e = chunk.embeddings().get(r);
            row.append(ref.index());
            if (identity.lines()) {
              row.append(',').append(ref.line());
            }
            if (identity.ids()) {
              row.append(',').append(csvField(ref.id()));
            }
            for (int i = 0; i < e.length(); i++) {
              row.append(',').append(e.value(i));
            }
            row.append('\n');
            out.write(row.toString().getBytes(StandardCharsets.UTF_8));
            row.setLength(0);
          }
          out.flush();
        }

        @Override
        public void finish() throws IOException {
          out.flush();
        }
      };
    }
  },
  /** A NumPy .npy array of shape (inputs, values): float32, int8 or uint8 as the precision says; rows in input order. */
  NPY {
    @Override
    Writer open(OutputStream out, Identity identity) {
      return new Collecting(out) {
        @Override
        void writeAll(String model, int dimensions, dev.embedkit.quant.Precision precision, List<Embedding> all,
            List<InputRef> refs) throws IOException {
          NpyWriter.write(new EmbeddingResult(model, dimensions, precision, all), out);
        }
      };
    }

    @Override
    boolean isBinary() {
      return true;
    }

    @Override
    boolean keepsIdentity() {
      return false;
    }
  };

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Which identity fields the output carries: line numbers (file and stdin input) and ids. */
  record Identity(boolean lines, boolean ids) {}

  /** Writes one run's embeddings, a chunk at a time, in input order. */
  interface Writer {
    void write(EmbeddingResult chunk, List<InputRef> refs) throws IOException;

    void finish() throws IOException;
  }

  abstract Writer open(OutputStream out, Identity identity);

  boolean isBinary() {
    return false;
  }

  /** False for formats that cannot carry line numbers or ids (npy: rows follow the input order). */
  boolean keepsIdentity() {
    return true;
  }

  /** Formats that hold everything until the end. */
  private abstract static class Collecting implements Writer {
    final OutputStream out;
    private final List<Embedding> all = new ArrayList<>();
    private final List<InputRef> refs = new ArrayList<>();
    private EmbeddingResult last;

    Collecting(OutputStream out) {
      this.out = out;
    }

    @Override
    public void write(EmbeddingResult chunk, List<InputRef> chunkRefs) {
      all.addAll(chunk.embeddings());
      refs.addAll(chunkRefs);
      last = chunk;
    }

    @Override
    public void finish() throws IOException {
      if (last != null) {
        writeAll(last.model(), last.dimensions(), last.precision(), all, refs);
      }
      out.flush();
    }

    abstract void writeAll(String model, int dimensions, dev.embedkit.quant.Precision precision, List<Embedding> all,
        List<InputRef> refs) throws IOException;
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

  /** RFC 4180: quote a field holding a comma, quote or line break; double the quotes inside. */
  static String csvField(String value) {
    if (value == null) {
      return "";
    }
    if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
