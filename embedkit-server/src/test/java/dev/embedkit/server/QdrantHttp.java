package dev.embedkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.server.HttpTestClient.Reply;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Requests to the Qdrant-compatible API at a base URL (the Qdrant port's root, or {@code /qdrant} on the main port),
 * with the key in Qdrant's {@code api-key} header or as {@code Authorization: Bearer}, and checks of Qdrant's
 * envelope.
 */
final class QdrantHttp {
  private final HttpTestClient http = new HttpTestClient("", null);
  private final String base;
  private final String key;
  private final boolean apiKeyHeader;

  QdrantHttp(String base, String key, boolean apiKeyHeader) {
    this.base = base;
    this.key = key;
    this.apiKeyHeader = apiKeyHeader;
  }

  String base() {
    return base;
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path)).timeout(HttpTestClient.TIMEOUT);
    if (key != null) {
      builder.header(apiKeyHeader ? "api-key" : "Authorization", apiKeyHeader ? key : "Bearer " + key);
    }
    return builder;
  }

  Reply get(String path) {
    return http.send(request(path).GET().build());
  }

  Reply delete(String path) {
    return http.send(request(path).DELETE().build());
  }

  Reply put(String path, String body) {
    return http.send(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Reply post(String path, String body) {
    return http.send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Reply send(String method, String path, String body) {
    return http.send(request(path).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  /** Qdrant's success envelope {"result", "status": "ok", "time"}; returns the result. */
  static JsonNode result(Reply reply) {
    return HttpTestClient.collectionsResult(reply);
  }

  /** Qdrant's error {"status": {"error"}, "time"} with this status; returns the message (one line, no internals). */
  static String error(Reply reply, int status) {
    return HttpTestClient.collectionsError(reply, status);
  }

  /** A write's result: {"operation_id", "status": "completed"}. */
  static long completed(Reply reply) {
    JsonNode result = result(reply);
    assertEquals(Set.of("operation_id", "status"), names(result), reply::toString);
    assertEquals("completed", result.get("status").asText(), reply::toString);
    assertTrue(result.get("operation_id").isIntegralNumber(), reply::toString);
    return result.get("operation_id").asLong();
  }

  static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  /** A message mentions each of the words (case-insensitive). */
  static void mentions(String message, String... words) {
    for (String word : words) {
      assertTrue(message.toLowerCase().contains(word.toLowerCase()), () -> "'" + word + "' missing from: " + message);
    }
    assertFalse(message.contains("\n"), message);
  }
}
