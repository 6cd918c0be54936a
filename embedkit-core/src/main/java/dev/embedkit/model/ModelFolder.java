package dev.embedkit.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.vector.Metric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a text model folder in the Hugging Face / sentence-transformers layout: config.json, tokenizer.json,
 * tokenizer_config.json, modules.json, sentence_bert_config.json, 1_Pooling/config.json,
 * config_sentence_transformers.json, and the ONNX graph at onnx/model.onnx or model.onnx. What a file does not say
 * falls back to sentence-transformers' own defaults; each fallback is logged once per process.
 */
public final class ModelFolder {
  private static final Logger LOG = LoggerFactory.getLogger(ModelFolder.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();
  /** Where an ONNX graph may sit in a model folder, in order of preference. */
  public static final List<String> ONNX_LOCATIONS = List.of("onnx/model.onnx", "model.onnx");
  static final int DEFAULT_MAX_SEQ_LENGTH = 512;
  private static final Set<String> SUPPORTED_MODULES = Set.of(
      "sentence_transformers.models.Transformer",
      "sentence_transformers.models.Pooling",
      "sentence_transformers.models.Normalize");

  private ModelFolder() {}

  /** True when {@code folder} holds an ONNX graph in one of the known places. */
  public static boolean hasOnnx(Path folder) {
    return ONNX_LOCATIONS.stream().anyMatch(p -> Files.isRegularFile(folder.resolve(p)));
  }

  /** Reads a model folder; {@code options} win over the files. */
  public static ModelConfig read(String name, Path folder, LoadOptions options) {
    if (!Files.isDirectory(folder)) {
      throw EmbedkitException.notFound("model folder " + folder + " does not exist");
    }
    List<String> fallbacks = new ArrayList<>();
    Path onnx = ONNX_LOCATIONS.stream().map(folder::resolve).filter(Files::isRegularFile).findFirst()
        .orElseThrow(() -> EmbedkitException.model("no ONNX file in " + folder + ": expected one of "
            + ONNX_LOCATIONS + "; the folder holds " + listing(folder), null));
    Path tokenizer = folder.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizer)) {
      throw EmbedkitException.model("no tokenizer.json in " + folder + "; the folder holds " + listing(folder), null);
    }

    JsonNode modules = readJson(folder.resolve("modules.json"));
    String poolingPath = "1_Pooling";
    boolean normalize;
    if (modules == null) {
      normalize = false;
      fallbacks.add("no modules.json: using Transformer + Pooling without normalisation, as sentence-transformers does");
    } else {
      normalize = false;
      for (JsonNode module : modules) {
        String type = module.path("type").asText();
        if (!SUPPORTED_MODULES.contains(type)) {
          throw EmbedkitException.unsupported("modules.json in " + folder + " lists " + type
              + "; embedkit supports the modules " + SUPPORTED_MODULES);
        }
        if (type.endsWith(".Pooling")) {
          poolingPath = module.path("path").asText(poolingPath);
        } else if (type.endsWith(".Normalize")) {
          normalize = true;
        }
      }
    }

    JsonNode poolingConfig = readJson(folder.resolve(poolingPath).resolve("config.json"));
    Pooling pooling = Pooling.MEAN;
    boolean includePrompt = true;
    int dimensions = 0;
    if (poolingConfig == null) {
      fallbacks.add("no " + poolingPath + "/config.json: using mean pooling, as sentence-transformers does");
    } else {
      try {
        pooling = Pooling.fromConfig(JSON.convertValue(poolingConfig, Map.class));
      } catch (IllegalArgumentException e) {
        throw EmbedkitException.model(poolingPath + "/config.json in " + folder + ": " + e.getMessage(), null);
      }
      includePrompt = poolingConfig.path("include_prompt").asBoolean(true);
      dimensions = poolingConfig.path("word_embedding_dimension").asInt(0);
    }

    JsonNode config = readJson(folder.resolve("config.json"));
    int positions = config == null ? 0 : config.path("max_position_embeddings").asInt(0);
    if (dimensions == 0 && config != null) {
      dimensions = config.path("hidden_size").asInt(0);
    }

    JsonNode sbert = readJson(folder.resolve("sentence_bert_config.json"));
    int maxSeqLength;
    boolean lowerCase = false;
    if (sbert != null && sbert.has("max_seq_length")) {
      maxSeqLength = sbert.get("max_seq_length").asInt();
      lowerCase = sbert.path("do_lower_case").asBoolean(false);
    } else {
      JsonNode tokenizerConfig = readJson(folder.resolve("tokenizer_config.json"));
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
    if (positions > 0 && maxSeqLength > positions) {
      fallbacks.add("max_seq_length " + maxSeqLength + " exceeds the model's " + positions + " positions: using " + positions);
      maxSeqLength = positions;
    }

    JsonNode stConfig = readJson(folder.resolve("config_sentence_transformers.json"));
    Prompts prompts = Prompts.NONE;
    Metric similarity = Metric.COSINE;
    if (stConfig != null) {
      Map<String, String> byName = new LinkedHashMap<>();
      stConfig.path("prompts").fields().forEachRemaining(e -> byName.put(e.getKey(), e.getValue().asText()));
      JsonNode defaultName = stConfig.get("default_prompt_name");
      try {
        prompts = new Prompts(byName, defaultName == null || defaultName.isNull() ? null : defaultName.asText());
      } catch (IllegalArgumentException e) {
        throw EmbedkitException.model("config_sentence_transformers.json in " + folder + ": " + e.getMessage(), null);
      }
      JsonNode fn = stConfig.get("similarity_fn_name");
      if (fn != null && !fn.isNull()) {
        similarity = Metric.fromString(fn.asText());
      }
    }

    if (options.pooling() != null) {
      pooling = options.pooling();
    }
    if (options.normalize() != null) {
      normalize = options.normalize();
    }
    if (options.maxSeqLength() != null) {
      maxSeqLength = options.maxSeqLength();
    }
    for (String fallback : fallbacks) {
      if (LOGGED.add(folder + ": " + fallback)) {
        LOG.warn("{}: {}", name, fallback);
      }
    }
    return new ModelConfig(name, folder, onnx, tokenizer, pooling, includePrompt, normalize, maxSeqLength, lowerCase,
        dimensions, prompts, similarity, fallbacks);
  }

  private static JsonNode readJson(Path file) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw EmbedkitException.model(file + " is not valid JSON: " + e.getOriginalMessage(), null);
    } catch (IOException e) {
      throw EmbedkitException.model("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  static String listing(Path folder) {
    try (Stream<Path> files = Files.walk(folder, 2)) {
      List<String> names = files.filter(p -> !p.equals(folder)).map(p -> folder.relativize(p).toString())
          .sorted().limit(20).collect(Collectors.toList());
      return names.isEmpty() ? "nothing" : names.toString();
    } catch (IOException e) {
      return "(unreadable: " + e.getMessage() + ")";
    }
  }
}
