package dev.embedkit.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.ModelInfo;
import dev.embedkit.TokenInfo;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.ServerLimits;
import dev.embedkit.server.http.ClientGone;
import dev.embedkit.server.http.Fields;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.Admission;
import dev.embedkit.server.service.EmbedCall;
import dev.embedkit.server.service.EmbedReply;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.server.service.InputItem;
import dev.embedkit.server.service.ServedModel;
import dev.embedkit.vector.Metric;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Hugging Face text-embeddings-inference's API: {@code POST /embed} (also {@code POST /}), {@code /embed_all},
 * {@code /tokenize}, {@code /similarity}, {@code GET /info}. TEI serves one model; here a request may add
 * {@code "model"} to pick another served model, and the default model answers otherwise. Only right truncation
 * exists ({@code truncation_direction: "Left"} is refused, saying so).
 */
public final class TeiApi {
  private final EmbeddingService service;
  private final boolean autoTruncate;
  private final String version;

  public TeiApi(EmbeddingService service, boolean autoTruncate, String version) {
    this.service = service;
    this.autoTruncate = autoTruncate;
    this.version = version;
  }

  public void routes(RoutesConfig routes) {
    routes.post("/embed", this::embed);
    routes.post("/", this::embed);
    routes.post("/embed_all", this::embedAll);
    routes.post("/tokenize", this::tokenize);
    routes.post("/similarity", this::similarity);
    routes.get("/info", this::info);
  }

  /** The options every TEI route shares. */
  private EmbedOptions options(ObjectNode body) {
    Boolean truncate = Fields.bool(body, "truncate");
    String direction = Fields.string(body, "truncation_direction");
    if (direction != null && !direction.equalsIgnoreCase("right")) {
      throw ServerException.invalid("'truncation_direction' \"" + direction + "\" is not supported; embedkit truncates "
          + "on the right (\"Right\", the default)", "truncation_direction");
    }
    EmbedOptions options = EmbedOptions.DEFAULTS.withTruncate(truncate != null ? truncate : autoTruncate);
    String promptName = Fields.string(body, "prompt_name");
    return promptName != null ? options.withPromptName(promptName) : options;
  }

  private void embed(Context ctx) {
    try (Admission.Ticket ticket = Admit.request(ctx, service)) {
      embed(ctx, ticket);
    }
  }

  private void embed(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = Json.objectBody(ctx, service.limits().maxBodyBytes());
    Boolean normalize = Fields.bool(body, "normalize");
    EmbedOptions options = options(body).withDimensions(Fields.dimensions(body, "dimensions"))
        .withNormalize(normalize == null ? Boolean.TRUE : normalize);
    List<InputItem> inputs = Inputs.read(inputsField(body), "inputs", Inputs.EmptyText.EMBED);
    refuseEmptyStrings(inputs);
    EmbedReply reply = service.embed(ticket, new EmbedCall(Fields.string(body, "model"), inputs, options, "inputs"), ClientGone.watch(ctx));
    Responses.truncated(ctx, reply.result());
    List<Embedding> embeddings = reply.result().embeddings();
    Json.send(ctx, 200, json -> {
      json.writeStartArray();
      for (Embedding e : embeddings) {
        Json.floats(json, e.vector());
      }
      json.writeEndArray();
    });
  }

  private void embedAll(Context ctx) {
    ObjectNode body = Json.objectBody(ctx, service.limits().maxBodyBytes());
    List<String> texts = Inputs.texts(inputsField(body), "inputs");
    refuseEmptyTexts(texts);
    BooleanSupplier gone = ClientGone.watch(ctx);
    List<float[][]> states = service.embedTokens(Fields.string(body, "model"), texts, options(body), "inputs", gone);
    Json.send(ctx, 200, json -> {
      json.writeStartArray();
      for (float[][] rows : states) {
        json.writeStartArray();
        for (float[] row : rows) {
          Json.floats(json, row);
        }
        json.writeEndArray();
      }
      json.writeEndArray();
    });
  }

