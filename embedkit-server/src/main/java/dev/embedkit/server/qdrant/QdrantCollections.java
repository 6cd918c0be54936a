package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionInfo;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.HnswSettings;
import dev.embedkit.vector.Metric;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collections in Qdrant's terms. {@code PUT /collections/NAME} with {@code {"vectors": {"size", "distance"}}} makes
 * an external-vector collection with that metric (Cosine, Dot, Euclid, Manhattan) and, from {@code hnsw_config},
 * its graph's m and beam width (ef_construct). Settings that only tune a Qdrant cluster's storage (shards, replicas,
 * optimizers, WAL, on-disk flags) are accepted and have nothing to change here; settings that would change results
 * (sparse or named vectors, quantization, init_from) are refused with a 400.
 */
final class QdrantCollections {
  private static final List<String> DISTANCES = List.of("Cosine", "Dot", "Euclid", "Manhattan");

  private QdrantCollections() {}

  static CollectionSpec spec(String name, ObjectNode body) {
    QdrantFilter.onlyKeys(body, "the collection", "vectors", "hnsw_config", "shard_number", "replication_factor",
        "write_consistency_factor", "on_disk_payload", "optimizers_config", "wal_config", "sharding_method",
        "sparse_vectors", "quantization_config", "init_from", "strict_mode_config", "metadata");
    for (String refused : List.of("sparse_vectors", "quantization_config", "init_from", "strict_mode_config")) {
      if (body.hasNonNull(refused)) {
        throw ServerException.invalid("'" + refused + "' is not supported; create a collection with {\"vectors\":"
            + " {\"size\", \"distance\"}} (and optionally hnsw_config {\"m\", \"ef_construct\"})", refused);
      }
    }
    if (body.hasNonNull("sharding_method") && !body.get("sharding_method").asText().equals("auto")) {
      throw ServerException.invalid("'sharding_method' must be auto (one node, no custom shards)", "sharding_method");
    }
    JsonNode vectors = body.get("vectors");
    if (vectors == null || !vectors.isObject()) {
      throw ServerException.malformed("'vectors' must be {\"size\": n, \"distance\": \"Cosine\"}; got "
          + Json.kind(vectors), "vectors");
    }
    if (!vectors.has("size") && !vectors.has("distance")) {
      throw ServerException.invalid("'vectors' looks like named vectors (" + String.join(", ", names(vectors))
          + "); embedkit collections have one unnamed vector: send {\"vectors\": {\"size\": n, \"distance\":"
          + " \"Cosine\"}}", "vectors");
    }
    QdrantFilter.onlyKeys((ObjectNode) vectors, "vectors", "size", "distance", "on_disk", "hnsw_config", "datatype",
        "quantization_config", "multivector_config");
    for (String refused : List.of("quantization_config", "multivector_config")) {
      if (vectors.hasNonNull(refused)) {
        throw ServerException.invalid("'vectors." + refused + "' is not supported", refused);
      }
    }
    if (vectors.hasNonNull("datatype") && !vectors.get("datatype").asText().equals("float32")) {
      throw ServerException.invalid("'vectors.datatype' must be float32 (vectors are stored as floats); got "
          + vectors.get("datatype"), "datatype");
    }
    JsonNode size = vectors.get("size");
    if (size == null || !size.isIntegralNumber() || !size.canConvertToInt() || size.intValue() < 1) {
      throw ServerException.malformed("'vectors.size' must be a positive integer; got " + Json.kind(size)
          + (size != null && size.isNumber() ? " " + size : ""), "size");
    }
    JsonNode distance = vectors.get("distance");
    Metric metric = distance == null || !distance.isTextual() ? null : switch (distance.textValue()) {
      case "Cosine" -> Metric.COSINE;
      case "Dot" -> Metric.DOT;
      case "Euclid" -> Metric.EUCLIDEAN;
      case "Manhattan" -> Metric.MANHATTAN;
      default -> null;
    };
    if (metric == null) {
      throw ServerException.malformed("'vectors.distance' must be one of " + String.join(", ", DISTANCES) + "; got "
          + (distance == null ? "nothing" : distance.toString()), "distance");
    }
    JsonNode hnsw = vectors.hasNonNull("hnsw_config") ? vectors.get("hnsw_config") : body.get("hnsw_config");
    return CollectionSpec.external(name, size.intValue()).withSimilarity(metric).withHnsw(hnsw(hnsw));
  }

