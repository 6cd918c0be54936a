package dev.embedkit.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.vector.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a text model's config files say, with sentence-transformers' defaults where a file is silent (each such
 * fallback is recorded in {@link #fallbacks()}): modules.json, 1_Pooling/config.json, config.json,
 * sentence_bert_config.json, tokenizer_config.json, config_sentence_transformers.json.
 */
public record ModelFacts(
    Pooling pooling,
    boolean includePrompt,
    boolean normalize,
    int maxSeqLength,
    boolean doLowerCase,
    int dimensions,
    Prompts prompts,
    Metric similarity,
    List<String> fallbacks) {

  static final int DEFAULT_MAX_SEQ_LENGTH = 512;
  private static final Set<String> SUPPORTED_MODULES = Set.of(
      "sentence_transformers.models.Transformer",
      "sentence_transformers.models.Pooling",
      "sentence_transformers.models.Normalize");

  public ModelFacts {
    if (maxSeqLength <= 0) {
      throw new IllegalArgumentException("maxSeqLength must be positive; maxSeqLength=" + maxSeqLength);
    }
    fallbacks = List.copyOf(fallbacks);
  }

  /** These facts with the caller's explicit choices applied (null fields keep what the files say). */
  public ModelFacts withOverrides(LoadOptions options) {
    return new ModelFacts(
        options.pooling() != null ? options.pooling() : pooling,
        includePrompt,
        options.normalize() != null ? options.normalize() : normalize,
        options.maxSeqLength() != null ? options.maxSeqLength() : maxSeqLength,
        doLowerCase, dimensions, prompts, similarity, fallbacks);
  }

  /**
   * Reads the config files.
   *
   * @param where the folder or pack, for messages
   */
  public static ModelFacts read(ConfigFiles files, String where) {
    List<String> fallbacks = new ArrayList<>();
    JsonNode modules = files.read("modules.json");
    String poolingPath = "1_Pooling";
    boolean normalize = false;
    if (modules == null) {
      fallbacks.add("no modules.json: using Transformer + Pooling without normalisation, as sentence-transformers does");
    } else {
      for (JsonNode module : modules) {
        String type = module.path("type").asText();
        if (!SUPPORTED_MODULES.contains(type)) {
          throw EmbedkitException.unsupported("modules.json in " + where + " lists " + type
              + "; embedkit supports the modules " + SUPPORTED_MODULES);
        }
        if (type.endsWith(".Pooling")) {
          poolingPath = module.path("path").asText(poolingPath);
        } else if (type.endsWith(".Normalize")) {
          normalize = true;
        }
      }
    }

    JsonNode poolingConfig = files.read(poolingPath + "/config.json");
    Pooling pooling = Pooling.MEAN;
    boolean includePrompt = true;
    int dimensions = 0;
    if (poolingConfig == null) {
      fallbacks.add("no " + poolingPath + "/config.json: using mean pooling, as sentence-transformers does");
    } else {
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = ConfigFiles.JSON.convertValue(poolingConfig, Map.class);
        pooling = Pooling.fromConfig(map);
      } catch (RuntimeException e) {
        throw EmbedkitException.model(poolingPath + "/config.json in " + where + ": " + e.getMessage(), null);
      }
      includePrompt = poolingConfig.path("include_prompt").asBoolean(true);
      dimensions = poolingConfig.path("word_embedding_dimension").asInt(0);
    }

    JsonNode config = files.read("config.json");
    int positions = config == null ? 0 : config.path("max_position_embeddings").asInt(0);
    if (dimensions == 0 && config != null) {
      dimensions = config.path("hidden_size").asInt(0);
    }

    JsonNode sbert = files.read("sentence_bert_config.json");
    int maxSeqLength;
    boolean lowerCase = false;
    if (sbert != null && sbert.has("max_seq_length")) {
      maxSeqLength = sbert.get("max_seq_length").asInt();
      lowerCase = sbert.path("do_lower_case").asBoolean(false);
    } else {
      JsonNode tokenizerConfig = files.read("tokenizer_config.json");
      long modelMax = tokenizerConfig == null ? 0 : tokenizerConfig.path("model_max_length").asLong(0);
      if (modelMax > 0 && modelMax <= LoadOptions.MAXIMUM_SEQ_LENGTH) {
        maxSeqLength = (int) modelMax;
        fallbacks.add("no max_seq_length in sentence_bert_config.json: using tokenizer_config.json model_max_length " + maxSeqLength);
      } else if (positions > 0) {
        maxSeqLength = positions;
        fallbacks.add("no max_seq_length in sentence_bert_config.json: using config.json max_position_embeddings " + positions);
      } else {
        maxSeqLength = DEFAULT_MAX_SEQ_LENGTH;
        fallbacks.add("no max_seq_length anywhere: using " + DEFAULT_MAX_SEQ_LENGTH);
      }
    }
    if (maxSeqLength <= 0) {
      throw EmbedkitException.model("sentence_bert_config.json in " + where + " has max_seq_length " + maxSeqLength
          + "; it must be positive", null);
    }
    if (positions > 0 && maxSeqLength > positions) {
      fallbacks.add("max_seq_length " + maxSeqLength + " exceeds the model's " + positions + " positions: using " + positions);
      maxSeqLength = positions;
    }

    JsonNode stConfig = files.read("config_sentence_transformers.json");
    Prompts prompts = Prompts.NONE;
    Metric similarity = Metric.COSINE;
    if (stConfig != null) {
      Map<String, String> byName = new LinkedHashMap<>();
      stConfig.path("prompts").fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue().asText()));
      JsonNode defaultName = stConfig.get("default_prompt_name");
      try {
        prompts = new Prompts(byName, defaultName == null || defaultName.isNull() ? null : defaultName.asText());
      } catch (IllegalArgumentException e) {
        throw EmbedkitException.model("config_sentence_transformers.json in " + where + ": " + e.getMessage(), null);
      }
      JsonNode fn = stConfig.get("similarity_fn_name");
      if (fn != null && !fn.isNull()) {
        try {
          similarity = Metric.fromString(fn.asText());
        } catch (EmbedkitException e) {
          throw EmbedkitException.model("config_sentence_transformers.json in " + where + ": " + e.getMessage(), null);
        }
      }
    }
    return new ModelFacts(pooling, includePrompt, normalize, maxSeqLength, lowerCase, dimensions, prompts, similarity, fallbacks);
  }
}