  private void tokenize(Context ctx) {
    ObjectNode body = Json.objectBody(ctx, service.limits().maxBodyBytes());
    List<String> texts = Inputs.texts(inputsField(body), "inputs");
    Boolean special = Fields.bool(body, "add_special_tokens");
    boolean withSpecial = special == null || special;
    List<List<TokenInfo>> tokens = service.tokenize(Fields.string(body, "model"), texts, options(body), "inputs");
    Json.send(ctx, 200, json -> {
      json.writeStartArray();
      for (List<TokenInfo> row : tokens) {
        json.writeStartArray();
        for (TokenInfo t : row) {
          if (t.special() && !withSpecial) {
            continue;
          }
          json.writeStartObject();
          json.writeNumberField("id", t.id());
          json.writeStringField("text", t.text());
          json.writeBooleanField("special", t.special());
          json.writeFieldName("start");
          if (t.start() == null) {
            json.writeNull();
          } else {
            json.writeNumber(t.start());
          }
          json.writeFieldName("stop");
          if (t.stop() == null) {
            json.writeNull();
          } else {
            json.writeNumber(t.stop());
          }
          json.writeEndObject();
        }
        json.writeEndArray();
      }
      json.writeEndArray();
    });
  }

  private void similarity(Context ctx) {
    try (Admission.Ticket ticket = Admit.request(ctx, service)) {
      similarity(ctx, ticket);
    }
  }

  private void similarity(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = Json.objectBody(ctx, service.limits().maxBodyBytes());
    JsonNode inputs = body.get("inputs");
    if (inputs == null || !inputs.isObject()) {
      throw ServerException.malformed("'inputs' must be an object {\"source_sentence\": string, \"sentences\": [string]}; got "
          + Json.kind(inputs), "inputs");
    }
    ObjectNode pair = (ObjectNode) inputs;
    String source = Fields.string(pair, "source_sentence");
    if (source == null) {
      throw ServerException.malformed("'inputs.source_sentence' is missing; give the sentence to compare", "inputs");
    }
    List<String> sentences = Inputs.texts(pair.get("sentences"), "inputs.sentences");
    if (sentences.isEmpty()) {
      throw new ServerException(Problem.EMPTY, "'inputs.sentences' is empty; give at least one sentence", "inputs");
    }
    List<InputItem> all = new ArrayList<>(sentences.size() + 1);
    all.add(InputItem.text(source));
    sentences.forEach(s -> all.add(InputItem.text(s)));
    refuseEmptyStrings(all);
    EmbedReply reply = service.embed(ticket, new EmbedCall(Fields.string(body, "model"), all, options(body), "inputs"), ClientGone.watch(ctx));
    List<float[]> vectors = reply.result().vectors();
    Json.send(ctx, 200, json -> {
      json.writeStartArray();
      for (int i = 1; i < vectors.size(); i++) {
        json.writeNumber(Metric.COSINE.compute(vectors.get(0), vectors.get(i)));
      }
      json.writeEndArray();
    });
  }

  private void info(Context ctx) {
    ServedModel served = service.models().defaultModel();
    ModelInfo info = served.info();
    ServerLimits limits = service.limits();
    ObjectNode body = Json.object();
    body.put("model_id", served.spec().source());
    body.putNull("model_sha");
    body.put("model_dtype", info.weights().startsWith("int8") ? "int8" : "float32");
    ObjectNode type = body.putObject("model_type").putObject("embedding");
    type.put("pooling", info.pooling() == null ? "graph" : info.pooling().name().toLowerCase());
    body.put("max_concurrent_requests", limits.maxConcurrentRequests());
    body.put("max_input_length", info.maxSeqLength());
    body.put("max_batch_tokens", limits.maxBatchTokens());
    body.putNull("max_batch_requests");
    body.put("max_client_batch_size", limits.maxInputs());
    body.put("auto_truncate", autoTruncate);
    body.put("tokenization_workers", Runtime.getRuntime().availableProcessors());
    body.put("version", version);
    body.putNull("sha");
    body.putNull("docker_label");
    Json.send(ctx, 200, body);
  }

  private static JsonNode inputsField(ObjectNode body) {
    return body.get("inputs");
  }

  /** TEI answers an empty string with its Empty error (400). */
  private static void refuseEmptyStrings(List<InputItem> inputs) {
    for (int i = 0; i < inputs.size(); i++) {
      if (inputs.get(i) instanceof InputItem.Text t && t.text().isEmpty()) {
        throw new ServerException(Problem.EMPTY, "'inputs[" + i + "]' is an empty string; `inputs` cannot be empty", "inputs");
      }
    }
  }

  private static void refuseEmptyTexts(List<String> texts) {
    refuseEmptyStrings(texts.stream().map(InputItem::text).toList());
  }
}
