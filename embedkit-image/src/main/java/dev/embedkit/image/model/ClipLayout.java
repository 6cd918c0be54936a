package dev.embedkit.image.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where a CLIP folder keeps its parts and what its config.json says.
 *
 * @param vision graph taking pixel_values (vision_model.onnx, or the combined model.onnx)
 * @param text graph taking input_ids (text_model.onnx), or null when {@code vision} is the combined graph
 * @param tokenizer tokenizer.json, or null (images only)
 * @param projectionDim config.json's projection_dim, or 0
 * @param maxTextTokens text_config.max_position_embeddings (77 for CLIP)
 * @param logitScale config.json's learned {@code logit_scale} (log space), or null
 */
record ClipLayout(Path vision, Path text, Path tokenizer, int projectionDim, int maxTextTokens, Double logitScale) {

  /** True for folders that look like a CLIP export: a vision graph, or config.json saying model_type clip. */
  static boolean recognises(Path folder) {
    if (Files.isRegularFile(folder.resolve("onnx/vision_model.onnx")) || Files.isRegularFile(folder.resolve("vision_model.onnx"))) {
      return true;
    }
    JsonNode config = config(folder);
    return config != null && config.path("model_type").asText("").toLowerCase(Locale.ROOT).equals("clip")
        && (Files.isRegularFile(folder.resolve("onnx/model.onnx")) || Files.isRegularFile(folder.resolve("model.onnx")));
  }

  static ClipLayout read(Path folder) {
    Path vision = first(folder, "onnx/vision_model.onnx", "vision_model.onnx");
    Path text = first(folder, "onnx/text_model.onnx", "text_model.onnx");
    if (vision == null) {
      vision = first(folder, "onnx/model.onnx", "model.onnx");
      text = null;
      if (vision == null) {
        throw EmbedkitException.model("CLIP folder " + folder + " has no onnx/vision_model.onnx or onnx/model.onnx", null);
      }
    }
    Path tokenizer = Files.isRegularFile(folder.resolve("tokenizer.json")) ? folder.resolve("tokenizer.json") : null;
    JsonNode config = config(folder);
    int projection = config == null ? 0 : config.path("projection_dim").asInt(0);
    int maxTokens = config == null ? ClipModel.DEFAULT_MAX_TEXT_TOKENS
        : config.path("text_config").path("max_position_embeddings").asInt(ClipModel.DEFAULT_MAX_TEXT_TOKENS);
    Double scale = config != null && config.has("logit_scale") ? config.get("logit_scale").asDouble() : null;
    return new ClipLayout(vision, text, tokenizer, projection, maxTokens, scale);
  }

  private static Path first(Path folder, String... names) {
    for (String name : names) {
      if (Files.isRegularFile(folder.resolve(name))) {
        return folder.resolve(name);
      }
    }
    return null;
  }

  static JsonNode config(Path folder) {
    Path file = folder.resolve("config.json");
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw EmbedkitException.model("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
