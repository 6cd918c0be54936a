package dev.embedkit.server;

import static dev.embedkit.server.HttpTestClient.json;
import static dev.embedkit.server.HttpTestClient.ollamaError;
import static dev.embedkit.server.HttpTestClient.openAiError;
import static dev.embedkit.server.HttpTestClient.teiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.server.HttpTestClient.Reply;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every kind of bad request the three APIs can be sent, against one server: each gets the right status in the called
 * API's error shape within a second, and afterwards the server still answers normally, with its heap and thread count
 * flat over many rounds of the whole batch.
 */
class BadInputTest {
  static final String KEY = "test-key-0123456789";
  static final String MODEL = "all-minilm-l6-v2";
  static final int MAX_INPUTS = 8;
  static final int MAX_BODY_BYTES = 64 * 1024;
  static final long ANSWER_WITHIN_NANOS = 1_000_000_000L;
  static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  static EmbedkitServer server;
  static HttpTestClient client;
  static HttpTestClient noKey;
  static HttpTestClient wrongKey;

  /** One bad request and what its answer must be. */
  record Case(String name, Function<HttpTestClient, HttpRequest> request, HttpTestClient via, Consumer<Reply> check) {}

  @BeforeAll
  static void start() {
    // truncation off by default, so OpenAI (which has no per-request switch) refuses over-long inputs too
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of(MODEL)).withApiKey(KEY)
        .withAutoTruncate(false)
        .withLimits(ServerLimits.DEFAULTS.withMaxBodyBytes(MAX_BODY_BYTES).withMaxInputs(MAX_INPUTS)));
    client = new HttpTestClient(server.baseUrl(), KEY);
    noKey = new HttpTestClient(server.baseUrl(), null);
    wrongKey = new HttpTestClient(server.baseUrl(), "not-the-key");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> eachBadInputGetsItsApisErrorWithinASecond() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  @Test
  void afterRoundsOfBadInputTheServerServesWithFlatHeapAndThreads() {
    List<Case> cases = cases();
    cases.forEach(BadInputTest::check); // warm-up: classes loaded, pools filled
    long heapBefore = usedHeapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    int rounds = 8;
    for (int round = 0; round < rounds; round++) {
      cases.forEach(BadInputTest::check);
    }
    long heapAfter = usedHeapAfterGc();
    int threadsAfter = ManagementFactory.getThreadMXBean().getThreadCount();
    // each round sends several bodies of 64 KiB and more: a leak of one body per request would pass this bound
    assertTrue(heapAfter - heapBefore < 24L << 20, "used heap grew from " + (heapBefore >> 20) + " MiB to "
        + (heapAfter >> 20) + " MiB over " + rounds * cases.size() + " bad requests");
    assertTrue(threadsAfter - threadsBefore <= 8, "threads grew from " + threadsBefore + " to " + threadsAfter);

    Reply ok = client.post("/v1/embeddings", json(Map.of("input", List.of("still serving", "after all that"), "model", MODEL)));
    assertEquals(200, ok.status(), ok::toString);
    assertEquals(2, ok.json().get("data").size());
    assertEquals(384, ok.json().get("data").get(1).get("embedding").size());
    Reply ollama = client.post("/api/embed", json(Map.of("model", MODEL, "input", "still serving")));
    assertEquals(200, ollama.status(), ollama::toString);
    Reply tei = client.post("/embed", json(Map.of("inputs", "still serving")));
    assertEquals(200, tei.status(), tei::toString);
    assertEquals(200, noKey.get("/health").status());
  }

  /**
   * Past what the server drains ({@code Json.MAX_DRAIN_BYTES}) it stops reading and closes: the client gets the 413
   * or, when the reset beats it, a closed connection; either way quickly, and the server carries on.
   */
  @Test
  void aBodyFarOverTheLimitIsCutOffAndTheServerCarriesOn() {
    long heapBefore = usedHeapAfterGc();
    for (int i = 0; i < 3; i++) {
      long start = System.nanoTime();
      try {
        Reply reply = client.send(client.request("/v1/embeddings").header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless(256L << 20))).build());
        openAiError(reply, 413);
      } catch (java.io.UncheckedIOException closed) {
        // the connection was reset before the answer was read: allowed past the drain limit
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      assertTrue(millis < 2000, "256 MiB body cut off after " + millis + " ms");
    }
    assertTrue(usedHeapAfterGc() - heapBefore < 32L << 20, "the server buffered the body past its limit");
    Reply ok = client.post("/v1/embeddings", json(Map.of("input", "still serving")));
    assertEquals(200, ok.status(), ok::toString);
  }

  private static void check(Case c) {
    Reply reply = c.via().send(c.request().apply(c.via()));
    assertTrue(reply.nanos() < ANSWER_WITHIN_NANOS, () -> c.name() + ": answered in " + Math.round(reply.millis()) + " ms");
    try {
      c.check().accept(reply);
    } catch (AssertionError e) {
      throw new AssertionError(c.name() + ": " + e.getMessage(), e);
    }
    String id = reply.header("X-Request-Id");
    assertTrue(id != null && !id.isBlank(), () -> c.name() + ": no X-Request-Id");
  }

  // ---- the cases ----

  static List<Case> cases() {
    List<Case> all = new ArrayList<>();
    openAi(all);
    ollama(all);
    tei(all);
    everyApi(all);
    return all;
  }

  private static void openAi(List<Case> all) {
    String path = "/v1/embeddings";
    openAiPost(all, "malformed JSON", "{\"input\": \"a\",", 400, null);
    openAiPost(all, "unclosed object", "{", 400, null);
    openAiPost(all, "unclosed array", "{\"input\": [\"a\"", 400, null);
    openAiPost(all, "trailing garbage", "{\"input\": \"a\"} x", 400, null);
    openAiPost(all, "duplicate field", "{\"input\": \"a\", \"input\": \"b\"}", 400, null);
    openAiPost(all, "empty body", "", 400, null);
    openAiPost(all, "JSON array, not an object", "[\"a\"]", 400, null);
    openAiPost(all, "JSON string, not an object", "\"a\"", 400, null);
    openAiPost(all, "input a number", "{\"input\": 5}", 400, "input");
    openAiPost(all, "input a boolean inside an array", "{\"input\": [\"a\", true]}", 400, "input");
    openAiPost(all, "model a number", "{\"input\": \"a\", \"model\": 5}", 400, "model");
    openAiPost(all, "dimensions a string", "{\"input\": \"a\", \"dimensions\": \"8\"}", 400, "dimensions");
    openAiPost(all, "dimensions a fraction", "{\"input\": \"a\", \"dimensions\": 8.5}", 400, "dimensions");
    openAiPost(all, "no input", "{\"model\": \"" + MODEL + "\"}", 400, "input");
    openAiPost(all, "input null", "{\"input\": null}", 400, "input");
    openAiPost(all, "empty input list", "{\"input\": []}", 400, "input");
    openAiPost(all, "empty string", "{\"input\": \"\"}", 400, "input");
    openAiPost(all, "empty string in a list", "{\"input\": [\"a\", \"\"]}", 400, "input");
    openAiPost(all, "too many inputs", json(Map.of("input", Collections.nCopies(MAX_INPUTS + 1, "a"))), 400, "input");
    openAiPost(all, "too many tokens, truncation off", json(Map.of("input", List.of("short", longText()))), 400, "input",
        m -> m.contains("input[1]") && m.contains("256"));
    openAiPost(all, "token id past the vocabulary", "{\"input\": [[30522]]}", 400, "input");
    openAiPost(all, "negative token id", "{\"input\": [-1]}", 400, "input");
    openAiPost(all, "empty token-id array", "{\"input\": [[]]}", 400, "input");
    openAiPost(all, "image for a text model", json(Map.of("input", List.of(Map.of("image", pngDataUri())))), 400, "input",
        m -> m.contains("text only"));
    openAiPost(all, "unsupported encoding_format", "{\"input\": \"a\", \"encoding_format\": \"int8\"}", 400, "encoding_format");
    for (String dims : List.of("0", "385", "-1")) {
      openAiPost(all, "dimensions " + dims, "{\"input\": \"a\", \"dimensions\": " + dims + "}", 400, "dimensions");
    }
    all.add(new Case("openai unknown model", c -> post(c, path, "{\"input\": \"a\", \"model\": \"no-such-model\"}"), client, r -> {
      JsonNode e = openAiError(r, 404);
      assertEquals("model_not_found", e.get("code").asText());
      assertEquals("model", e.get("param").asText());
      assertTrue(e.get("message").asText().contains(MODEL), "names the served models: " + r);
    }));
    all.add(new Case("openai long model name with line breaks", c -> post(c, path, json(Map.of("input", "a",
        "model", "no\nsuch\r\tmodel" + "x".repeat(5000)))), client, r -> {
      String message = openAiError(r, 404).get("message").asText();
      assertTrue(message.length() <= dev.embedkit.server.http.ErrorResponses.MAX_MESSAGE_CHARS + 3
          && message.endsWith("...") && message.chars().noneMatch(ch -> ch < 0x20),
          "short, one line: " + r);
    }));
    all.add(new Case("openai missing key", c -> post(c, path, "{\"input\": \"a\"}"), noKey,
        r -> assertEquals("invalid_api_key", openAiError(r, 401).get("code").asText())));
    all.add(new Case("openai wrong key", c -> post(c, path, "{\"input\": \"a\"}"), wrongKey,
        r -> assertEquals("invalid_api_key", openAiError(r, 401).get("code").asText())));
    all.add(new Case("openai wrong key on a malformed body", c -> post(c, path, "{"), wrongKey, r -> openAiError(r, 401)));
    all.add(new Case("openai GET on a POST route", c -> c.request(path).GET().build(), client, r -> openAiError(r, 405)));
    all.add(new Case("openai unknown path", c -> post(c, "/v1/embedding", "{\"input\": \"a\"}"), client,
        r -> assertEquals("unknown_url", openAiError(r, 404).get("code").asText())));
    oversized(all, path, "openai", r -> assertEquals("request_too_large", openAiError(r, 413).get("code").asText()));
  }

  private static void ollama(List<Case> all) {
    for (String path : List.of("/api/embed", "/api/embeddings")) {
      String field = path.equals("/api/embed") ? "input" : "prompt";
      ollamaPost(all, path, "malformed JSON", "{\"model\": \"" + MODEL + "\",", 400);
      ollamaPost(all, path, "empty body", "", 400);
      ollamaPost(all, path, "JSON array, not an object", "[1, 2]", 400);
      ollamaPost(all, path, field + " a number", "{\"model\": \"" + MODEL + "\", \"" + field + "\": 5}", 400);
      ollamaPost(all, path, "model a number", "{\"model\": 5, \"" + field + "\": \"a\"}", 400);
      ollamaPost(all, path, "no model", "{\"" + field + "\": \"a\"}", 400);
      ollamaPost(all, path, "too many tokens, truncation off", json(Map.of("model", MODEL, field, longText(), "truncate", false)), 400);
      all.add(new Case("ollama " + path + " unknown model", c -> post(c, path, "{\"model\": \"nope\", \"" + field + "\": \"a\"}"),
          client, r -> assertTrue(ollamaError(r, 404).contains(MODEL), "names the served models: " + r)));
      all.add(new Case("ollama " + path + " missing key", c -> post(c, path, ok(field)), noKey, r -> ollamaError(r, 401)));
      all.add(new Case("ollama " + path + " wrong key", c -> post(c, path, ok(field)), wrongKey, r -> ollamaError(r, 401)));
      all.add(new Case("ollama " + path + " GET on a POST route", c -> c.request(path).GET().build(), client, r -> ollamaError(r, 405)));
      oversized(all, path, "ollama", r -> ollamaError(r, 413));
      // as Ollama: nothing to embed (no input, or an empty one) loads the model and answers 200 with no vectors
      String vectors = path.equals("/api/embed") ? "embeddings" : "embedding";
      for (String body : List.of("{\"model\": \"" + MODEL + "\"}", "{\"model\": \"" + MODEL + "\", \"" + field + "\": \"\"}")) {
        all.add(new Case("ollama " + path + " " + body + " gives no vectors", c -> post(c, path, body), client, r -> {
          assertEquals(200, r.status(), r::toString);
          assertEquals(0, r.json().get(vectors).size(), r::toString);
        }));
      }
    }
    String path = "/api/embed";
    ollamaPost(all, path, "truncate a string", "{\"model\": \"" + MODEL + "\", \"input\": \"a\", \"truncate\": \"no\"}", 400);
    ollamaPost(all, path, "dimensions a string", "{\"model\": \"" + MODEL + "\", \"input\": \"a\", \"dimensions\": \"8\"}", 400);
    ollamaPost(all, path, "token ids", "{\"model\": \"" + MODEL + "\", \"input\": [101, 102]}", 400);
    ollamaPost(all, path, "too many inputs", json(Map.of("model", MODEL, "input", Collections.nCopies(MAX_INPUTS + 1, "a"))), 400);
    for (String dims : List.of("0", "385", "-1")) {
      ollamaPost(all, path, "dimensions " + dims, "{\"model\": \"" + MODEL + "\", \"input\": \"a\", \"dimensions\": " + dims + "}", 400);
    }
    all.add(new Case("ollama /api/embed empty list gives no vectors", c -> post(c, path, "{\"model\": \"" + MODEL + "\", \"input\": []}"),
        client, r -> {
          assertEquals(200, r.status(), r::toString);
          assertEquals(0, r.json().get("embeddings").size(), r::toString);
        }));
    all.add(new Case("ollama unknown path", c -> post(c, "/api/embedd", ok("input")), client, r -> ollamaError(r, 404)));
  }

  private static void tei(List<Case> all) {
    String path = "/embed";
    teiPost(all, "malformed JSON", "{\"inputs\": ", 422, "Validation");
    teiPost(all, "empty body", "", 422, "Validation");
    teiPost(all, "JSON array, not an object", "[\"a\"]", 422, "Validation");
    teiPost(all, "inputs a number", "{\"inputs\": 5}", 422, "Validation");
    teiPost(all, "truncate a string", "{\"inputs\": \"a\", \"truncate\": \"no\"}", 422, "Validation");
    teiPost(all, "normalize a string", "{\"inputs\": \"a\", \"normalize\": \"yes\"}", 422, "Validation");
    teiPost(all, "dimensions a string", "{\"inputs\": \"a\", \"dimensions\": \"8\"}", 422, "Validation");
    teiPost(all, "no inputs", "{\"normalize\": true}", 422, "Validation");
    teiPost(all, "empty inputs list", "{\"inputs\": []}", 400, "Empty");
    teiPost(all, "empty string", "{\"inputs\": \"\"}", 400, "Empty");
    teiPost(all, "empty string in a list", "{\"inputs\": [\"a\", \"\"]}", 400, "Empty");
    teiPost(all, "too many inputs", json(Map.of("inputs", Collections.nCopies(MAX_INPUTS + 1, "a"))), 422, "Validation");
    teiPost(all, "too many tokens, truncation off", json(Map.of("inputs", longText(), "truncate", false)), 422, "Validation");
    teiPost(all, "token id past the vocabulary", "{\"inputs\": [[30522]]}", 422, "Validation");
    teiPost(all, "image for a text model", json(Map.of("inputs", List.of(Map.of("image", pngDataUri())))), 422, "Validation");
    teiPost(all, "truncation_direction Left", "{\"inputs\": \"a\", \"truncation_direction\": \"Left\"}", 422, "Validation");
    for (String dims : List.of("0", "385", "-1")) {
      teiPost(all, "dimensions " + dims, "{\"inputs\": \"a\", \"dimensions\": " + dims + "}", 422, "Validation");
    }
    teiPost(all, "unknown model", "{\"inputs\": \"a\", \"model\": \"nope\"}", 404, "NotFound");
    all.add(new Case("tei missing key", c -> post(c, path, "{\"inputs\": \"a\"}"), noKey, r -> teiError(r, 401, "Unauthorized")));
    all.add(new Case("tei wrong key", c -> post(c, path, "{\"inputs\": \"a\"}"), wrongKey, r -> teiError(r, 401, "Unauthorized")));
    all.add(new Case("tei GET on a POST route", c -> c.request(path).GET().build(), client, r -> teiError(r, 405, "MethodNotAllowed")));
    all.add(new Case("tei unknown path", c -> post(c, "/embeddings", "{\"inputs\": \"a\"}"), client, r -> teiError(r, 404, "NotFound")));
    all.add(new Case("tei unknown path, GET", c -> c.request("/no/such/route").GET().build(), client, r -> teiError(r, 404, "NotFound")));
    oversized(all, path, "tei", r -> teiError(r, 413, "Validation"));
  }

  /** What every route shares: request ids a client cannot inject. */
  private static void everyApi(List<Case> all) {
    for (String hostile : List.of("<script>alert(1)</script>", "x".repeat(500), "id with spaces", "a;b=c", "'; DROP TABLE x")) {
      all.add(new Case("hostile X-Request-Id " + hostile.substring(0, Math.min(20, hostile.length())),
          c -> c.request("/v1/embeddings").header("X-Request-Id", hostile).header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString("{\"input\": 5}")).build(), client, r -> {
            openAiError(r, 400);
            assertTrue(UUID.matcher(r.header("X-Request-Id")).matches(), "replaced by a UUID: " + r.header("X-Request-Id"));
            assertNotEquals(hostile, r.header("X-Request-Id"));
          }));
    }
    all.add(new Case("a plain X-Request-Id is kept", c -> c.request("/api/embed").header("X-Request-Id", "req-42.a:b")
        .POST(HttpRequest.BodyPublishers.ofString("{")).build(), client, r -> {
          ollamaError(r, 400);
          assertEquals("req-42.a:b", r.header("X-Request-Id"));
        }));
  }

  // ---- building cases ----

  private static void openAiPost(List<Case> all, String name, String body, int status, String param) {
    openAiPost(all, name, body, status, param, m -> true);
  }

  private static void openAiPost(List<Case> all, String name, String body, int status, String param,
      java.util.function.Predicate<String> message) {
    all.add(new Case("openai " + name, c -> post(c, "/v1/embeddings", body), client, r -> {
      JsonNode error = openAiError(r, status);
      assertEquals("invalid_request_error", error.get("type").asText(), r::toString);
      if (param != null) {
        assertEquals(param, error.get("param").asText(), () -> "param: " + r);
      }
      assertTrue(message.test(error.get("message").asText()), () -> "message: " + r);
    }));
  }

  private static void ollamaPost(List<Case> all, String path, String name, String body, int status) {
    all.add(new Case("ollama " + path + " " + name, c -> post(c, path, body), client, r -> ollamaError(r, status)));
  }

  private static void teiPost(List<Case> all, String name, String body, int status, String type) {
    all.add(new Case("tei " + name, c -> post(c, "/embed", body), client, r -> teiError(r, status, type)));
  }

  /** A body over the limit, once with a Content-Length and once chunked (no length given up front). */
  private static void oversized(List<Case> all, String path, String api, Consumer<Reply> check) {
    byte[] body = bigBody(MAX_BODY_BYTES * 2);
    all.add(new Case(api + " " + path + " body over the limit, with Content-Length",
        c -> c.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        client, check));
    all.add(new Case(api + " " + path + " body over the limit, chunked",
        c -> c.request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
        client, check));
    all.add(new Case(api + " " + path + " 8 MiB chunked body", c -> c.request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> endless(8 << 20))).build(), client, check));
  }

  private static HttpRequest post(HttpTestClient c, String path, String body) {
    return c.request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static String ok(String field) {
    return "{\"model\": \"" + MODEL + "\", \"" + field + "\": \"a\"}";
  }

  /** Well over all-MiniLM-L6-v2's 256 tokens. */
  static String longText() {
    return "word ".repeat(400).strip();
  }

  /** A JSON body of about {@code size} bytes: {"input": ["aaa...", ...]}. */
  private static byte[] bigBody(int size) {
    StringBuilder json = new StringBuilder("{\"input\": [");
    String chunk = "\"" + "a".repeat(1000) + "\"";
    while (json.length() < size) {
      json.append(json.charAt(json.length() - 1) == '[' ? "" : ",").append(chunk);
    }
    return json.append("]}").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** {@code n} bytes of a JSON array that never closes ("[1111..."), made as they are read. */
  private static InputStream endless(long n) {
    return new InputStream() {
      long sent;

      @Override
      public int read() {
        return sent >= n ? -1 : sent++ == 0 ? '[' : '1';
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (sent >= n) {
          return -1;
        }
        int count = (int) Math.min(len, n - sent);
        java.util.Arrays.fill(b, off, off + count, (byte) '1');
        if (sent == 0) {
          b[off] = '[';
        }
        sent += count;
        return count;
      }
    };
  }

  private static String pngDataUri() {
    BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
  }

  private static long usedHeapAfterGc() {
    Runtime runtime = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) { // the least of a few collections: one may leave garbage behind
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
    }
    return used;
  }
}
