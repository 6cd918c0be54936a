package dev.embedkit.server;

import static dev.embedkit.server.HttpTestClient.collectionsError;
import static dev.embedkit.server.HttpTestClient.collectionsResult;
import static dev.embedkit.server.HttpTestClient.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.server.HttpTestClient.Reply;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every bad request the issue lists, and the framework's own errors, under {@code /collections}: each gets its status
 * in the collections API's error shape with a message that says what was wrong; afterwards the collection holds what it
 * held and the server still serves it.
 */
class CollectionsBadInputTest {
  static final String KEY = "collections-bad-0123";
  static final String MODEL = "all-minilm-l6-v2";
  static final int MAX_BODY_BYTES = 64 * 1024;
  static final String DOCS = "/collections/bad/documents";
  static final String SEARCH = "/collections/bad/search";

  @TempDir static Path root;
  static EmbedkitServer server;
  static HttpTestClient client;

  /** One bad request, the status it must get, and what its message must say. */
  record Case(String name, Function<HttpTestClient, Reply> request, int status, Predicate<String> message) {}

  @BeforeAll
  static void start() {
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of(MODEL)).withApiKey(KEY)
        .withCollectionsRoot(root).withLimits(ServerLimits.DEFAULTS.withMaxBodyBytes(MAX_BODY_BYTES)));
    client = new HttpTestClient(server.baseUrl(), KEY);
    collectionsResult(client.put("/collections/bad", json(Map.of("model", MODEL))));
    collectionsResult(client.put(DOCS, json(Map.of("documents", List.of(
        Map.of("id", "1", "text", "A man is eating food.", "metadata", Map.of("lang", "en")),
        Map.of("id", "2", "text", "A woman is playing violin.", "metadata", Map.of("lang", "fr")))))));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> eachBadRequestGetsItsStatusInTheCollectionsShape() {
    return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c)));
  }

  @Test
  void afterEveryBadRequestTheCollectionIsIntactAndServed() {
    cases().forEach(CollectionsBadInputTest::check);
    assertEquals(2, collectionsResult(client.post("/collections/bad/count", "")).get("count").asLong());
    JsonNode hits = collectionsResult(client.post(SEARCH, json(Map.of("query", "someone eats", "top_k", 1))))
        .get("results");
    assertEquals("1", hits.get(0).get("id").asText());
    Reply embed = client.post("/v1/embeddings", json(Map.of("input", "still serving")));
    assertEquals(200, embed.status(), embed::toString);
  }

  @Test
  void topKLargerThanTheCollectionReturnsWhatThereIs() {
    JsonNode hits = collectionsResult(client.post(SEARCH, json(Map.of("query", "food", "top_k", 1000))))
        .get("results");
    assertEquals(2, hits.size());
  }

  private static void check(Case c) {
    Reply reply = c.request().apply(client);
    try {
      String message = collectionsError(reply, c.status());
      assertTrue(c.message().test(message), () -> "message: " + message);
    } catch (AssertionError e) {
      throw new AssertionError(c.name() + ": " + e.getMessage(), e);
    }
  }

  static List<Case> cases() {
    List<Case> all = new ArrayList<>();
    // names and routes
    add(all, "unknown collection", c -> c.post("/collections/nope/search", json(Map.of("query", "x"))), 404,
        m -> m.contains("'nope'") && m.contains("bad"));
    add(all, "unknown collection, info", c -> c.get("/collections/nope"), 404, m -> m.contains("'nope'"));
    add(all, "name starting with a dot", c -> c.put("/collections/.hidden", json(Map.of("dimensions", 2))), 400,
        m -> m.contains("invalid collection name"));
    add(all, "name with a space", c -> c.put("/collections/a%20b", json(Map.of("dimensions", 2))), 400,
        m -> m.contains("invalid collection name"));
    add(all, "name too long", c -> c.put("/collections/" + "n".repeat(65), json(Map.of("dimensions", 2))), 400,
        m -> m.contains("64"));
    add(all, "name with an encoded slash", c -> c.put("/collections/..%2Fescape", json(Map.of("dimensions", 2))),
        400, m -> true);
    add(all, "unknown route", c -> c.get("/collections/bad/nothing"), 404, m -> m.contains("no route"));
    add(all, "GET on a POST route", c -> c.get(SEARCH), 405, m -> m.contains("POST"));
    add(all, "missing key", c -> new HttpTestClient(server.baseUrl(), null).get("/collections"), 401, m -> true);
    // bodies
    add(all, "malformed JSON", c -> c.post(SEARCH, "{\"query\": "), 400, m -> m.contains("not valid JSON"));
    add(all, "empty body", c -> c.post(SEARCH, ""), 400, m -> m.contains("empty"));
    add(all, "unknown field", c -> c.post(SEARCH, json(Map.of("query", "x", "limit", 3))), 400,
        m -> m.contains("'limit'") && m.contains("top_k"));
    add(all, "body over the limit", c -> c.put(DOCS, json(Map.of("documents", List.of(
        Map.of("id", "big", "text", "word ".repeat(MAX_BODY_BYTES / 4)))))), 413, m -> m.contains("limit"));
    add(all, "body over the limit, chunked", c -> c.send(c.request(DOCS).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
            json(Map.of("documents", List.of(Map.of("id", "big", "text", "word ".repeat(MAX_BODY_BYTES / 4)))))
                .getBytes(java.nio.charset.StandardCharsets.UTF_8)))).build()), 413, m -> true);
    // documents
    add(all, "duplicate ids in one batch", c -> c.put(DOCS, json(Map.of("documents", List.of(
        Map.of("id", "x", "text", "one"), Map.of("id", "x", "text", "two"))))), 400,
        m -> m.contains("'x'") && m.contains("twice"));
    add(all, "an id already taken, add", c -> c.post(DOCS, json(Map.of("documents", List.of(
        Map.of("id", "1", "text", "one"))))), 409, m -> m.contains("'1'"));
    add(all, "vector of the wrong dimensions", c -> c.put(DOCS, json(Map.of("documents", List.of(
        Map.of("id", "v", "vector", List.of(1, 2, 3)))))), 400, m -> m.contains("3 dimensions") && m.contains("384"));
    add(all, "non-finite number in a vector", c -> c.put(DOCS, "{\"documents\": [{\"id\": \"v\", \"vector\": "
        + vectorWith("1e39") + "}]}"), 400, m -> m.contains("non-finite") && m.contains("index 5"));
    add(all, "a string in a vector", c -> c.put(DOCS, "{\"documents\": [{\"id\": \"v\", \"vector\": [1, \"NaN\"]}]}"),
        400, m -> m.contains("documents[0].vector[1]"));
    add(all, "no documents", c -> c.put(DOCS, "{\"documents\": []}"), 400, m -> m.contains("empty"));
    add(all, "a document without text or vector", c -> c.put(DOCS, "{\"documents\": [{\"id\": \"e\"}]}"), 400,
        m -> m.contains("'e'"));
    add(all, "nested metadata", c -> c.put(DOCS, json(Map.of("documents", List.of(
        Map.of("id", "m", "text", "t", "metadata", Map.of("a", Map.of("b", 1))))))), 400,
        m -> m.contains("documents[0]") && m.contains("'a'"));
    // searches
    add(all, "empty query", c -> c.post(SEARCH, json(Map.of("query", " "))), 400, m -> m.contains("empty"));
    add(all, "no query at all", c -> c.post(SEARCH, json(Map.of("top_k", 3))), 400, m -> m.contains("exactly one"));
    add(all, "two queries", c -> c.post(SEARCH, json(Map.of("query", "x", "like", "1"))), 400,
        m -> m.contains("exactly one"));
    add(all, "a model other than the collection's", c -> c.post(SEARCH, json(Map.of("query", "x", "model",
        "e5-small-v2"))), 400, m -> m.contains(MODEL) && m.contains("e5-small-v2"));
    add(all, "query vector of the wrong dimensions", c -> c.post(SEARCH, json(Map.of("vector", List.of(1, 2)))), 400,
        m -> m.contains("2 dimensions"));
    add(all, "non-finite number in a query vector", c -> c.post(SEARCH, "{\"vector\": " + vectorWith("-1e400") + "}"),
        400, m -> m.contains("non-finite"));
    add(all, "invalid filter expression", c -> c.post(SEARCH, json(Map.of("query", "x", "filter",
        "lang = 'en' AND"))), 400, m -> m.contains("column"));
    add(all, "filter on an unknown field", c -> c.post(SEARCH, json(Map.of("query", "x", "filter",
        Map.of("field", "language", "op", "eq", "value", "en")))), 400,
        m -> m.contains("'language'") && m.contains("lang"));
    add(all, "filter of the wrong type", c -> c.post(SEARCH, json(Map.of("query", "x", "filter", 5))), 400,
        m -> m.contains("'filter'"));
    add(all, "top_k 0", c -> c.post(SEARCH, json(Map.of("query", "x", "top_k", 0))), 400, m -> m.contains("0"));
    add(all, "like an unknown document", c -> c.post(SEARCH, json(Map.of("like", "nope"))), 404,
        m -> m.contains("nope"));
    add(all, "unknown granularity", c -> c.post(SEARCH, json(Map.of("query", "x", "granularity", "pages"))), 400,
        m -> m.contains("documents") && m.contains("chunks"));
    add(all, "hybrid with a vector query", c -> c.post(SEARCH, "{\"vector\": " + vectorWith("0.5")
        + ", \"hybrid\": true}"), 400, m -> m.contains("text query"));
    add(all, "with_vectors not a boolean", c -> c.get(DOCS + "/1?with_vectors=yes"), 400,
        m -> m.contains("with_vectors"));
    add(all, "delete with neither ids nor filter", c -> c.post(DOCS + "/delete", "{}"), 400, m -> m.contains("ids"));
    // creation
    add(all, "neither model nor dimensions", c -> c.put("/collections/fresh", "{}"), 400, m -> m.contains("model"));
    add(all, "unknown model", c -> c.put("/collections/fresh", json(Map.of("model", "no-such-model"))), 400,
        m -> m.contains("no-such-model"));
    add(all, "a model path", c -> c.put("/collections/fresh", json(Map.of("model", "/etc"))), 400,
        m -> m.contains("not a path"));
    add(all, "unknown similarity", c -> c.put("/collections/fresh", json(Map.of("dimensions", 3, "similarity",
        "hamming"))), 400, m -> m.contains("cosine"));
    add(all, "manhattan", c -> c.put("/collections/fresh", json(Map.of("dimensions", 3, "similarity",
        "manhattan"))), 400, m -> m.contains("manhattan"));
    add(all, "dimensions too large", c -> c.put("/collections/fresh", json(Map.of("dimensions", 5000))), 400,
        m -> m.contains("1024"));
    return all;
  }

  private static void add(List<Case> all, String name, Function<HttpTestClient, Reply> request, int status,
      Predicate<String> message) {
    all.add(new Case(name, request, status, message));
  }

  /** A JSON array of 384 numbers, 0.1 everywhere but {@code value} at index 5. */
  private static String vectorWith(String value) {
    String[] values = new String[384];
    Arrays.fill(values, "0.1");
    values[5] = value;
    return "[" + String.join(", ", values) + "]";
  }
}
