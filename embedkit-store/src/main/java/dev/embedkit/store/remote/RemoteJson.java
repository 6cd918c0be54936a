package dev.embedkit.store.remote;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.ChunkSettings;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Document;
import dev.embedkit.store.HnswSettings;
import dev.embedkit.store.ModelRef;
import dev.embedkit.store.Quantization;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.vector.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of the server's collections API, both ways: documents written, configs and documents read back. */
final class RemoteJson {
  static final ObjectMapper JSON = new ObjectMapper()
      // Numbers are kept as written, so a float vector reads back exactly (not through a double).
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private RemoteJson() {}

  static ObjectNode documentJson(Document document) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", document.id());
    if (document.text() != null) {
      node.put("text", document.text());
    }
    if (!document.metadata().isEmpty()) {
      node.set("metadata", JSON.valueToTree(document.metadata()));
    }
    if (document.vector() != null) {
      ArrayNode vector = node.putArray("vector");
      for (float v : document.vector()) {
        vector.add(v);
      }
    }
    if (document.image() != null) {
      node.put("image", document.image());
    }
    return node;
  }

  static CollectionConfig readConfig(JsonNode node) {
    String model = text(node.get("model"));
    JsonNode hnsw = node.path("hnsw");
    JsonNode chunking = node.path("chunking");
    return new CollectionConfig(node.path("name").asText(),
        model == null ? null : new ModelRef(model, text(node.get("model_fingerprint"))),
        node.path("dimensions").asInt(), Metric.fromString(node.path("similarity").asText()),
        new HnswSettings(hnsw.path("m").asInt(), hnsw.path("beam_width").asInt()),
        Quantization.fromString(node.path("quantization").asText()),
        new ChunkSettings(chunking.path("max_tokens").asInt(), chunking.path("overlap_tokens").asInt(),
            chunking.path("sentence_aware").asBoolean()),
        node.path("analyzer").asText());
  }

  static List<StoredDocument> documents(JsonNode array) {
    List<StoredDocument> out = new ArrayList<>();
    for (JsonNode node : array) {
      String text = text(node.get("text"));
      List<StoredDocument.StoredChunk> chunks = new ArrayList<>();
      for (JsonNode chunk : node.path("chunks")) {
        int start = chunk.path("start").asInt();
        int end = chunk.path("end").asInt();
        String chunkText = text == null || end > text.length() ? null : text.substring(start, end);
        chunks.add(new StoredDocument.StoredChunk(new Chunk(chunk.path("index").asInt(), start, end, chunkText),
            floats(chunk.get("vector"))));
      }
      out.add(new StoredDocument(node.path("id").asText(), text, metadata(node.get("metadata")),
          text(node.get("image")), chunks));
    }
    return out;
  }

  static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** A JSON array of floats, each parsed from its own digits (no rounding through a double). */
  static float[] floats(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    float[] out = new float[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode value = node.get(i);
      out[i] = value.isBigDecimal() ? Float.parseFloat(value.decimalValue().toString()) : value.floatValue();
    }
    return out;
  }

  /** Metadata as the store normalises it: String, Long, Double, Boolean, or a list of those. */
  static Map<String, Object> metadata(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isArray()) {
        List<Object> values = new ArrayList<>();
        e.getValue().forEach(v -> values.add(scalar(v)));
        out.put(e.getKey(), values);
      } else {
        out.put(e.getKey(), scalar(e.getValue()));
      }
    });
    return out;
  }

  static Object scalar(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      return value.isBigDecimal() ? Double.parseDouble(value.decimalValue().toString()) : value.doubleValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return value.isNull() ? null : value.asText();
  }
}
