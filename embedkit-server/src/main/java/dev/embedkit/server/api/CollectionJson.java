package dev.embedkit.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionInfo;
import java.io.IOException;
import java.util.Map;
import java.util.Set;

/**
 * A collection's description for {@code GET /collections/NAME}: its recorded settings and what it holds. The folder
 * is left out (a client has no business with the server's paths).
 *
 * <pre>{@code
 * {"config": {"name": "docs", "model": "all-minilm-l6-v2", "model_fingerprint": "...", "dimensions": 384,
 *             "similarity": "cosine", "hnsw": {"m": 16, "beam_width": 100}, "quantization": "none",
 *             "chunking": {"max_tokens": 0, "overlap_tokens": 32, "sentence_aware": true}, "analyzer": "english"},
 *  "documents": 9, "chunks": 9, "size_bytes": 40960, "segments": 1, "fields": {"lang": ["string"]}}
 * }</pre>
 */
final class CollectionJson {
  private CollectionJson() {}

  static void info(JsonGenerator json, CollectionInfo info) throws IOException {
    json.writeStartObject();
    json.writeFieldName("config");
    config(json, info.config());
    json.writeNumberField("documents", info.documents());
    json.writeNumberField("chunks", info.chunks());
    json.writeNumberField("size_bytes", info.sizeBytes());
    json.writeNumberField("segments", info.segments());
    json.writeObjectFieldStart("fields");
    for (Map.Entry<String, Set<String>> field : info.fields().entrySet()) {
      json.writeArrayFieldStart(field.getKey());
      for (String kind : field.getValue()) {
        json.writeString(kind);
      }
      json.writeEndArray();
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  static void config(JsonGenerator json, CollectionConfig config) throws IOException {
    json.writeStartObject();
    json.writeStringField("name", config.name());
    json.writeStringField("model", config.model() == null ? null : config.model().name());
    json.writeStringField("model_fingerprint", config.model() == null ? null : config.model().fingerprint());
    json.writeNumberField("dimensions", config.dimensions());
    json.writeStringField("similarity", CollectionsApi.lower(config.similarity()));
    json.writeObjectFieldStart("hnsw");
    json.writeNumberField("m", config.hnsw().m());
    json.writeNumberField("beam_width", config.hnsw().beamWidth());
    json.writeEndObject();
    json.writeStringField("quantization", CollectionsApi.lower(config.quantization()));
    json.writeObjectFieldStart("chunking");
    json.writeNumberField("max_tokens", config.chunking().maxTokens());
    json.writeNumberField("overlap_tokens", config.chunking().overlapTokens());
    json.writeBooleanField("sentence_aware", config.chunking().sentenceAware());
    json.writeEndObject();
    json.writeStringField("analyzer", config.analyzer());
    json.writeEndObject();
  }
}