  private static HnswSettings hnsw(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw ServerException.malformed("'hnsw_config' must be an object {\"m\", \"ef_construct\"}; got "
          + Json.kind(node), "hnsw_config");
    }
    QdrantFilter.onlyKeys((ObjectNode) node, "hnsw_config", "m", "ef_construct", "full_scan_threshold",
        "max_indexing_threads", "on_disk", "payload_m", "inline_storage");
    HnswSettings defaults = HnswSettings.DEFAULTS;
    int m = node.hasNonNull("m") ? node.get("m").asInt() : defaults.m();
    int ef = node.hasNonNull("ef_construct") ? node.get("ef_construct").asInt() : defaults.beamWidth();
    try {
      return new HnswSettings(m, ef);
    } catch (RuntimeException e) {
      throw ServerException.invalid("'hnsw_config': " + e.getMessage(), "hnsw_config");
    }
  }

  /** Qdrant's collection info, from the store's. */
  static void info(JsonGenerator json, CollectionInfo info) throws IOException {
    CollectionConfig config = info.config();
    json.writeStartObject();
    json.writeStringField("status", "green");
    json.writeStringField("optimizer_status", "ok");
    json.writeNumberField("indexed_vectors_count", info.chunks());
    json.writeNumberField("points_count", info.documents());
    json.writeNumberField("segments_count", info.segments());
    json.writeObjectFieldStart("config");
    json.writeObjectFieldStart("params");
    json.writeObjectFieldStart("vectors");
    json.writeNumberField("size", config.dimensions());
    json.writeStringField("distance", distance(config.similarity()));
    json.writeEndObject();
    json.writeNumberField("shard_number", 1);
    json.writeNumberField("replication_factor", 1);
    json.writeNumberField("write_consistency_factor", 1);
    json.writeBooleanField("on_disk_payload", true);
    json.writeEndObject();
    json.writeObjectFieldStart("hnsw_config");
    json.writeNumberField("m", config.hnsw().m());
    json.writeNumberField("ef_construct", config.hnsw().beamWidth());
    json.writeNumberField("full_scan_threshold", 10_000);
    json.writeNumberField("max_indexing_threads", 0);
    json.writeBooleanField("on_disk", true);
    json.writeEndObject();
    json.writeObjectFieldStart("optimizer_config");
    json.writeNumberField("deleted_threshold", 0.2);
    json.writeNumberField("vacuum_min_vector_number", 1000);
    json.writeNumberField("default_segment_number", 0);
    json.writeNullField("max_segment_size");
    json.writeNullField("memmap_threshold");
    json.writeNumberField("indexing_threshold", 0);
    json.writeNumberField("flush_interval_sec", 0);
    json.writeNullField("max_optimization_threads");
    json.writeEndObject();
    json.writeObjectFieldStart("wal_config");
    json.writeNumberField("wal_capacity_mb", 0);
    json.writeNumberField("wal_segments_ahead", 0);
    json.writeEndObject();
    json.writeNullField("quantization_config");
    json.writeEndObject();
    json.writeObjectFieldStart("payload_schema");
    for (Map.Entry<String, Set<String>> field : info.fields().entrySet()) {
      String type = type(field.getValue());
      if (type != null) {
        json.writeObjectFieldStart(field.getKey());
        json.writeStringField("data_type", type);
        json.writeObjectFieldStart("params");
        json.writeEndObject();
        json.writeNumberField("points", 0);
        json.writeEndObject();
      }
    }
    json.writeEndObject();
    json.writeEndObject();
  }

  /** Qdrant's name of a metric. */
  static String distance(Metric metric) {
    return switch (metric) {
      case COSINE -> "Cosine";
      case DOT -> "Dot";
      case EUCLIDEAN -> "Euclid";
      case MANHATTAN -> "Manhattan";
    };
  }

  /** Qdrant's payload index type of a field of one kind; null for a field of mixed kinds (no one index type). */
  private static String type(Set<String> kinds) {
    if (kinds.size() != 1) {
      return null;
    }
    return switch (kinds.iterator().next()) {
      case "string" -> "keyword";
      case "long" -> "integer";
      case "double" -> "float";
      case "boolean" -> "bool";
      default -> null;
    };
  }

  private static List<String> names(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(n -> names.add("'" + n + "'"));
    return names;
  }
}
