package dev.embedkit.solr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Named;
import dev.embedkit.store.ChunkSettings;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.HnswSettings;
import dev.embedkit.store.ModelRef;
import dev.embedkit.store.Quantization;
import dev.embedkit.vector.Metric;

/**
 * A collection's settings as the JSON kept in the Solr collection property {@value #PROPERTY} (the same fields as the
 * embedded store's {@code collection.json}), so that any process can open the collection by its Solr name.
 */
final class ConfigJson {
  static final String PROPERTY = "embedkit.config";
  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConfigJson() {}

  static String write(CollectionConfig config) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("name", config.name());
    if (config.model() != null) {
      ObjectNode model = root.putObject("model");
      model.put("name", config.model().name());
      model.put("fingerprint", config.model().fingerprint());
    }
    root.put("dimensions", config.dimensions());
    root.put("similarity", Named.of(config.similarity()));
    ObjectNode hnsw = root.putObject("hnsw");
    hnsw.put("m", config.hnsw().m());
    hnsw.put("beam_width", config.hnsw().beamWidth());
    root.put("quantization", Named.of(config.quantization()));
    ObjectNode chunking = root.putObject("chunking");
    chunking.put("max_tokens", config.chunking().maxTokens());
    chunking.put("overlap_tokens", config.chunking().overlapTokens());
    chunking.put("sentence_aware", config.chunking().sentenceAware());
    root.put("analyzer", config.analyzer());
    return root.toString();
  }

  static CollectionConfig read(String json, String where) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject() || root.path("format").asInt(-1) != FORMAT) {
        throw EmbedkitException.unsupported(where + " holds no embedkit settings of format " + FORMAT);
      }
      JsonNode model = root.get("model");
      ModelRef ref = model == null || model.isNull() ? null
          : new ModelRef(model.path("name").asText(), model.path("fingerprint").asText());
      JsonNode hnsw = root.path("hnsw");
      JsonNode chunking = root.path("chunking");
      return new CollectionConfig(root.path("name").asText(), ref, root.path("dimensions").asInt(),
          Metric.fromString(root.path("similarity").asText()),
          new HnswSettings(hnsw.path("m").asInt(), hnsw.path("beam_width").asInt()),
          Quantization.fromString(root.path("quantization").asText()),
          new ChunkSettings(chunking.path("max_tokens").asInt(), chunking.path("overlap_tokens").asInt(),
              chunking.path("sentence_aware").asBoolean()),
          root.path("analyzer").asText());
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw EmbedkitException.invalidInput(where + " is not valid JSON: " + e.getOriginalMessage());
    } catch (EmbedkitException e) {
      throw EmbedkitException.invalidInput(where + " is damaged: " + e.getMessage());
    }
  }
}
