package dev.embedkit.server;

import static dev.embedkit.server.QdrantHttp.completed;
import static dev.embedkit.server.QdrantHttp.error;
import static dev.embedkit.server.QdrantHttp.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.server.HttpTestClient.Reply;
import dev.embedkit.vector.VectorMath;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Qdrant-compatible API on a real server with all-MiniLM-L6-v2 and a key, driven with requests taken from
 * Qdrant's documentation (quickstart, points, filtering, hybrid queries), on both the Qdrant port's root and the
 * main port's {@code /qdrant} prefix: the envelope, ids as their JSON type, and scores that agree with the library
 * (a Document query scores the raw cosine of the model's vectors) and with RRF computed from the prefetches alone.
 */
class QdrantApiTest {
  static final String KEY = "qdrant-key-0123";
  static final String MODEL = "all-minilm-l6-v2";
  static final String UUID = "5c56c793-69f3-4fbf-87e6-c4bf54c28c26";

  /** Qdrant's quickstart points (4-dimensional, Dot), with its cities. */
  static final String QUICKSTART_POINTS = """
      {"points": [
        {"id": 1, "vector": [0.05, 0.61, 0.76, 0.74], "payload": {"city": "Berlin"}},
        {"id": 2, "vector": [0.19, 0.81, 0.75, 0.11], "payload": {"city": "London"}},
        {"id": 3, "vector": [0.36, 0.55, 0.47, 0.94], "payload": {"city": "Moscow"}},
        {"id": 4, "vector": [0.18, 0.01, 0.85, 0.80], "payload": {"city": "New York"}},
        {"id": 5, "vector": [0.24, 0.18, 0.22, 0.44], "payload": {"city": "Beijing"}},
        {"id": 6, "vector": [0.35, 0.08, 0.11, 0.44], "payload": {"city": "Mumbai"}}
      ]}""";

  static final List<String> SENTENCES = List.of(
      "A man is eating food.",
      "A man is eating a piece of bread.",
      "The girl is carrying a baby.",
      "A man is riding a horse.",
      "A woman is playing violin.",
      "Two men pushed carts through the woods.",
      "A man is riding a white horse on an enclosed ground.",
      "A monkey is playing drums.",
      "A cheetah is running behind its prey.");

  @TempDir static Path root;
  static EmbedkitServer server;
  static EmbeddingModel library;

  @BeforeAll
  static void start() throws Exception {
    int qdrantPort;
    try (ServerSocket free = new ServerSocket(0)) {
      qdrantPort = free.getLocalPort();
    }
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of(MODEL)).withApiKey(KEY)
        .withCollectionsRoot(root.resolve("collections")).withQdrantPort(qdrantPort));
    library = Embedkit.load(MODEL);
  }

  @AfterAll
  static void stop() {
    server.close();
    library.close();
  }

  /** The two places the API is served, each with one of the two key headers. */
  static Stream<String> bases() {
    return Stream.of("port", "prefix");
  }

  static QdrantHttp client(String base) {
    return base.equals("port") ? new QdrantHttp("http://127.0.0.1:" + server.qdrantPort(), KEY, true)
        : new QdrantHttp(server.baseUrl() + "/qdrant", KEY, false);
  }

  @ParameterizedTest
  @MethodSource("bases")
  void rootAnswersQdrantsVersionInfoUnwrapped(String base) {
    Reply reply = client(base).get("/");
    assertEquals(200, reply.status(), reply::toString);
    if (base.equals("prefix")) {
      assertEquals(reply.json(), client(base).get("").json(), "/qdrant and /qdrant/ both");
    }
    assertEquals("qdrant - vector search engine", reply.json().get("title").asText());
    assertTrue(reply.json().get("version").asText().matches("1\\.\\d+\\.\\d+"), reply::toString);
    assertFalse(reply.json().has("result"), reply::toString);
  }

  @ParameterizedTest
  @MethodSource("bases")
  void collectionsAreCreatedDescribedListedAndDeleted(String base) {
    QdrantHttp q = client(base);
    String name = "lifecycle_" + base;
    assertEquals(true, result(q.put("/collections/" + name, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}"))
        .asBoolean());
    assertTrue(result(q.get("/collections/" + name + "/exists")).get("exists").asBoolean());
    JsonNode info = result(q.get("/collections/" + name));
    assertEquals("green", info.get("status").asText());
    assertEquals(0, info.get("points_count").asLong());
    assertEquals(4, info.at("/config/params/vectors/size").asInt());
    assertEquals("Dot", info.at("/config/params/vectors/distance").asText());
    Set<String> names = new TreeSet<>();
    result(q.get("/collections")).get("collections").forEach(c -> names.add(c.get("name").asText()));
    assertTrue(names.contains(name), names::toString);
    // the same collections as embedkit's own API: an external-vector collection with the metric
    JsonNode own = HttpTestClient.collectionsResult(new HttpTestClient(server.baseUrl(), KEY).get("/collections/" + name));
    assertEquals("dot", own.at("/config/similarity").asText());
    assertTrue(own.at("/config/model").isNull());

    String taken = error(q.put("/collections/" + name, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}"), 409);
    QdrantHttp.mentions(taken, name, "already exists");

    assertTrue(result(q.delete("/collections/" + name)).asBoolean());
    assertFalse(result(q.get("/collections/" + name + "/exists")).get("exists").asBoolean());
    assertFalse(result(q.delete("/collections/" + name)).asBoolean(), "Qdrant answers false for none");
    QdrantHttp.mentions(error(q.get("/collections/" + name), 404), "Collection `" + name + "` doesn't exist");
  }

  @ParameterizedTest
  @MethodSource("bases")
  void quickstartSearchesFindQdrantsAnswers(String base) {
    QdrantHttp q = quickstart("quickstart_" + base, base);
    String name = "quickstart_" + base;
    // Qdrant's quickstart: [0.2, 0.1, 0.9, 0.7], limit 3 -> 4 (1.362), 1 (1.273), 3 (1.208)
    JsonNode points = result(q.post("/collections/" + name + "/points/query",
        "{\"query\": [0.2, 0.1, 0.9, 0.7], \"with_payload\": false, \"limit\": 3}")).get("points");
    assertEquals(List.of(4L, 1L, 3L), ids(points));
    assertEquals(1.362, points.get(0).get("score").asDouble(), 1e-3);
    assertEquals(1.273, points.get(1).get("score").asDouble(), 1e-3);
    assertEquals(1.208, points.get(2).get("score").asDouble(), 1e-3);
    assertTrue(points.get(0).get("payload").isNull(), "with_payload defaults to false");
    assertTrue(points.get(0).get("id").isIntegralNumber(), "integer ids come back as numbers");

    // ... and with a filter on London: 2 (0.871)
    JsonNode london = result(q.post("/collections/" + name + "/points/query", """
        {"query": [0.2, 0.1, 0.9, 0.7],
         "filter": {"must": [{"key": "city", "match": {"value": "London"}}]},
         "with_payload": true, "limit": 3}""")).get("points");
    assertEquals(1, london.size());
    assertEquals(2, london.get(0).get("id").asLong());
    assertEquals(0.871, london.get(0).get("score").asDouble(), 1e-3);
    assertEquals("London", london.get(0).at("/payload/city").asText());

    // the legacy search answers the same points as a bare list
    JsonNode legacy = result(q.post("/collections/" + name + "/points/search",
        "{\"vector\": [0.2, 0.1, 0.9, 0.7], \"limit\": 3}"));
    assertTrue(legacy.isArray());
    assertEquals(List.of(4L, 1L, 3L), ids(legacy));

    // offset skips, score_threshold stops, with_vector returns what was stored
    assertEquals(List.of(1L, 3L), ids(result(q.post("/collections/" + name + "/points/query",
        "{\"query\": [0.2, 0.1, 0.9, 0.7], \"limit\": 2, \"offset\": 1}")).get("points")));
    assertEquals(List.of(4L, 1L), ids(result(q.post("/collections/" + name + "/points/query",
        "{\"query\": [0.2, 0.1, 0.9, 0.7], \"score_threshold\": 1.25}")).get("points")));
    JsonNode withVector = result(q.post("/collections/" + name + "/points/query",
        "{\"query\": {\"nearest\": [0.2, 0.1, 0.9, 0.7]}, \"limit\": 1, \"with_vector\": true,"
            + " \"with_payload\": [\"city\"]}")).get("points").get(0);
    assertArrayEquals(new float[] {0.18f, 0.01f, 0.85f, 0.80f}, ServerTestSupport.floats(withVector.get("vector")));
    assertEquals("New York", withVector.at("/payload/city").asText());

    // without a query, the points in id order (Qdrant's rule), filtered and paged; over one prefetch, its results
    JsonNode byId = result(q.post("/collections/" + name + "/points/query", "{\"limit\": 2, \"offset\": 1,"
        + " \"filter\": {\"must_not\": [{\"key\": \"city\", \"match\": {\"value\": \"London\"}}]}}")).get("points");
    assertEquals(List.of(3L, 4L), ids(byId));
    assertEquals(0.0, byId.get(0).get("score").asDouble());
    assertEquals(List.of(4L, 1L), ids(result(q.post("/collections/" + name + "/points/query",
        "{\"prefetch\": {\"query\": [0.2, 0.1, 0.9, 0.7], \"limit\": 2}}")).get("points")));

    // a point id queries with that point's vector and leaves the point out (recommend-like)
    JsonNode like = result(q.post("/collections/" + name + "/points/query", "{\"query\": 4, \"limit\": 2}"))
        .get("points");
    assertFalse(ids(like).contains(4L), like::toString);
    assertEquals(2, like.size());
  }

  @ParameterizedTest
  @MethodSource("bases")
  void pointsAreUpsertedRetrievedScrolledCountedAndDeleted(String base) {
    String name = "points_" + base;
    QdrantHttp q = quickstart(name, base);
    long first = completed(q.put("/collections/" + name + "/points?wait=true", """
        {"batch": {"ids": [7, "%s"],
                   "vectors": [[0.1, 0.2, 0.3, 0.4], [0.4, 0.3, 0.2, 0.1]],
                   "payloads": [{"city": "Paris", "tags": ["a", "b"]}, {"city": "Rome", "rank": 2.5}]}}"""
        .formatted(UUID.toUpperCase())));
    assertTrue(first > 0);

    JsonNode records = result(q.post("/collections/" + name + "/points",
        "{\"ids\": [1, \"" + UUID + "\"], \"with_vector\": true}"));
    assertEquals(2, records.size());
    Map<String, JsonNode> byId = new HashMap<>();
    records.forEach(r -> byId.put(r.get("id").asText(), r));
    assertTrue(byId.get("1").get("id").isIntegralNumber());
    assertTrue(byId.get(UUID).get("id").isTextual(), "a UUID comes back as a string, lower case");
    assertEquals("Berlin", byId.get("1").at("/payload/city").asText(), "with_payload defaults to true here");
    assertEquals(2.5, byId.get(UUID).at("/payload/rank").asDouble());
    assertArrayEquals(new float[] {0.4f, 0.3f, 0.2f, 0.1f}, ServerTestSupport.floats(byId.get(UUID).get("vector")));

    JsonNode one = result(q.get("/collections/" + name + "/points/7"));
    assertEquals(List.of("a", "b"), List.of(one.at("/payload/tags/0").asText(), one.at("/payload/tags/1").asText()));
    QdrantHttp.mentions(error(q.get("/collections/" + name + "/points/99"), 404), "No point with id 99");

    // scroll in pages of 3 until next_page_offset is null: every point once
    List<String> seen = new ArrayList<>();
    JsonNode offset = null;
    int pages = 0;
    do {
      JsonNode page = result(q.post("/collections/" + name + "/points/scroll",
          "{\"limit\": 3, \"with_payload\": false" + (offset == null ? "" : ", \"offset\": " + offset) + "}"));
      page.get("points").forEach(p -> seen.add(p.get("id").asText()));
      assertTrue(page.get("points").get(0).get("payload").isNull());
      offset = page.get("next_page_offset");
      pages++;
    } while (!offset.isNull() && pages < 10);
    assertEquals(8, seen.size(), seen::toString);
    assertEquals(8, new LinkedHashSet<>(seen).size(), seen::toString);
    assertEquals(3, pages);

    assertEquals(8, result(q.post("/collections/" + name + "/points/count", "{\"exact\": true}")).get("count").asLong());
    assertEquals(2, result(q.post("/collections/" + name + "/points/count",
        "{\"filter\": {\"must\": [{\"key\": \"city\", \"match\": {\"any\": [\"Berlin\", \"London\"]}}]}, \"exact\": true}"))
        .get("count").asLong());

    completed(q.post("/collections/" + name + "/points/delete?wait=true", "{\"points\": [7, 99]}"));
    completed(q.post("/collections/" + name + "/points/delete?wait=true",
        "{\"filter\": {\"must\": [{\"key\": \"city\", \"match\": {\"value\": \"Rome\"}}]}}"));
    JsonNode left = result(q.post("/collections/" + name + "/points/scroll", "{\"limit\": 100}"));
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), sorted(ids(left.get("points"))));
    assertTrue(left.get("next_page_offset").isNull());

    // an upsert of an existing id replaces it, a repeated id in one request keeps the last
    completed(q.put("/collections/" + name + "/points", """
        {"points": [{"id": 1, "vector": [1, 0, 0, 0], "payload": {"city": "Bonn"}},
                    {"id": 1, "vector": [0, 1, 0, 0], "payload": {"city": "Berlin again"}}]}"""));
    JsonNode replaced = result(q.get("/collections/" + name + "/points/1"));
    assertEquals("Berlin again", replaced.at("/payload/city").asText());
    assertArrayEquals(new float[] {0, 1, 0, 0}, ServerTestSupport.floats(replaced.get("vector")));
  }

  @ParameterizedTest
  @MethodSource("bases")
  void everyFilterConditionSelectsWhatQdrantsDocumentationSays(String base) {
    QdrantHttp q = client(base);
    String name = "filters_" + base;
    result(q.put("/collections/" + name, "{\"vectors\": {\"size\": 2, \"distance\": \"Cosine\"}}"));
    // payloads after Qdrant's filtering guide: color, count, price, tags; 6 has no color, 7 an empty tag list
    completed(q.put("/collections/" + name + "/points", """
        {"points": [
          {"id": 1, "vector": [1, 0.1], "payload": {"color": "red", "count": 1, "price": 9.5, "tags": ["a"], "ok": true}},
          {"id": 2, "vector": [1, 0.2], "payload": {"color": "green", "count": 2, "price": 11.0, "tags": ["a", "b"], "ok": false}},
          {"id": 3, "vector": [1, 0.3], "payload": {"color": "blue", "count": 3, "price": 25.0, "tags": ["b"]}},
          {"id": 4, "vector": [1, 0.4], "payload": {"color": "red", "count": 4, "price": 100.0, "tags": ["c"]}},
          {"id": 5, "vector": [1, 0.5], "payload": {"color": "green", "count": 5, "price": 0.5, "tags": ["a", "c"]}},
          {"id": 6, "vector": [1, 0.6], "payload": {"count": 6, "price": 7.0, "tags": ["b"]}},
          {"id": 7, "vector": [1, 0.7], "payload": {"color": "red", "count": 7, "tags": []}}
        ]}"""));
    Map<String, List<Long>> expected = new java.util.LinkedHashMap<>();
    expected.put("{\"must\": [{\"key\": \"color\", \"match\": {\"value\": \"red\"}}]}", List.of(1L, 4L, 7L));
    expected.put("{\"must\": [{\"key\": \"count\", \"match\": {\"value\": 3}}]}", List.of(3L));
    expected.put("{\"must\": [{\"key\": \"ok\", \"match\": {\"value\": true}}]}", List.of(1L));
    expected.put("{\"must\": [{\"key\": \"color\", \"match\": {\"any\": [\"red\", \"blue\"]}}]}", List.of(1L, 3L, 4L, 7L));
    expected.put("{\"must\": [{\"key\": \"color\", \"match\": {\"except\": [\"red\", \"blue\"]}}]}", List.of(2L, 5L));
    expected.put("{\"must\": [{\"key\": \"tags\", \"match\": {\"value\": \"a\"}}]}", List.of(1L, 2L, 5L));
    expected.put("{\"must\": [{\"key\": \"price\", \"range\": {\"gte\": 9.5, \"lt\": 100}}]}", List.of(1L, 2L, 3L));
    expected.put("{\"must\": [{\"key\": \"count\", \"range\": {\"gt\": 5}}]}", List.of(6L, 7L));
    expected.put("{\"must\": [{\"is_empty\": {\"key\": \"color\"}}]}", List.of(6L));
    expected.put("{\"must\": [{\"is_empty\": {\"key\": \"tags\"}}]}", List.of(7L));
    expected.put("{\"must\": [{\"has_id\": [1, 3, 5, 99]}]}", List.of(1L, 3L, 5L));
    expected.put("{\"must_not\": [{\"has_id\": [1, 2]}, {\"key\": \"color\", \"match\": {\"value\": \"red\"}}]}",
        List.of(3L, 5L, 6L));
    expected.put("{\"should\": [{\"key\": \"color\", \"match\": {\"value\": \"blue\"}},"
        + " {\"key\": \"count\", \"match\": {\"value\": 6}}]}", List.of(3L, 6L));
    expected.put("{\"must_not\": [{\"key\": \"color\", \"match\": {\"value\": \"red\"}}]}", List.of(2L, 3L, 5L, 6L));
    expected.put("{\"must\": [{\"key\": \"color\", \"match\": {\"value\": \"green\"}},"
        + " {\"should\": [{\"key\": \"count\", \"range\": {\"lt\": 3}}, {\"key\": \"price\", \"range\": {\"lt\": 1}}]}]}",
        List.of(2L, 5L));
    expected.put("{\"min_should\": {\"conditions\": [{\"key\": \"color\", \"match\": {\"value\": \"red\"}},"
        + " {\"key\": \"tags\", \"match\": {\"value\": \"c\"}}, {\"key\": \"count\", \"range\": {\"gte\": 4}}],"
        + " \"min_count\": 2}}", List.of(4L, 5L, 7L));
    expected.put("{\"must\": [{\"key\": \"size\", \"match\": {\"value\": \"XL\"}}]}", List.of());
    expected.put("{\"must_not\": [{\"key\": \"size\", \"match\": {\"value\": \"XL\"}}]}", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L));
    expected.put("{}", List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L));
    // as Python's client sends a FieldCondition: its unset options as null
    expected.put("{\"must\": [{\"key\": \"color\", \"match\": {\"value\": \"blue\"}, \"range\": null, \"geo_radius\": null,"
        + " \"values_count\": null, \"is_empty\": null, \"is_null\": null}], \"should\": null, \"min_should\": null}",
        List.of(3L));
    for (Map.Entry<String, List<Long>> c : expected.entrySet()) {
      String filter = c.getKey();
      JsonNode scrolled = result(q.post("/collections/" + name + "/points/scroll",
          "{\"filter\": " + filter + ", \"limit\": 100}")).get("points");
      assertEquals(c.getValue(), sorted(ids(scrolled)), () -> "scroll " + filter);
      assertEquals(c.getValue().size(), result(q.post("/collections/" + name + "/points/count",
          "{\"filter\": " + filter + "}")).get("count").asInt(), () -> "count " + filter);
      JsonNode found = result(q.post("/collections/" + name + "/points/query",
          "{\"query\": [1, 0], \"filter\": " + filter + ", \"limit\": 100}")).get("points");
      assertEquals(c.getValue(), sorted(ids(found)), () -> "query " + filter);
    }
    // delete by a filter with has_id in must_not removes the rest of what it matches
    completed(q.post("/collections/" + name + "/points/delete",
        "{\"filter\": {\"must\": [{\"key\": \"color\", \"match\": {\"value\": \"red\"}}], \"must_not\": [{\"has_id\": [7]}]}}"));
    assertEquals(List.of(2L, 3L, 5L, 6L, 7L), sorted(ids(result(q.post("/collections/" + name + "/points/scroll",
        "{\"limit\": 100}")).get("points"))));
  }

  @ParameterizedTest
  @MethodSource("bases")
  void documentsAreEmbeddedByTheServerAndScoreTheLibrarysCosine(String base) {
    QdrantHttp q = client(base);
    String name = "documents_" + base;
    result(q.put("/collections/" + name, "{\"vectors\": {\"size\": 384, \"distance\": \"Cosine\"}}"));
    documents(q, name);
    String query = "A man is eating pasta.";
    JsonNode points = result(q.post("/collections/" + name + "/points/query",
        "{\"query\": {\"text\": \"" + query + "\", \"model\": \"" + MODEL + "\"}, \"limit\": 9}")).get("points");
    assertEquals(SENTENCES.size(), points.size());
    float[] queryVector = library.embed(query);
    for (JsonNode point : points) {
      String text = SENTENCES.get(point.get("id").asInt());
      double cosine = VectorMath.cosine(queryVector, library.embed(text));
      assertEquals(cosine, point.get("score").asDouble(), 1e-5, text);
    }
    assertEquals(0, points.get(0).get("id").asInt(), "eating food is closest to eating pasta");

    // a collection made by embedkit's own API with the model takes the same Documents and gives the same scores
    HttpTestClient embedkit = new HttpTestClient(server.baseUrl(), KEY);
    HttpTestClient.collectionsResult(embedkit.put("/collections/model_" + base, "{\"model\": \"" + MODEL + "\"}"));
    documents(q, "model_" + base);
    JsonNode same = result(q.post("/collections/model_" + base + "/points/query",
        "{\"query\": {\"text\": \"" + query + "\", \"model\": \"" + MODEL + "\"}, \"limit\": 9}")).get("points");
    for (int i = 0; i < points.size(); i++) {
      assertEquals(points.get(i).get("id").asInt(), same.get(i).get("id").asInt());
      assertEquals(points.get(i).get("score").asDouble(), same.get(i).get("score").asDouble(), 1e-5);
    }
  }

  @ParameterizedTest
  @MethodSource("bases")
  void prefetchWithRrfFusesDenseAndBm25AsQdrantDoes(String base) {
    QdrantHttp q = client(base);
    String name = "hybrid_" + base;
    result(q.put("/collections/" + name, "{\"vectors\": {\"size\": 384, \"distance\": \"Cosine\"}}"));
    documents(q, name);
    String dense = "{\"query\": {\"text\": \"a man riding an animal\", \"model\": \"" + MODEL + "\"}, \"limit\": 5}";
    String sparse = "{\"query\": {\"text\": \"horse riding\", \"model\": \"qdrant/bm25\"}, \"using\": \"bm25\","
        + " \"limit\": 5}";
    List<Long> denseIds = ids(result(q.post("/collections/" + name + "/points/query", dense)).get("points"));
    JsonNode keyword = result(q.post("/collections/" + name + "/points/query", sparse)).get("points");
    List<Long> keywordIds = ids(keyword);
    assertEquals(Set.of(3L, 6L), new TreeSet<>(keywordIds), "BM25 finds the two texts with 'horse' or 'riding'");
    assertTrue(keyword.get(0).get("score").asDouble() > 0);

    JsonNode fused = result(q.post("/collections/" + name + "/points/query",
        "{\"prefetch\": [" + dense + ", " + sparse + "], \"query\": {\"fusion\": \"rrf\"}, \"limit\": 10,"
            + " \"with_payload\": true}")).get("points");
    Map<Long, Double> expected = new HashMap<>();
    for (List<Long> list : List.of(denseIds, keywordIds)) {
      for (int position = 0; position < list.size(); position++) {
        expected.merge(list.get(position), 1.0 / (2 + position), Double::sum); // Qdrant: k = 2, positions from 0
      }
    }
    assertEquals(expected.size(), fused.size());
    double previous = Double.MAX_VALUE;
    for (JsonNode point : fused) {
      double score = point.get("score").asDouble();
      assertEquals(expected.get(point.get("id").asLong()), score, 1e-6, point::toString);
      assertTrue(score <= previous);
      previous = score;
    }
    JsonNode k60 = result(q.post("/collections/" + name + "/points/query",
        "{\"prefetch\": [" + dense + ", " + sparse + "], \"query\": {\"rrf\": {\"k\": 60}}, \"limit\": 1}"))
        .get("points");
    long top = k60.get(0).get("id").asLong();
    double k60score = (denseIds.contains(top) ? 1.0 / (60 + denseIds.indexOf(top)) : 0)
        + (keywordIds.contains(top) ? 1.0 / (60 + keywordIds.indexOf(top)) : 0);
    assertEquals(k60score, k60.get(0).get("score").asDouble(), 1e-6);

    // the outer filter reaches the prefetches
    JsonNode filtered = result(q.post("/collections/" + name + "/points/query",
        "{\"prefetch\": [" + dense + ", " + sparse + "], \"query\": {\"fusion\": \"rrf\"},"
            + " \"filter\": {\"must\": [{\"key\": \"n\", \"range\": {\"lt\": 5}}]}}")).get("points");
    assertFalse(filtered.isEmpty(), "the filtered fusion found points");
    filtered.forEach(p -> assertTrue(p.get("id").asInt() < 5, p::toString));
  }

  @ParameterizedTest
  @MethodSource("bases")
  void payloadsAreSetOverwrittenDeletedAndClearedWithVectorsKept(String base) {
    String name = "payload_" + base;
    QdrantHttp q = quickstart(name, base);
    String points = "/collections/" + name + "/points";
    // Qdrant's examples: set, overwrite, delete keys, clear; by ids and by filter
    completed(q.post(points + "/payload", "{\"payload\": {\"property1\": \"string\", \"n\": 1}, \"points\": [1, 3, 10]}"));
    JsonNode one = result(q.get(points + "/1"));
    assertEquals("Berlin", one.at("/payload/city").asText(), "set keeps the other fields");
    assertEquals("string", one.at("/payload/property1").asText());
    assertArrayEquals(new float[] {0.05f, 0.61f, 0.76f, 0.74f}, ServerTestSupport.floats(one.get("vector")));
    completed(q.post(points + "/payload", "{\"payload\": {\"capital\": true}, \"filter\": {\"must\":"
        + " [{\"key\": \"city\", \"match\": {\"any\": [\"Berlin\", \"London\"]}}]}}"));
    assertEquals(2, result(q.post(points + "/count",
        "{\"filter\": {\"must\": [{\"key\": \"capital\", \"match\": {\"value\": true}}]}}")).get("count").asInt());
    completed(q.put(points + "/payload", "{\"payload\": {\"city\": \"Bern\"}, \"points\": [1]}"));
    assertEquals(Set.of("city"), QdrantHttp.names(result(q.get(points + "/1")).get("payload")), "overwrite replaces");
    completed(q.post(points + "/payload/delete", "{\"keys\": [\"property1\", \"n\"], \"points\": [3]}"));
    assertEquals(Set.of("city"), QdrantHttp.names(result(q.get(points + "/3")).get("payload")));
    // a payload index: every field is indexed already, so creating one is checked and done
    completed(q.put("/collections/" + name + "/index", "{\"field_name\": \"city\", \"field_schema\": \"keyword\"}"));
    QdrantHttp.mentions(error(q.put("/collections/" + name + "/index",
        "{\"field_name\": \"location\", \"field_schema\": \"geo\"}"), 400), "geo", "keyword, integer, float and bool");
    completed(q.post(points + "/payload/clear", "{\"points\": [2]}"));
    JsonNode cleared = result(q.get(points + "/2"));
    assertEquals(0, cleared.get("payload").size());
    assertArrayEquals(new float[] {0.19f, 0.81f, 0.75f, 0.11f}, ServerTestSupport.floats(cleared.get("vector")));
    assertEquals(List.of(4L, 1L, 3L), ids(result(q.post(points + "/query",
        "{\"query\": [0.2, 0.1, 0.9, 0.7], \"limit\": 3}")).get("points")), "vectors unchanged");
  }

  @ParameterizedTest
  @MethodSource("bases")
  void nestedPayloadsRoundTripAndFilterByDottedPaths(String base) {
    String name = "nested_" + base;
    QdrantHttp q = client(base);
    assertTrue(result(q.put("/collections/" + name, "{\"vectors\": {\"size\": 3, \"distance\": \"Cosine\"}}"))
        .asBoolean());
    String points = "/collections/" + name + "/points";
    // the payload LangChain's Python QdrantVectorStore writes: page_content beside a nested metadata object
    completed(q.put(points + "?wait=true", """
        {"points": [
          {"id": 1, "vector": [1, 0, 0], "payload": {"page_content": "a", "metadata": {"source": "x.pdf",
            "page": 3, "tags": ["t1"], "author": {"name": "Ada"}}}},
          {"id": 2, "vector": [0, 1, 0], "payload": {"page_content": "b", "metadata": {"source": "y.pdf",
            "page": 4}}}]}"""));
    JsonNode one = result(q.get(points + "/1")).get("payload");
    assertEquals("x.pdf", one.at("/metadata/source").asText(), one::toString);
    assertEquals(3, one.at("/metadata/page").asInt());
    assertEquals("t1", one.at("/metadata/tags/0").asText());
    assertEquals("Ada", one.at("/metadata/author/name").asText());
    assertEquals(Set.of("page_content", "metadata"), QdrantHttp.names(one));
    // Qdrant's nested key syntax in filters
    JsonNode hits = result(q.post(points + "/query", "{\"query\": [1, 1, 0], \"with_payload\": [\"metadata\"],"
        + " \"filter\": {\"must\": [{\"key\": \"metadata.page\", \"range\": {\"gte\": 4}}]}}")).get("points");
    assertEquals(List.of(2L), ids(hits));
    assertEquals(Set.of("metadata"), QdrantHttp.names(hits.get(0).get("payload")), "include selects the object");
    assertEquals("y.pdf", hits.get(0).at("/payload/metadata/source").asText());
    assertEquals(1, result(q.post(points + "/count", "{\"filter\": {\"must\": [{\"key\": \"metadata.author.name\","
        + " \"match\": {\"value\": \"Ada\"}}]}}")).get("count").asInt());
    // set under a nested key, then replace the whole object, then delete one nested key
    completed(q.post(points + "/payload", "{\"payload\": {\"page\": 5}, \"points\": [1], \"key\": \"metadata\"}"));
    JsonNode set = result(q.get(points + "/1")).get("payload");
    assertEquals(5, set.at("/metadata/page").asInt());
    assertEquals("x.pdf", set.at("/metadata/source").asText(), "a keyed set keeps the object's other fields");
    completed(q.post(points + "/payload", "{\"payload\": {\"metadata\": {\"source\": \"z.pdf\"}}, \"points\": [1]}"));
    JsonNode replaced = result(q.get(points + "/1")).get("payload");
    assertEquals(Set.of("source"), QdrantHttp.names(replaced.get("metadata")), "a set replaces a top-level value whole");
    assertEquals("a", replaced.get("page_content").asText());
    completed(q.post(points + "/payload/delete", "{\"keys\": [\"metadata.page\"], \"points\": [2]}"));
    assertEquals(Set.of("source"), QdrantHttp.names(result(q.get(points + "/2")).at("/payload/metadata")));
    completed(q.post(points + "/payload/delete", "{\"keys\": [\"metadata\"], \"points\": [2]}"));
    assertEquals(Set.of("page_content"), QdrantHttp.names(result(q.get(points + "/2")).get("payload")));
  }

  @Test
  void scoreThresholdOnADistanceBoundsFromAboveUnderAPrefetchToo() {
    QdrantHttp q = client("port");
    result(q.put("/collections/euclid_threshold", "{\"vectors\": {\"size\": 3, \"distance\": \"Euclid\"}}"));
    completed(q.put("/collections/euclid_threshold/points", """
        {"points": [{"id": 1, "vector": [0, 0, 0]}, {"id": 2, "vector": [1, 0, 0]}, {"id": 3, "vector": [3, 0, 0]}]}"""));
    // distances 0, 1 and 3: a threshold of 1.5 keeps the points at most that far, as Qdrant does for Euclid
    assertEquals(List.of(1L, 2L), ids(result(q.post("/collections/euclid_threshold/points/query",
        "{\"query\": [0, 0, 0], \"score_threshold\": 1.5}")).get("points")));
    // a root with no query passes its one prefetch's distances on, so the threshold bounds them the same way
    assertEquals(List.of(1L, 2L), ids(result(q.post("/collections/euclid_threshold/points/query",
        "{\"prefetch\": {\"query\": [0, 0, 0]}, \"score_threshold\": 1.5}")).get("points")));
    assertEquals(List.of(1L, 2L), ids(result(q.post("/collections/euclid_threshold/points/query",
        "{\"prefetch\": {\"prefetch\": {\"query\": [0, 0, 0]}}, \"score_threshold\": 1.5}")).get("points")));
    result(q.delete("/collections/euclid_threshold"));
  }

  @Test
  void keysAreTakenInEitherHeaderAndErrorsAreQdrants() {
    String port = "http://127.0.0.1:" + server.qdrantPort();
    QdrantHttp.mentions(error(new QdrantHttp(port, null, true).get("/collections"), 401), "api-key");
    error(new QdrantHttp(port, "wrong", true).get("/collections"), 401);
    result(new QdrantHttp(port, KEY, false).get("/collections"));
    error(new QdrantHttp(server.baseUrl() + "/qdrant", null, true).get("/collections"), 401);
    // as Qdrant, the version info and the probes need no key
    assertEquals(200, new QdrantHttp(port, null, true).get("/").status());
    assertEquals(200, new QdrantHttp(port, null, true).get("/healthz").status());
    assertEquals(200, new QdrantHttp(server.baseUrl() + "/qdrant", null, true).get("/").status());
    assertEquals(200, new QdrantHttp(server.baseUrl() + "/qdrant", null, true).get("/readyz").status());
    result(new QdrantHttp(server.baseUrl() + "/qdrant", KEY, true).get("/collections"));
    // the framework's own errors in Qdrant's shape on both
    error(new QdrantHttp(port, KEY, true).get("/no/such/route"), 404);
    error(new QdrantHttp(server.baseUrl() + "/qdrant", KEY, true).get("/no/such/route"), 404);
    error(new QdrantHttp(port, KEY, true).send("PATCH", "/collections", "{}"), 405);
  }

  /** Creates a collection with Qdrant's quickstart points; returns its client. */
  private static QdrantHttp quickstart(String name, String base) {
    QdrantHttp q = client(base);
    // Qdrant's quickstart: PUT /collections/test_collection {"vectors": {"size": 4, "distance": "Dot"}}
    assertTrue(result(q.put("/collections/" + name, "{\"vectors\": {\"size\": 4, \"distance\": \"Dot\"}}")).asBoolean());
    completed(q.put("/collections/" + name + "/points?wait=true", QUICKSTART_POINTS));
    return q;
  }

  /** The sentences as Documents, ids 0..8, payload {"n": i}. */
  private static void documents(QdrantHttp q, String name) {
    StringBuilder body = new StringBuilder("{\"points\": [");
    for (int i = 0; i < SENTENCES.size(); i++) {
      body.append(i == 0 ? "" : ",").append("{\"id\": ").append(i).append(", \"vector\": {\"text\": \"")
          .append(SENTENCES.get(i)).append("\", \"model\": \"").append(MODEL).append("\"}, \"payload\": {\"n\": ")
          .append(i).append("}}");
    }
    completed(q.put("/collections/" + name + "/points?wait=true", body.append("]}").toString()));
  }

  private static List<Long> ids(JsonNode points) {
    List<Long> ids = new ArrayList<>();
    points.forEach(p -> ids.add(p.get("id").asLong()));
    return ids;
  }

  private static List<Long> sorted(List<Long> ids) {
    List<Long> out = new ArrayList<>(ids);
    out.sort(null);
    return out;
  }

}
