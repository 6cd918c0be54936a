package dev.embedkit.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;

/**
 * Requests to a running server over HTTP/1.1 (so a body of unknown length goes chunked), each answer timed, and
 * checks that an error answer has the called API's shape.
 */
final class HttpTestClient {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Long enough that a hang shows up as a failed time check, not as a stuck build. */
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String key;

  /** @param key sent as {@code Authorization: Bearer KEY} unless a request sets its own; null for none */
  HttpTestClient(String baseUrl, String key) {
    this.baseUrl = baseUrl;
    this.key = key;
  }

  /** A status, the body as text and parsed (null when it is not JSON), the headers, and how long it took. */
  record Reply(int status, String text, JsonNode json, HttpResponse<String> raw, long nanos) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    double millis() {
      return nanos / 1e6;
    }

    @Override
    public String toString() {
      return "HTTP " + status + " in " + Math.round(millis()) + " ms: " + (text.length() > 400 ? text.substring(0, 400) + "..." : text);
    }
  }

  HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(TIMEOUT);
    if (key != null) {
      builder.header("Authorization", "Bearer " + key);
    }
    return builder;
  }

  Reply post(String path, String body) {
    return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Reply get(String path) {
    return send(request(path).GET().build());
  }

  Reply put(String path, String body) {
    return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Reply delete(String path) {
    return send(request(path).DELETE().build());
  }

  Reply send(HttpRequest request) {
    long start = System.nanoTime();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      long nanos = System.nanoTime() - start;
      JsonNode json = null;
      try {
        json = response.body().isEmpty() ? null : JSON.readTree(response.body());
      } catch (IOException notJson) {
        // left null: the shape checks then fail with the text in the message
      }
      return new Reply(response.statusCode(), response.body(), json, response, nanos);
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String json(Object value) {
    return ServerTestSupport.json(value);
  }

  /** A vector sent with {@code encoding_format: "base64"}: little-endian float32. */
  static float[] base64Floats(String text) {
    return ServerTestSupport.base64Floats(text);
  }

  static JsonNode openAiError(Reply reply, int status) {
    assertEquals(status, reply.status(), reply::toString);
    assertJson(reply);
    assertEquals(Set.of("error"), names(reply.json()), reply::toString);
    JsonNode error = reply.json().get("error");
    assertTrue(error.isObject(), reply::toString);
    assertEquals(Set.of("message", "type", "param", "code"), names(error), reply::toString);
    assertTrue(error.get("message").isTextual() && !error.get("message").textValue().isBlank(), reply::toString);
    assertTrue(error.get("type").isTextual(), reply::toString);
    assertTrue(error.get("param").isNull() || error.get("param").isTextual(), reply::toString);
    assertTrue(error.get("code").isNull() || error.get("code").isTextual(), reply::toString);
    assertClean(error.get("message").textValue(), reply);
    return error;
  }

  /** Ollama's {"error": "message"}; returns the message. */
  static String ollamaError(Reply reply, int status) {
    assertEquals(status, reply.status(), reply::toString);
    assertJson(reply);
    assertEquals(Set.of("error"), names(reply.json()), reply::toString);
    assertTrue(reply.json().get("error").isTextual(), reply::toString);
    String message = reply.json().get("error").textValue();
    assertClean(message, reply);
    return message;
  }

  /** TEI's {"error": "message", "error_type": TYPE}; returns the message. */
  static String teiError(Reply reply, int status, String errorType) {
    assertEquals(status, reply.status(), reply::toString);
    assertJson(reply);
    assertEquals(Set.of("error", "error_type"), names(reply.json()), reply::toString);
    assertEquals(errorType, reply.json().get("error_type").asText(), reply::toString);
    String message = reply.json().get("error").textValue();
    assertNotNull(message, reply::toString);
    assertClean(message, reply);
    return message;
  }

  /** The collections API's (Qdrant's) {"status": {"error": "message"}, "time": seconds}; returns the message. */
  static String collectionsError(Reply reply, int status) {
    assertEquals(status, reply.status(), reply::toString);
    assertJson(reply);
    assertEquals(Set.of("status", "time"), names(reply.json()), reply::toString);
    assertTrue(reply.json().get("time").isNumber() && reply.json().get("time").asDouble() >= 0, reply::toString);
    JsonNode error = reply.json().get("status");
    assertTrue(error.isObject(), reply::toString);
    assertEquals(Set.of("error"), names(error), reply::toString);
    assertTrue(error.get("error").isTextual(), reply::toString);
    String message = error.get("error").textValue();
    assertClean(message, reply);
    return message;
  }

  /** The collections API's success envelope {"result", "status": "ok", "time"}; returns the result. */
  static JsonNode collectionsResult(Reply reply) {
    assertEquals(200, reply.status(), reply::toString);
    assertJson(reply);
    assertEquals(Set.of("result", "status", "time"), names(reply.json()), reply::toString);
    assertEquals("ok", reply.json().get("status").asText(), reply::toString);
    assertTrue(reply.json().get("time").isNumber(), reply::toString);
    return reply.json().get("result");
  }

  private static void assertJson(Reply reply) {
    assertNotNull(reply.json(), () -> "not JSON: " + reply);
    String type = reply.header("Content-Type");
    assertTrue(type != null && type.startsWith("application/json"), () -> "Content-Type " + type + ": " + reply);
  }

  /** One line, and no stack trace or Java class names leaking out. */
  private static void assertClean(String message, Reply reply) {
    assertFalse(message.isBlank(), reply::toString);
    assertFalse(message.chars().anyMatch(c -> c < 0x20), () -> "multi-line message: " + reply);
    int max = dev.embedkit.server.http.ErrorResponses.MAX_MESSAGE_CHARS;
    assertTrue(message.length() <= max + 3, () -> "a message over " + max + " characters: " + reply);
    assertFalse(message.matches("(?s).*(\\bat [a-z]+\\.[a-z]+\\.|Exception\\b|\\bjava\\.|\\bjavax\\.|\\bjakarta\\.|org\\.eclipse"
        + "|io\\.javalin|com\\.fasterxml|\\[Source:|StreamReadFeature).*"),
        () -> "internals in the message: " + reply);
  }

  private static Set<String> names(JsonNode node) {
    Set<String> names = new TreeSet<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }
}
