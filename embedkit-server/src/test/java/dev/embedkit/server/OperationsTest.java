package dev.embedkit.server;

import static dev.embedkit.server.ServerTestSupport.get;
import static dev.embedkit.server.ServerTestSupport.json;
import static dev.embedkit.server.ServerTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.server.ServerTestSupport.Answer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What operators rely on: the key, CORS, readiness, metrics, and a graceful stop. */
class OperationsTest {
  static final String KEY = "sk-operations-test";

  @Test
  void theKeyIsRequiredEverywhereButHealthIn401OfEachApisShape() {
    try (EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withApiKey(KEY))) {
      String body = json(Map.of("model", "all-minilm-l6-v2", "input", "hi", "inputs", "hi"));
      Answer openAi = post(server, "/v1/embeddings", body);
      assertEquals(401, openAi.status());
      assertEquals("invalid_api_key", openAi.json().get("error").get("code").asText());
      Answer ollama = post(server, "/api/embed", body, "Authorization", "Bearer wrong");
      assertEquals(401, ollama.status());
      assertTrue(ollama.json().get("error").asText().contains("not valid"));
      Answer tei = post(server, "/embed", body, "Authorization", "Basic " + KEY);
      assertEquals(401, tei.status());
      assertEquals("Unauthorized", tei.json().get("error_type").asText());
      assertEquals(401, get(server, "/metrics").status());
      assertEquals(401, get(server, "/v1/models").status());
      assertEquals(200, get(server, "/health").status());
      assertEquals(200, post(server, "/v1/embeddings", body, "Authorization", "Bearer " + KEY).status());
      assertEquals(200, post(server, "/embed", body, "authorization", "bearer " + KEY).status());
      assertTrue(!openAi.text().contains(KEY) && !ollama.text().contains(KEY));
    }
    try (EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withApiKey(KEY).withPublicMetrics(true))) {
      assertEquals(200, get(server, "/metrics").status());
    }
  }

  @Test
  void corsIsOffByDefaultAndAllowsOnlyTheConfiguredOrigins() {
    try (EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0))) {
      assertNull(get(server, "/v1/models", "Origin", "http://evil.example").header("Access-Control-Allow-Origin"));
    }
    try (EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withApiKey(KEY)
        .withCorsOrigins(List.of("http://localhost:3000")))) {
      Answer allowed = get(server, "/v1/models", "Origin", "http://localhost:3000", "Authorization", "Bearer " + KEY);
      assertEquals("http://localhost:3000", allowed.header("Access-Control-Allow-Origin"));
      assertNull(get(server, "/v1/models", "Origin", "http://evil.example", "Authorization", "Bearer " + KEY)
          .header("Access-Control-Allow-Origin"));
      Answer preflight = ServerTestSupport.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/v1/embeddings"))
          .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:3000")
          .header("Access-Control-Request-Method", "POST").header("Access-Control-Request-Headers", "authorization, content-type")
          .build());
      assertEquals(204, preflight.status());
      assertEquals("authorization, content-type", preflight.header("Access-Control-Allow-Headers"));
      // the collections and Qdrant APIs create and drop with PUT and DELETE
      for (String method : List.of("PUT", "DELETE")) {
        Answer put = ServerTestSupport.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/qdrant/collections/c"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", "http://localhost:3000")
            .header("Access-Control-Request-Method", method).header("Access-Control-Request-Headers", "api-key, content-type")
            .build());
        assertEquals(204, put.status());
        assertEquals("http://localhost:3000", put.header("Access-Control-Allow-Origin"));
        assertTrue(List.of(put.header("Access-Control-Allow-Methods").split(",\\s*")).contains(method),
            put.header("Access-Control-Allow-Methods"));
        assertEquals("api-key, content-type", put.header("Access-Control-Allow-Headers"));
      }
    }
  }

  @Test
  void healthIs503UntilTheDefaultModelIsLoaded() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    // a model on first load takes a while: a fresh int8 rewrite is several seconds
    ServerConfig config = ServerConfig.defaults().withPort(port).withModels(List.of("bge-small-en-v1.5"));
    AtomicReference<EmbedkitServer> started = new AtomicReference<>();
    CompletableFuture<Void> starting = CompletableFuture.runAsync(() -> started.set(EmbedkitServer.start(config)));
    boolean saw503 = false;
    boolean sawReadyz503 = false;
    String base = "http://127.0.0.1:" + port;
    while (!starting.isDone()) {
      try {
        Answer health = ServerTestSupport.getUrl(base + "/health");
        if (health.status() == 503) {
          saw503 = true;
          assertEquals("Unhealthy", health.json().get("error_type").asText());
        }
        // Qdrant's readiness probe says the same, in Qdrant's shape; its liveness probe answers 200
        Answer readyz = ServerTestSupport.getUrl(base + "/qdrant/readyz");
        if (readyz.status() == 503 && !starting.isDone()) {
          sawReadyz503 = true;
          assertTrue(readyz.json().get("status").get("error").asText().contains("loading"), readyz.text());
          assertEquals(200, ServerTestSupport.getUrl(base + "/qdrant/livez").status());
        }
      } catch (RuntimeException notListeningYet) {
        // the port is not bound yet
      }
      Thread.sleep(5);
    }
    starting.get();
    try (EmbedkitServer server = started.get()) {
      assertTrue(saw503, "health answered 503 while the model loaded");
      assertTrue(sawReadyz503, "/qdrant/readyz answered 503 while the model loaded");
      assertEquals(200, get(server, "/health").status());
      assertEquals(200, get(server, "/qdrant/readyz").status());
    }
  }

  @Test
  void metricsHaveRequestsBatchesQueueAndModelLoad() {
    try (EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0))) {
      post(server, "/v1/embeddings", json(Map.of("input", List.of("a", "b"))));
      post(server, "/nowhere", "{}");
      Answer metrics = get(server, "/metrics");
      assertTrue(metrics.header("Content-Type").startsWith("text/plain"));
      String text = metrics.text();
      for (String expected : List.of("embedkit_http_requests_seconds_bucket", "route=\"/v1/embeddings\"", "status=\"200\"",
          "route=\"unmatched\"", "status=\"404\"", "embedkit_batch_inputs_bucket", "embedkit_batch_tokens_sum",
          "embedkit_inference_seconds_count", "embedkit_embeddings_total", "embedkit_tokens_total",
          "embedkit_model_load_seconds", "embedkit_queue_inputs", "embedkit_queue_tokens", "embedkit_requests_in_flight")) {
        assertTrue(text.contains(expected), "metrics lack " + expected);
      }
    }
  }

  @Test
  void closingFinishesRequestsInFlightThenRefusesConnections() throws Exception {
    EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0));
    List<String> many = java.util.stream.IntStream.range(0, 600).mapToObj(i -> "sentence number " + i).toList();
    CompletableFuture<Answer> inFlight = CompletableFuture.supplyAsync(() -> post(server, "/embed", json(Map.of("inputs", many))));
    Thread.sleep(200);
    server.close();
    Answer answer = inFlight.get();
    assertEquals(200, answer.status(), answer.text());
    assertEquals(600, answer.json().size());
    assertThrows(RuntimeException.class, () -> get(server, "/health"));
  }
}
