package dev.embedkit.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.Modality;
import dev.embedkit.ModelInfo;
import dev.embedkit.server.ServerLimits;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.server.service.EvalReports;
import dev.embedkit.server.service.ServedModel;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * embedkit's own description of what it serves, for the web page (the OpenAI, Ollama and TEI model routes each say
 * less than a person choosing a model wants to see):
 *
 * <pre>
 * GET /embedkit/models   {"version", "default_model",
 *                         "limits": {"max_inputs", "max_body_bytes", "max_image_bytes", "max_request_tokens"},
 *                         "models": [{"name", "source", "default", "loaded", and once loaded: "dimensions",
 *                                     "max_tokens", "pooling", "normalize", "prompts", "default_prompt", "weights",
 *                                     "similarity", "modalities", "size_bytes"}],
 *                         "evaluations": [reports kept by embedkit eval, newest first]}
 * </pre>
 *
 * A model served lazily is described as not loaded rather than loaded for the description. Errors take TEI's shape,
 * as every route outside /v1, /api and /collections does.
 */
public final class EmbedkitApi {
  private final EmbeddingService service;
  private final EvalReports reports;
  private final String version;

  public EmbedkitApi(EmbeddingService service, EvalReports reports, String version) {
    this.service = service;
    this.reports = reports;
    this.version = version;
  }

  public void routes(RoutesConfig routes) {
    routes.get("/embedkit/models", this::models);
  }

  private void models(Context ctx) {
    ObjectNode body = Json.object();
    body.put("version", version);
    body.put("default_model", service.models().defaultModel().name());
    ServerLimits limits = service.limits();
    ObjectNode limitsNode = body.putObject("limits");
    limitsNode.put("max_inputs", limits.maxInputs());
    limitsNode.put("max_body_bytes", limits.maxBodyBytes());
    limitsNode.put("max_image_bytes", limits.maxImageBytes());
    limitsNode.put("max_request_tokens", limits.maxRequestTokens());
    ArrayNode models = body.putArray("models");
    ServedModel defaultModel = service.models().defaultModel();
    for (ServedModel served : service.models().all()) {
      models.add(describe(served, served == defaultModel));
    }
    ArrayNode evaluations = body.putArray("evaluations");
    reports.newestFirst().forEach(evaluations::add);
    Json.send(ctx, 200, body);
  }

  private static ObjectNode describe(ServedModel served, boolean isDefault) {
    ObjectNode node = Json.object();
    node.put("name", served.name());
    node.put("source", shown(served.spec().source()));
    node.put("default", isDefault);
    node.put("loaded", served.loaded());
    if (!served.loaded()) {
      return node;
    }
    ModelInfo info = served.info();
    node.put("dimensions", info.dimensions());
    node.put("max_tokens", info.maxSeqLength());
    node.put("pooling", info.pooling() == null ? "in the graph" : CollectionsApi.lower(info.pooling()));
    node.put("normalize", info.normalize());
    ObjectNode prompts = node.putObject("prompts");
    for (Map.Entry<String, String> prompt : info.prompts().entrySet()) {
      prompts.put(prompt.getKey(), prompt.getValue());
    }
    node.put("default_prompt", info.defaultPromptName());
    node.put("weights", info.weights());
    node.put("similarity", CollectionsApi.lower(info.similarity()));
    ArrayNode modalities = node.putArray("modalities");
    for (Modality m : Modality.values()) {
      if (info.modalities().contains(m)) {
        modalities.add(CollectionsApi.lower(m));
      }
    }
    node.put("size_bytes", info.sizeBytes());
    return node;
  }

  /**
   * A model's source as the page shows it: a built-in or hub name as given, a folder by its last name only (the
   * server's paths are not for its clients, as the collections API keeps them too).
   */
  static String shown(String source) {
    try {
      Path path = Path.of(source);
      return Files.isDirectory(path) && path.getFileName() != null ? path.getFileName().toString() : source;
    } catch (InvalidPathException e) {
      return source;
    }
  }
}
