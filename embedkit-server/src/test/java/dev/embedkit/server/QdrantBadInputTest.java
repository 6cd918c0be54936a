package dev.embedkit.server;

import static dev.embedkit.server.QdrantHttp.completed;
import static dev.embedkit.server.QdrantHttp.error;
import static dev.embedkit.server.QdrantHttp.mentions;
import static dev.embedkit.server.QdrantHttp.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the Qdrant-compatible API refuses, and how: Qdrant's status and error shape, a one-line message that says
 * what was wrong and what is accepted, and a server that keeps serving (each test ends with a request that works).
 */
class QdrantBadInputTest {
  static final String MODEL = "all-minilm-l6-v2";

  @TempDir static Path root;
  static EmbedkitServer server;
  static QdrantHttp q;

  @BeforeAll
  static void start() throws Exception {
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of(MODEL))
        .withCollectionsRoot(root.resolve("collections")).withQdrantPort(ServeChild.freePort())
        .withLimits(ServerLimits.DEFAULTS.withMaxBodyBytes(64 * 1024)));
    q = new QdrantHttp("http://127.0.0.1:" + server.qdrantPort(), null, true);
    result(q.put("/collections/c", "{\"vectors\": {\"size\": 3, \"distance\": \"Cosine\"}}"));
    completed(q.put("/collections/c/points", """
        {"points": [{"id": 1, "vector": [1, 0, 0], "payload": {"color": "red", "n": 1}},
                    {"id": 2, "vector": [0, 1, 0], "payload": {"color": "blue", "n": 2}}]}"""));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The server still answers a good request. */
  private static void stillServing() {
    assertEquals(2, result(q.post("/collections/c/points/count", "{}")).get("count").asInt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "\"abc\"", "\"1\"", "\"5c56c793-69f3-4fbf-87e6\"", "18446744073709551616",
      "null", "true", "[1]"})
  void idsOtherThanUnsignedIntegersAndUuidsAreQdrants400(String id) {
    String message = error(q.put("/collections/c/points",
        "{\"points\": [{\"id\": " + id + ", \"vector\": [1, 0, 0]}]}"), 400);
    mentions(message, "is not a valid point ID", "unsigned integer or a UUID");
    error(q.post("/collections/c/points", "{\"ids\": [" + id + "]}"), 400);
    error(q.post("/collections/c/points/delete", "{\"points\": [" + id + "]}"), 400);
    error(q.post("/collections/c/points/query", "{\"query\": [1, 0, 0], \"filter\": {\"must\": [{\"has_id\": [" + id
        + "]}]}}"), 400);
    stillServing();
  }

  @Test
  void largestUnsignedIdAndUuidFormsAreTaken() {
    completed(q.put("/collections/c/points", """
        {"points": [{"id": 18446744073709551615, "vector": [1, 1, 0]},
                    {"id": "{6F1A2B3C-0000-4000-8000-000000000001}", "vector": [0, 1, 1]}]}"""));
    assertEquals("18446744073709551615", result(q.get("/collections/c/points/18446744073709551615")).get("id").toString());
    assertEquals("\"6f1a2b3c-0000-4000-8000-000000000001\"",
        result(q.get("/collections/c/points/6f1a2b3c000040008000000000000001")).get("id").toString());
    completed(q.post("/collections/c/points/delete",
        "{\"points\": [18446744073709551615, \"6f1a2b3c-0000-4000-8000-000000000001\"]}"));
    stillServing();
  }

  @Test
  void unknownCollectionsAre404AndExistingOnes409() {
    mentions(error(q.get("/collections/nope"), 404), "Collection `nope` doesn't exist");
    mentions(error(q.post("/collections/nope/points/query", "{\"query\": [1, 0, 0]}"), 404), "nope");
    mentions(error(q.put("/collections/nope/points", "{\"points\": [{\"id\": 1, \"vector\": [1, 0, 0]}]}"), 404),
        "nope");
    mentions(error(q.put("/collections/c", "{\"vectors\": {\"size\": 3, \"distance\": \"Cosine\"}}"), 409),
        "already exists");
    mentions(error(q.get("/collections/c/points/77"), 404), "No point with id 77");
    mentions(error(q.post("/collections/c/points/query", "{\"query\": 77}"), 404), "No point with id 77");
    stillServing();
  }

  @Test
  void malformedBodiesAndFrameworkErrorsAreInQdrantsShape() {
    error(q.put("/collections/c/points", "{\"points\": [{\"id\": 1,"), 400);
    error(q.put("/collections/c/points", "[]"), 400);
    error(q.put("/collections/c/points", ""), 400);
    error(q.get("/unknown"), 404);
    error(q.send("PATCH", "/collections/c", "{}"), 405);
    error(q.put("/collections/c/points", "{\"points\": [" + "{\"id\": 1, \"vector\": [1, 0, 0]},".repeat(3000)
        + "{\"id\": 1, \"vector\": [1, 0, 0]}]}"), 413);
    error(new QdrantHttp(server.baseUrl() + "/qdrant", null, true).get("/no/such"), 404);
    stillServing();
  }

  @Test
  void wrongVectorsAreRefusedWithTheirDimensions() {
    mentions(error(q.put("/collections/c/points", "{\"points\": [{\"id\": 3, \"vector\": [1, 0]}]}"), 400),
        "Vector dimension error: expected dim: 3, got 2");
    mentions(error(q.post("/collections/c/points/query", "{\"query\": [1, 0, 0, 0]}"), 400), "expected dim: 3, got 4");
    mentions(error(q.put("/collections/c/points", "{\"points\": [{\"id\": 3, \"vector\": {\"dense\": [1, 0, 0]}}]}"),
        400), "named vectors", "one unnamed vector");
    mentions(error(q.put("/collections/c/points",
        "{\"points\": [{\"id\": 3, \"vector\": {\"indices\": [1], \"values\": [0.5]}}]}"), 400), "sparse", "qdrant/bm25");
    mentions(error(q.put("/collections/c/points", "{\"points\": [{\"id\": 3, \"vector\": [1, \"x\", 0]}]}"), 400),
        "must be a number");
    mentions(error(q.put("/collections/named",
        "{\"vectors\": {\"dense\": {\"size\": 3, \"distance\": \"Cosine\"}}}"), 400), "named vectors");
    mentions(error(q.put("/collections/d", "{\"vectors\": {\"size\": 3, \"distance\": \"Hamming\"}}"), 400),
        "Cosine, Dot, Euclid, Manhattan");
    mentions(error(q.put("/collections/d", "{\"vectors\": {\"size\": 3, \"distance\": \"Cosine\"},"
        + " \"sparse_vectors\": {\"bm25\": {}}}"), 400), "sparse_vectors");
    mentions(error(q.put("/collections/c/points", "{\"points\": [{\"id\": 3, \"vector\": {\"text\": \"hi\","
        + " \"model\": \"not-served\"}}]}"), 400), "not served", MODEL);
    stillServing();
  }

  @Test
  void aTakenQdrantPortFailsTheStartAndLeavesNothingBound() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      int main = ServeChild.freePort();
      ServerConfig config = ServerConfig.defaults().withPort(main).withModels(List.of(MODEL))
          .withCollectionsRoot(root.resolve("taken")).withQdrantPort(taken.getLocalPort());
      RuntimeException failure = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
          () -> EmbedkitServer.start(config).close());
      mentions(String.valueOf(failure.getMessage()), Integer.toString(taken.getLocalPort()));
      try (java.net.ServerSocket again = new java.net.ServerSocket(main, 50, java.net.InetAddress.getLoopbackAddress())) {
        assertEquals(main, again.getLocalPort(), "the main port was let go");
      }
    }
    org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> ServerConfig.defaults().withPort(7000).withQdrantPort(7000));
    stillServing();
  }

  @Test
  void payloadsTheStoreCannotKeepExactlyAreRefusedNamingWhatIsAccepted() {
    // lists of objects (Qdrant's a[].b paths) and lists of lists have no counterpart in the store
    mentions(error(q.put("/collections/c/points",
        "{\"points\": [{\"id\": 3, \"vector\": [1, 0, 0], \"payload\": {\"m\": [{\"city\": \"Oslo\"}]}}]}"), 400),
        "'m'", "string, integer, float, bool");
    mentions(error(q.put("/collections/c/points",
        "{\"points\": [{\"id\": 3, \"vector\": [1, 0, 0], \"payload\": {\"m\": [[1, 2]]}}]}"), 400), "'m'");
    // a key holding a dot would come back as a nested object
    mentions(error(q.put("/collections/c/points",
        "{\"points\": [{\"id\": 3, \"vector\": [1, 0, 0], \"payload\": {\"a\": {\"b.c\": 1}}}]}"), 400),
        "'a.b.c'", "without dots");
    mentions(error(q.post("/collections/c/points/payload",
        "{\"payload\": {\"x\": 1}, \"points\": [1], \"key\": \"a[].b\"}"), 400), "'key'");
    stillServing();
  }

  @Test
  void unknownFieldsHoldingNullAreIgnoredAsUnsetOptions() {
    // Python's client sends each unset option as null, known to Qdrant or not
    JsonNode found = result(q.post("/collections/c/points/query", "{\"query\": [1, 0, 0], \"limit\": 1,"
        + " \"some_future_option\": null, \"params\": {\"hnsw_ef\": null, \"newer\": null},"
        + " \"filter\": {\"must\": [{\"key\": \"color\", \"match\": {\"value\": \"red\"}, \"other\": null}]}}"));
    assertEquals(1, found.get("points").size());
    assertEquals(1, found.get("points").get(0).get("id").asInt());
    completed(q.put("/collections/c/points", "{\"points\": [{\"id\": 2, \"vector\": [0, 1, 0], \"payload\":"
        + " {\"color\": \"blue\", \"n\": 2}, \"later\": null}], \"newer\": null}"));
    result(q.post("/collections/c/points/scroll", "{\"limit\": 1, \"future\": null}"));
    // a value other than null is still refused
    mentions(error(q.post("/collections/c/points/scroll", "{\"limit\": 1, \"future\": 1}"), 400), "unknown field",
        "future");
    stillServing();
  }

  @Test
  void aFilterPastLucenesClauseLimitIsA400NamingTheLimit() {
    int max = org.apache.lucene.search.IndexSearcher.getMaxClauseCount();
    StringBuilder should = new StringBuilder();
    for (int i = 0; i < max + 6; i++) {
      should.append(i == 0 ? "" : ",").append("{\"key\":\"color\",\"match\":{\"value\":\"v").append(i).append("\"}}");
    }
    String filter = "{\"should\": [" + should + "]}";
    mentions(error(q.post("/collections/c/points/query", "{\"query\": [1, 0, 0], \"filter\": " + filter + "}"), 400),
        "more than " + max + " conditions");
    mentions(error(q.post("/collections/c/points/count", "{\"filter\": " + filter + "}"), 400),
        "more than " + max + " conditions");
    mentions(error(q.post("/collections/c/points/scroll", "{\"filter\": " + filter + "}"), 400),
        "more than " + max + " conditions");
    stillServing();
  }

  @Test
  void prefetchDepthAndCountAndHasIdListsAreBoundedNamingTheLimit() {
    // 64 levels of prefetch, as Qdrant allows, run; a 65th is refused
    String leaf = "{\"query\": [1, 0, 0]}";
    String deep = leaf;
    for (int i = 0; i < 63; i++) {
      deep = "{\"prefetch\": " + deep + "}";
    }
    assertEquals(1, result(q.post("/collections/c/points/query", "{\"prefetch\": " + deep + ", \"limit\": 1}"))
        .get("points").get(0).get("id").asInt());
    mentions(error(q.post("/collections/c/points/query", "{\"prefetch\": {\"prefetch\": " + deep + "}}"), 400),
        "prefetch", "64");
    // 100 prefetches in all run; 101 are refused, however they nest
    String hundred = String.join(", ", java.util.Collections.nCopies(100, leaf));
    assertEquals(2, result(q.post("/collections/c/points/query", "{\"query\": {\"fusion\": \"rrf\"}, \"prefetch\": ["
        + hundred + "]}")).get("points").size());
    mentions(error(q.post("/collections/c/points/query", "{\"query\": {\"fusion\": \"rrf\"}, \"prefetch\": ["
        + hundred + ", " + leaf + "]}"), 400), "prefetch", "100");
    mentions(error(q.post("/collections/c/points/query", "{\"query\": {\"fusion\": \"rrf\"}, \"prefetch\": ["
        + String.join(", ", java.util.Collections.nCopies(60, leaf)) + ", {\"query\": {\"fusion\": \"rrf\"},"
        + " \"prefetch\": [" + String.join(", ", java.util.Collections.nCopies(40, leaf)) + "]}]}"), 400),
        "prefetch", "100");
    // has_id lists: 10,000 ids in one filter are taken, more are refused
    StringBuilder ids = new StringBuilder("1");
    for (int i = 2; i <= 10_000; i++) {
      ids.append(',').append(i);
    }
    assertEquals(2, result(q.post("/collections/c/points/count",
        "{\"filter\": {\"must\": [{\"has_id\": [" + ids + "]}]}}")).get("count").asInt());
    mentions(error(q.post("/collections/c/points/count",
        "{\"filter\": {\"must\": [{\"has_id\": [" + ids + "]}], \"must_not\": [{\"has_id\": [10001]}]}}"), 400),
        "has_id", "10000");
    stillServing();
  }

  @Test
  void aLongFieldNameWithLineBreaksGivesAShortOneLineMessage() {
    String name = "bad\nname\r\t" + "x".repeat(5000);
    String message = error(q.post("/collections/c/points/query",
        "{\"query\": [1, 0, 0], \"filter\": {\"must\": [{\"" + name.replace("\n", "\\n").replace("\r", "\\r")
            .replace("\t", "\\t") + "\": 1}]}}"), 400);
    org.junit.jupiter.api.Assertions.assertFalse(message.chars().anyMatch(c -> c < 0x20), message);
    org.junit.jupiter.api.Assertions.assertTrue(
        message.length() <= dev.embedkit.server.http.ErrorResponses.MAX_MESSAGE_CHARS + 3, message);
    org.junit.jupiter.api.Assertions.assertTrue(message.endsWith("..."), message);
    stillServing();
  }

  @Test
  void unsupportedQueriesAndConditionsSayWhatIsSupported() {
    // each refused construct is named in its message, beside what is supported
    Map<String, String> queries = new LinkedHashMap<>();
    queries.put("{\"query\": {\"recommend\": {\"positive\": [1]}}}", "recommend");
    queries.put("{\"query\": {\"fusion\": \"dbsf\"}, \"prefetch\": [{\"query\": [1, 0, 0]}]}", "dbsf");
    queries.put("{\"query\": {\"fusion\": \"rrf\"}}", "prefetch");
    queries.put("{\"query\": {\"indices\": [1], \"values\": [1.0]}}", "sparse");
    queries.put("{\"query\": [1, 0, 0], \"using\": \"dense\"}", "'dense'");
    queries.put("{\"query\": [[1, 0, 0]]}", "multi-vector");
    queries.put("{\"prefetch\": [{\"query\": [1, 0, 0]}, {\"query\": [0, 1, 0]}]}", "2 prefetches");
    queries.forEach((body, name) -> mentions(error(q.post("/collections/c/points/query", body), 400), "supported",
        name));
    Map<String, String> conditions = new LinkedHashMap<>();
    conditions.put("{\"is_null\": {\"key\": \"color\"}}", "is_null");
    conditions.put("{\"key\": \"color\", \"match\": {\"text\": \"red\"}}", "full-text match (text)");
    conditions.put("{\"key\": \"loc\", \"geo_radius\": {\"center\": {\"lon\": 0, \"lat\": 0}, \"radius\": 1}}",
        "geo_radius");
    conditions.put("{\"nested\": {\"key\": \"a\", \"filter\": {}}}", "nested");
    conditions.put("{\"should\": [{\"has_id\": [1]}]}", "has_id");
    conditions.put("{\"key\": \"n\", \"match\": {\"value\": 1.5}}", "1.5");
    conditions.put("{\"key\": \"n\"}", "key 'n'");
    conditions.put("{\"frobnicate\": 1}", "frobnicate");
    conditions.forEach((condition, name) -> {
      String message = error(q.post("/collections/c/points/query",
          "{\"query\": [1, 0, 0], \"filter\": {\"must\": [" + condition + "]}}"), 400);
      mentions(message, name, condition.contains("1.5") ? "range" : "match");
    });
    mentions(error(q.post("/collections/c/points/query", "{\"query\": [1, 0, 0], \"top\": 3}"), 400), "unknown field",
        "limit");
    mentions(error(q.post("/collections/c/points/query", "{\"query\": [1, 0, 0], \"limit\": 0}"), 400), "limit");
    mentions(error(q.post("/collections/c/points/scroll", "{\"order_by\": \"n\"}"), 400), "order_by");
    stillServing();
  }
}
