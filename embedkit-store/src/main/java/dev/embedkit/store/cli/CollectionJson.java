package dev.embedkit.store.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.Named;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionInfo;

/** A collection's settings and counts as JSON, shared by {@code collection list} and {@code collection info}. */
final class CollectionJson {
  static final ObjectMapper JSON = new ObjectMapper();

  private CollectionJson() {}

  static ObjectNode config(CollectionConfig config) {
    ObjectNode node = JSON.createObjectNode();
    node.put("name", config.name());
    node.put("model", config.model() == null ? null : config.model().name());
    node.put("modelFingerprint", config.model() == null ? null : config.model().fingerprint());
    node.put("dimensions", config.dimensions());
    node.put("similarity", Named.of(config.similarity()));
    node.put("hnswM", config.hnsw().m());
    node.put("hnswBeamWidth", config.hnsw().beamWidth());
    node.put("quantization", Named.of(config.quantization()));
    node.put("chunkTokens", config.chunking().maxTokens());
    node.put("chunkOverlap", config.chunking().overlapTokens());
    node.put("analyzer", config.analyzer());
    return node;
  }

  static ObjectNode info(CollectionInfo info) {
    ObjectNode node = config(info.config());
    // A collection on another engine (SolrCloud) has no folder of its own: null.
    node.put("path", info.path() == null ? null : info.path().toAbsolutePath().toString());
    node.put("documents", info.documents());
    node.put("chunks", info.chunks());
    node.put("sizeBytes", info.sizeBytes());
    node.put("segments", info.segments());
    ObjectNode fields = node.putObject("fields");
    info.fields().forEach((name, kinds) -> kinds.forEach(fields.withArray(name)::add));
    return node;
  }
}
