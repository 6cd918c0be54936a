package dev.embedkit.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedding;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.ClientGone;
import dev.embedkit.server.http.Fields;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.Admission;
import dev.embedkit.server.service.EmbedCall;
import dev.embedkit.server.service.EmbedReply;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.server.service.ServedModel;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI's embeddings API: {@code POST /v1/embeddings}, {@code GET /v1/models}, {@code GET /v1/models/{id}}.
 * Vectors as JSON floats or, with {@code encoding_format: "base64"}, as little-endian float32 bytes in base64 (what
 * the OpenAI SDKs request by default and decode).
 */
public final class OpenAiApi {
  private final EmbeddingService service;
  private final boolean autoTruncate;
  private final long created = System.currentTimeMillis() / 1000;

  public OpenAiApi(EmbeddingService service, boolean autoTruncate) {
    this.service = service;
    this.autoTruncate = autoTruncate;
  }

  public void routes(RoutesConfig routes) {
    routes.post("/v1/embeddings", this::embeddings);
    routes.get("/v1/models", this::models);
    routes.get("/v1/models/<id>", this::model); // ids may hold a slash (hub ids)
  }

  /** How vectors are written. */
  enum EncodingFormat {
    FLOAT,
    BASE64;

    static EncodingFormat of(String value) {
      if (value == null || value.equals("float")) {
        return FLOAT;
      }
      if (value.equals("base64")) {
        return BASE64;
      }
      throw ServerException.invalid("'encoding_format' must be \"float\" or \"base64\"; got \"" + value + "\"", "encoding_format");
    }
  }

  private void embeddings(Context ctx) {
    try (Admission.Ticket ticket = Admit.request(ctx, service)) {
      embeddings(ctx, ticket);
    }
  }

  private void embeddings(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = Json.objectBody(ctx, service.limits().maxBodyBytes());
    String model = Fields.string(body, "model");
    EncodingFormat format = EncodingFormat.of(Fields.string(body, "encoding_format"));
    Integer dimensions = Fields.dimensions(body, "dimensions");
    Fields.string(body, "user"); // accepted, type-checked, not used
    EmbedOptions options = EmbedOptions.DEFAULTS.withDimensions(dimensions).withTruncate(autoTruncate);
    EmbedCall call = new EmbedCall(model, Inputs.read(body.get("input"), "input", Inputs.EmptyText.REFUSE), options, "input");
    EmbedReply reply = service.embed(ticket, call, ClientGone.watch(ctx));
    Responses.truncated(ctx, reply.result());
    List<Embedding> embeddings = reply.result().embeddings();
    Json.send(ctx, 200, json -> {
      json.writeStartObject();
      json.writeStringField("object", "list");
      json.writeArrayFieldStart("data");
      for (int i = 0; i < embeddings.size(); i++) {
        json.writeStartObject();
        json.writeStringField("object", "embedding");
        json.writeNumberField("index", i);
        json.writeFieldName("embedding");
        float[] vector = embeddings.get(i).vector();
        if (format == EncodingFormat.BASE64) {
          json.writeString(base64(vector));
        } else {
          Json.floats(json, vector);
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeStringField("model", reply.model().name());
      json.writeObjectFieldStart("usage");
      json.writeNumberField("prompt_tokens", reply.result().totalTokens());
      json.writeNumberField("total_tokens", reply.result().totalTokens());
      json.writeEndObject();
      json.writeEndObject();
    });
  }

  /** Little-endian float32 bytes in standard base64, as OpenAI sends them. */
  static String base64(float[] vector) {
    ByteBuffer bytes = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return Base64.getEncoder().encodeToString(bytes.array());
  }

  private void models(Context ctx) {
    ObjectNode body = Json.object();
    body.put("object", "list");
    ArrayNode data = body.putArray("data");
    service.models().all().forEach(m -> data.add(describe(m)));
    Json.send(ctx, 200, body);
  }

  private void model(Context ctx) {
    String id = ctx.pathParam("id");
    ServedModel served;
    try {
      served = service.models().get(id);
    } catch (ServerException e) {
      throw new ServerException(Problem.MODEL_NOT_FOUND, "The model '" + id + "' does not exist; served models: "
          + service.models().names(), "model");
    }
    Json.send(ctx, 200, describe(served));
  }

  private ObjectNode describe(ServedModel model) {
    ObjectNode node = Json.object();
    node.put("id", model.name());
    node.put("object", "model");
    node.put("created", model.loadedAt() != null ? model.loadedAt().getEpochSecond() : created);
    node.put("owned_by", "embedkit");
    return node;
  }
}
