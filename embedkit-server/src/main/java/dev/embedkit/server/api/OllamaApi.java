package dev.embedkit.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.ModelInfo;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.ClientGone;
import dev.embedkit.server.http.Fields;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.Admission;
import dev.embedkit.server.service.EmbedCall;
import dev.embedkit.server.service.EmbedReply;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.server.service.InputItem;
import dev.embedkit.server.service.ServedModel;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ollama's embedding API: {@code POST /api/embed} (and the legacy {@code /api/embeddings}), {@code GET /api/tags},
 * {@code POST /api/show}, {@code GET /api/ps}, {@code GET /api/version}. Durations are nanoseconds, as Ollama's.
 * As Ollama does, a missing or empty input (string or list) gives no embeddings (200), while an empty string inside a list is
 * embedded. {@code keep_alive} is accepted (models stay loaded for the server's life) and {@code options} is
 * ignored (the model runs as loaded), which is logged once.
 */
public final class OllamaApi {
  private static final Logger LOG = LoggerFactory.getLogger(OllamaApi.class);

  private final EmbeddingService service;
  private final boolean autoTruncate;
  private final String version;
  private final AtomicBoolean optionsNoted = new AtomicBoolean();

  public OllamaApi(EmbeddingService service, boolean autoTruncate, String version) {
    this.service = service;
    this.autoTruncate = autoTruncate;
    this.version = version;
  }

  public void routes(RoutesConfig routes) {
    routes.post("/api/embed", this::embed);
    routes.post("/api/embeddings", this::embeddings);
    routes.get("/api/tags", this::tags);
    routes.post("/api/show", this::show);
    routes.get("/api/ps", this::ps);
    routes.get("/api/version", this::version);
  }

  private void embed(Context ctx) {
    try (Admission.Ticket ticket = Admit.request(ctx, service)) {
      embed(ctx, ticket);
    }
  }

  private void embed(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = Json.objectBody(ctx, service.limits().maxBodyBytes());
    String model = requiredModel(body);
    // as Ollama: no input, or an empty one, embeds nothing and answers 200 (clients send it to load a model)
    List<String> texts = !Fields.has(body, "input") || body.get("input").isTextual() && body.get("input").textValue().isEmpty()
        ? List.of() : Inputs.texts(body.get("input"), "input");
    Boolean truncate = Fields.bool(body, "truncate");
    EmbedOptions options = EmbedOptions.DEFAULTS.withDimensions(Fields.dimensions(body, "dimensions"))
        .withTruncate(truncate != null ? truncate : autoTruncate);
    acceptUnused(body);
    if (texts.isEmpty()) {
      ServedModel served = service.models().get(model);
      Json.send(ctx, 200, json -> {
        json.writeStartObject();
        json.writeStringField("model", served.name());
        json.writeArrayFieldStart("embeddings");
        json.writeEndArray();
        json.writeEndObject();
      });
      return;
    }
    EmbedReply reply = service.embed(ticket, new EmbedCall(model, texts.stream().map(InputItem::text).toList(), options, "input"),
        ClientGone.watch(ctx));
    Responses.truncated(ctx, reply.result());
    List<Embedding> embeddings = reply.result().embeddings();
    Json.send(ctx, 200, json -> {
      json.writeStartObject();
      json.writeStringField("model", model);
      json.writeArrayFieldStart("embeddings");
      for (Embedding e : embeddings) {
        Json.floats(json, e.vector());
      }
      json.writeEndArray();
      json.writeNumberField("total_duration", reply.totalNanos());
      json.writeNumberField("load_duration", reply.loadNanos());
      json.writeNumberField("prompt_eval_count", reply.result().totalTokens());
      json.writeEndObject();
    });
  }

  private void embeddings(Context ctx) {
    try (Admission.Ticket ticket = Admit.request(ctx, service)) {
      embeddings(ctx, ticket);
    }
  }

  private void embeddings(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = Json.objectBody(ctx, service.limits().maxBodyBytes());
    String model = requiredModel(body);
    String prompt = Fields.string(body, "prompt");
    acceptUnused(body);
    if (prompt == null || prompt.isEmpty()) { // as Ollama: nothing to embed loads the model and answers no vector
      service.models().get(model);
      Json.send(ctx, 200, json -> {
        json.writeStartObject();
        json.writeArrayFieldStart("embedding");
        json.writeEndArray();
        json.writeEndObject();
      });
      return;
    }
    EmbedOptions options = EmbedOptions.DEFAULTS.withTruncate(autoTruncate);
    EmbedReply reply = service.embed(ticket, new EmbedCall(model, List.of(InputItem.text(prompt)), options, "prompt"),
        ClientGone.watch(ctx));
    Responses.truncated(ctx, reply.result());
    float[] vector = reply.result().embeddings().get(0).vector();
    Json.send(ctx, 200, json -> {
      json.writeStartObject();
      json.writeFieldName("embedding");
      Json.floats(json, vector);
      json.writeEndObject();
    });
  }

  private static String requiredModel(ObjectNode body) {
    String model = Fields.string(body, "model");
    if (model == null || model.isBlank()) {
      throw ServerException.malformed("'model' is required; give one of the served models (GET /api/tags)", "model");
    }
    return model;
  }

  private void acceptUnused(ObjectNode body) {
    if (Fields.has(body, "options") && optionsNoted.compareAndSet(false, true)) {
      LOG.info("Ollama 'options' in embedding requests are ignored: embedkit runs each model as loaded (noted once)");
    }
  }

  private void tags(Context ctx) {
    ObjectNode body = Json.object();
    ArrayNode models = body.putArray("models");
    service.models().all().forEach(m -> models.add(entry(m)));
    Json.send(ctx, 200, body);
  }

  private void ps(Context ctx) {
    ObjectNode body = Json.object();
    ArrayNode models = body.putArray("models");
    for (ServedModel m : service.models().all()) {
      if (m.loaded()) {
        ObjectNode entry = entry(m);
        entry.put("expires_at", "9999-12-31T23:59:59Z"); // kept loaded for the server's life
        entry.put("size_vram", 0);
        models.add(entry);
      }
    }
    Json.send(ctx, 200, body);
  }

  private void show(Context ctx) {
    ObjectNode body = Json.objectBody(ctx, service.limits().maxBodyBytes());
    String name = Fields.has(body, "model") ? Fields.string(body, "model") : Fields.string(body, "name");
    if (name == null || name.isBlank()) {
      throw ServerException.malformed("'model' is required; give one of the served models (GET /api/tags)", "model");
    }
    ServedModel served = service.models().get(name);
    ModelInfo info = served.info();
    ObjectNode out = Json.object();
    out.put("modelfile", "");
    out.put("parameters", "");
    out.put("template", "");
    out.set("details", details(info));
    ObjectNode modelInfo = out.putObject("model_info");
    modelInfo.put("general.architecture", "embedkit");
    modelInfo.put("general.basename", served.spec().source());
    modelInfo.put("embedkit.embedding_length", info.dimensions());
    modelInfo.put("embedkit.context_length", info.maxSeqLength());
    modelInfo.put("embedkit.pooling", info.pooling() == null ? "graph" : info.pooling().name().toLowerCase());
    modelInfo.put("embedkit.normalize", info.normalize());
    out.putArray("capabilities").add("embedding");
    out.put("modified_at", Instant.now().toString());
    Json.send(ctx, 200, out);
  }

  private ObjectNode entry(ServedModel m) {
    ObjectNode entry = Json.object();
    entry.put("name", m.name() + ":latest");
    entry.put("model", m.name() + ":latest");
    entry.put("modified_at", (m.loadedAt() != null ? m.loadedAt() : Instant.now()).toString());
    entry.put("size", m.loaded() ? m.info().sizeBytes() : 0);
    entry.put("digest", digest(m.spec().name() + "=" + m.spec().source()));
    entry.set("details", m.loaded() ? details(m.info()) : Json.object());
    return entry;
  }

  private static ObjectNode details(ModelInfo info) {
    ObjectNode details = Json.object();
    details.put("parent_model", "");
    details.put("format", "onnx");
    details.put("family", "embedkit");
    details.putArray("families").add("embedkit");
    details.put("parameter_size", "");
    details.put("quantization_level", info.weights().toUpperCase());
    return details;
  }

  /** Identifies the served spec (Ollama's digest names a manifest; ours names what was loaded). */
  private static String digest(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private void version(Context ctx) {
    ObjectNode body = Json.object();
    body.put("version", version);
    Json.send(ctx, 200, body);
  }
}
