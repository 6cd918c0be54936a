package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.CollectionService;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.store.Collection;
import io.javalin.http.Context;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * What every Qdrant endpoint shares: the named collection (a missing one is Qdrant's 404), the request body within
 * the server's limit, and Qdrant's envelope for results and completed writes.
 */
final class QdrantCalls {
  private final CollectionService collections;
  private final EmbeddingService service;
  private final AtomicLong operations = new AtomicLong();

  QdrantCalls(CollectionService collections, EmbeddingService service) {
    this.collections = collections;
    this.service = service;
  }

  /** Runs a call on the named collection; a missing one is Qdrant's 404. */
  <T> T use(Context ctx, Function<Collection, T> call) {
    String name = ctx.pathParam("name");
    try {
      return collections.use(name, call);
    } catch (EmbedkitException e) {
      if (e.kind() == ErrorKind.NOT_FOUND && e.getMessage().startsWith("no collection '" + name + "'")) {
        throw new ServerException(Problem.MODEL_NOT_FOUND, "Not found: Collection `" + name + "` doesn't exist!");
      }
      throw e;
    }
  }

  ObjectNode body(Context ctx) {
    return Json.objectBody(ctx, service.limits().maxBodyBytes());
  }

  /** A body that may be absent (an empty object then). */
  ObjectNode optionalBody(Context ctx) {
    return Json.optionalObjectBody(ctx, service.limits().maxBodyBytes());
  }

  /** A write's answer: applied and durable. */
  void completed(Context ctx) {
    long id = operations.incrementAndGet();
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeNumberField("operation_id", id);
      json.writeStringField("status", "completed");
      json.writeEndObject();
    });
  }

  static JsonNode required(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      throw ServerException.malformed("'" + name + "' is missing", name);
    }
    return node;
  }
}
