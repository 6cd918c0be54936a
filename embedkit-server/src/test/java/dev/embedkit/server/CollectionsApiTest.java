package dev.embedkit.server;

import static dev.embedkit.server.HttpTestClient.collectionsError;
import static dev.embedkit.server.HttpTestClient.collectionsResult;
import static dev.embedkit.server.HttpTestClient.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.server.HttpTestClient.Reply;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.vector.VectorMath;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The collections API on a real server with all-MiniLM-L6-v2 and the key on: the routes' shapes, and searches that
 * agree with the library (scores are the cosine of the model's own vectors for the same texts).
 */
class CollectionsApiTest {
  static final String KEY = "collections-key-0123";
  static final String MODEL = "all-minilm-l6-v2";
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
  static HttpTestClient client;
  static EmbeddingModel library;

  @BeforeAll
  static void start() {
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of(MODEL)).withApiKey(KEY)
        .withCollectionsRoot(root.resolve("collections")));
    client = new HttpTestClient(server.baseUrl(), KEY);
    library = Embedkit.load(MODEL);
  }

  @AfterAll
  static void stop() {
    server.close();
    library.close();
  }

  /** A collection of the sentences, ids "0".."8", metadata {"n": i, "animal": i >= 7}. */
  private static void sentences(String name) {
    collectionsResult(client.put("/collections/" + name, json(Map.of("model", MODEL))));
    List<Map<String, Object>> documents = new ArrayList<>();
    for (int i = 0; i < SENTENCES.size(); i++) {
      documents.add(Map.of("id", Integer.toString(i), "text", SENTENCES.get(i), "metadata",
          Map.of("n", i, "animal", i >= 7)));
    }
    JsonNode written = collectionsResult(client.put("/collections/" + name + "/documents",
        json(Map.of("documents", documents))));
    assertEquals(SENTENCES.size(), written.get("documents").asInt());
    assertEquals(SENTENCES.size(), written.get("chunks").asInt());
  }

  /** A collection registered on another engine (SolrCloud) is the CLI's: not listed, served or dropped here. */
  @Test
  void aCollectionOnAnotherEngineIsNeitherListedNorServedNorDropped() throws Exception {
    java.nio.file.Path folder = java.nio.file.Files.createDirectories(root.resolve("collections/elsewhere"));
    java.nio.file.Files.writeString(folder.resolve("backend.json"),
        "{\"format\": 1, \"backend\": \"solr\", \"location\": {\"zk\": \"127.0.0.1:1\"}}");
    java.nio.file.Files.writeString(folder.resolve("collection.json"), dev.embedkit.store.CollectionConfig.external(
        "elsewhere", 3, dev.embedkit.vector.Metric.COSINE).toJson());
    JsonNode listed = collectionsResult(client.get("/collections")).get("collections");
    listed.forEach(c -> assertFalse(c.get("name").asText().equals("elsewhere"), listed.toString()));
    String served = collectionsError(client.get("/collections/elsewhere"), 400);
    assertTrue(served.contains("lives on solr; the server serves embedded collections only"), served);
    collectionsError(client.delete("/collections/elsewhere"), 400);
    assertTrue(java.nio.file.Files.isRegularFile(folder.resolve("backend.json")), "not dropped");
    collectionsError(client.put("/collections/elsewhere", json(Map.of("dimensions", 3))), 409);
    java.nio.file.Files.delete(folder.resolve("backend.json"));
    java.nio.file.Files.delete(folder.resolve("collection.json"));
    java.nio.file.Files.delete(folder);
  }

  @Test
  void aCollectionIsCreatedListedDescribedAndDropped() {
    Reply created = client.put("/collections/lifecycle", json(Map.of("model", MODEL, "hnsw", Map.of("m", 8),
        "quantization", "int7", "chunking", Map.of("max_tokens", 128, "overlap_tokens", 16))));
    assertEquals(true, collectionsResult(created).asBoolean());
    collectionsResult(client.put("/collections/lifecycle-vectors", json(Map.of("dimensions", 3, "similarity", "dot"))));

    JsonNode listed = collectionsResult(client.get("/collections")).get("collections");
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    listed.forEach(c -> byName.put(c.get("name").asText(), c));
    assertEquals(MODEL, byName.get("lifecycle").get("model").asText());
    assertEquals(384, byName.get("lifecycle").get("dimensions").asInt());
    assertEquals("cosine", byName.get("lifecycle").get("similarity").asText());
    assertTrue(byName.get("lifecycle-vectors").get("model").isNull());
    assertEquals("dot", byName.get("lifecycle-vectors").get("similarity").asText());

    JsonNode info = collectionsResult(client.get("/collections/lifecycle"));
    assertEquals(8, info.get("config").get("hnsw").get("m").asInt());
    assertEquals(100, info.get("config").get("hnsw").get("beam_width").asInt());
    assertEquals("int7", info.get("config").get("quantization").asText());
    assertEquals(128, info.get("config").get("chunking").get("max_tokens").asInt());
    assertEquals(0, info.get("documents").asLong());
    assertTrue(info.get("size_bytes").asLong() > 0);

    String taken = collectionsError(client.put("/collections/lifecycle", json(Map.of("model", MODEL))), 409);
    assertTrue(taken.contains("already exists"), taken);

    assertEquals(true, collectionsResult(client.delete("/collections/lifecycle")).asBoolean());
    collectionsError(client.get("/collections/lifecycle"), 404);
    collectionsResult(client.delete("/collections/lifecycle-vectors"));
    JsonNode after = collectionsResult(client.get("/collections")).get("collections");
    after.forEach(c -> assertFalse(c.get("name").asText().startsWith("lifecycle"), after.toString()));
    // the name is free again
    collectionsResult(client.put("/collections/lifecycle", json(Map.of("dimensions", 2))));
    collectionsResult(client.delete("/collections/lifecycle"));
  }

  @Test
  void documentsAreUpsertedAddedReadScrolledCountedAndDeleted() {
    collectionsResult(client.put("/collections/docs", json(Map.of("model", MODEL))));
    String path = "/collections/docs/documents";
    collectionsResult(client.put(path, json(Map.of("documents", List.of(
        Map.of("id", "a", "text", "first text", "metadata", Map.of("lang", "en", "year", 2021)),
        Map.of("id", "b/2", "text", "second text"))))));
    collectionsResult(client.post(path, json(Map.of("documents", List.of(Map.of("id", "c", "text", "third"))))));
    String taken = collectionsError(client.post(path, json(Map.of("documents", List.of(
        Map.of("id", "d", "text", "new"), Map.of("id", "a", "text", "again"))))), 409);
    assertTrue(taken.contains("'a'"), taken);
    // upsert replaces
    collectionsResult(client.put(path, json(Map.of("documents", List.of(Map.of("id", "c", "text", "third, again"))))));

    JsonNode a = collectionsResult(client.get(path + "/a?with_vectors=true"));
    assertEquals("first text", a.get("text").asText());
    assertEquals("en", a.get("metadata").get("lang").asText());
    assertEquals(2021, a.get("metadata").get("year").asLong());
    assertArrayEquals(library.embed("first text"), ServerTestSupport.floats(a.get("chunks").get(0).get("vector")));
    assertEquals("second text", collectionsResult(client.get(path + "/b/2")).get("text").asText());
    assertFalse(collectionsResult(client.get(path + "/c")).get("chunks").get(0).has("vector"));
    assertEquals("third, again", collectionsResult(client.get(path + "/c")).get("text").asText());
    collectionsError(client.get(path + "/d"), 404);

    JsonNode many = collectionsResult(client.post(path + "/get", json(Map.of("ids", List.of("c", "zz", "a")))));
    assertEquals(List.of("c", "a"), ids(many.get("documents")));

    assertEquals(3, collectionsResult(client.post("/collections/docs/count", "")).get("count").asLong());
    JsonNode first = collectionsResult(client.post(path + "/scroll", json(Map.of("limit", 2))));
    assertEquals(List.of("a", "b/2"), ids(first.get("documents")));
    assertEquals("b/2", first.get("next").asText());
    JsonNode second = collectionsResult(client.post(path + "/scroll", json(Map.of("limit", 2, "after", "b/2"))));
    assertEquals(List.of("c"), ids(second.get("documents")));
    assertTrue(second.get("next").isNull());

    assertEquals(1, collectionsResult(client.post(path + "/delete", json(Map.of("ids", List.of("a", "nope")))))
        .get("deleted").asLong());
    assertEquals(2, collectionsResult(client.post("/collections/docs/count", "{}")).get("count").asLong());
    collectionsResult(client.delete("/collections/docs"));
  }

  @Test
  void aTextSearchRanksAndScoresAsTheCosineOfTheModelsVectors() {
    sentences("search-text");
    String query = "A man is eating pasta.";
    JsonNode results = collectionsResult(client.post("/collections/search-text/search",
        json(Map.of("query", query, "top_k", 5)))).get("results");

    float[] q = library.embed(query);
    List<float[]> vectors = library.embed(SENTENCES).vectors();
    List<Integer> expected = IntStream.range(0, SENTENCES.size()).boxed()
        .sorted(Comparator.comparingDouble(i -> -VectorMath.cosine(q, vectors.get(i)))).limit(5).toList();
    assertEquals(5, results.size());
    for (int rank = 0; rank < 5; rank++) {
      JsonNode hit = results.get(rank);
      int i = expected.get(rank);
      assertEquals(Integer.toString(i), hit.get("id").asText(), "rank " + rank + ": " + results);
      assertEquals(VectorMath.cosine(q, vectors.get(i)), hit.get("score").asDouble(), 1e-5);
      assertEquals(SENTENCES.get(i), hit.get("text").asText());
      assertEquals(i, hit.get("metadata").get("n").asInt());
      assertEquals(0, hit.get("chunk").get("start").asInt());
      assertEquals(SENTENCES.get(i).length(), hit.get("chunk").get("end").asInt());
      assertFalse(hit.has("vector"), "vector only when asked for");
    }
    // the same with the model named, exact, and only the vector asked for
    JsonNode exact = collectionsResult(client.post("/collections/search-text/search", json(Map.of("query", query,
        "top_k", 5, "exact", true, "model", MODEL, "fields", List.of("vector"))))).get("results");
    assertEquals(ids(results), ids(exact));
    assertArrayEquals(vectors.get(expected.get(0)), ServerTestSupport.floats(exact.get(0).get("vector")));
    assertFalse(exact.get(0).has("text"));
  }

  @Test
  void vectorAndLikeSearchesAgreeWithTheStoredVectors() {
    sentences("search-vector");
    float[] horse = library.embed(SENTENCES.get(3));
    JsonNode byVector = collectionsResult(client.post("/collections/search-vector/search",
        json(Map.of("vector", horse, "top_k", 3)))).get("results");
    assertEquals("3", byVector.get(0).get("id").asText());
    assertEquals(1.0, byVector.get(0).get("score").asDouble(), 1e-5);
    JsonNode like = collectionsResult(client.post("/collections/search-vector/search",
        json(Map.of("like", "3", "top_k", 2)))).get("results");
    // the document itself is left out: the next two by the vector search
    assertEquals(ids(byVector).subList(1, 3), ids(like));
    assertEquals(byVector.get(1).get("score").asDouble(), like.get(0).get("score").asDouble(), 1e-6);
  }

  @Test
  void aFilterAsJsonAndAsTextSelectsTheSameDocuments() {
    sentences("search-filter");
    String search = "/collections/search-filter/search";
    JsonNode json = collectionsResult(client.post(search, json(Map.of("query", "an animal", "top_k", 9,
        "filter", Map.of("field", "animal", "op", "eq", "value", true))))).get("results");
    JsonNode text = collectionsResult(client.post(search, json(Map.of("query", "an animal", "top_k", 9,
        "filter", "animal = true")))).get("results");
    assertEquals(List.of("7", "8"), ids(json).stream().sorted().toList());
    assertEquals(ids(json), ids(text));
    JsonNode range = collectionsResult(client.post(search, json(Map.of("query", "a man", "top_k", 9,
        "filter", "n >= 2 AND n < 4")))).get("results");
    assertEquals(List.of("2", "3"), ids(range).stream().sorted().toList());
    assertEquals(2, collectionsResult(client.post("/collections/search-filter/count",
        json(Map.of("filter", "animal = true"))))
        .get("count").asLong());
    assertEquals(2, collectionsResult(client.post("/collections/search-filter/documents/delete",
        json(Map.of("filter", Map.of("field", "animal", "op", "eq", "value", true)))))
        .get("deleted").asLong());
    assertEquals(7, collectionsResult(client.post("/collections/search-filter/count", "")).get("count").asLong());
  }

  /** With only the keyword ranking weighted, a hybrid score is 1 / (rrf_k + rank) of the BM25 ranking. */
  @Test
  void hybridSearchFusesTheKeywordRanking() {
    sentences("search-hybrid");
    String search = "/collections/search-hybrid/search";
    JsonNode keyword = collectionsResult(client.post(search, json(Map.of("query", "violin", "top_k", 3,
        "hybrid", Map.of("vector_weight", 0, "keyword_weight", 1, "rrf_k", 10))))).get("results");
    assertEquals("4", keyword.get(0).get("id").asText(), keyword.toString());
    assertEquals(1.0 / 11, keyword.get(0).get("score").asDouble(), 1e-9);
    JsonNode both = collectionsResult(client.post(search, json(Map.of("query", "violin", "top_k", 3,
        "hybrid", true)))).get("results");
    assertEquals("4", both.get(0).get("id").asText(), both.toString());
    // first in both rankings: 1/61 + 1/61
    assertEquals(2.0 / 61, both.get(0).get("score").asDouble(), 1e-9);
  }

  @Test
  void searchesAreTimedUnderTheirRouteNotTheirPath() {
    sentences("metrics");
    collectionsResult(client.post("/collections/metrics/search", json(Map.of("query", "a horse"))));
    String scrape = client.get("/metrics").text();
    assertTrue(scrape.contains("route=\"/collections/{name}/search\""), "no search route label");
    assertFalse(scrape.contains("/collections/metrics/search"), "the literal path is a label");
  }

  @Test
  void theKeyIsRequired() {
    HttpTestClient noKey = new HttpTestClient(server.baseUrl(), null);
    collectionsError(noKey.get("/collections"), 401);
    collectionsError(noKey.put("/collections/nokey", json(Map.of("dimensions", 2))), 401);
    collectionsError(new HttpTestClient(server.baseUrl(), "wrong").post("/collections/x/search", "{}"), 401);
    collectionsError(client.get("/collections/nokey"), 404);
  }

  /** A collection another writer holds (here an instance opened beside the server) answers 409 with the store's words. */
  @Test
  void aCollectionLockedByAnotherWriterIsAConflict() {
    EmbeddedCollections outside = new EmbeddedCollections(root.resolve("collections"), name -> null);
    try (LuceneCollection held = outside.create(CollectionSpec.external("held", 2))) {
      String message = collectionsError(client.post("/collections/held/count", ""), 409);
      assertTrue(message.contains("open for writing"), message);
      String drop = collectionsError(client.delete("/collections/held"), 409);
      assertTrue(drop.contains("open for writing"), drop);
    }
    assertEquals(0, collectionsResult(client.post("/collections/held/count", "")).get("count").asLong());
    collectionsResult(client.delete("/collections/held"));
  }

  static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(node -> ids.add(node.get("id").asText()));
    return ids;
  }

  @Test
  void aCollectionsMapHasOnePointPerDocumentClustersAndIsCachedUntilItChanges() {
    sentences("mapped");
    JsonNode map = collectionsResult(client.get("/collections/mapped/map?method=pca&clusters=2"));
    assertEquals("pca", map.get("method").asText());
    assertEquals(SENTENCES.size(), map.get("points").size());
    List<String> ids = new ArrayList<>();
    int clustered = 0;
    for (JsonNode point : map.get("points")) {
      ids.add(point.get("id").asText());
      assertTrue(Double.isFinite(point.get("x").asDouble()) && Double.isFinite(point.get("y").asDouble()));
      assertEquals(SENTENCES.get(Integer.parseInt(point.get("id").asText())), point.get("text").asText());
      assertTrue(point.get("metadata").has("n"), "metadata for colouring");
      clustered += point.get("cluster").asInt() >= 0 ? 1 : 0;
    }
    assertEquals(IntStream.range(0, SENTENCES.size()).mapToObj(Integer::toString).sorted().toList(),
        ids.stream().sorted().toList());
    assertEquals(SENTENCES.size(), clustered);
    assertEquals(2, map.get("clusters").size());
    assertFalse(map.get("clusters").get(0).get("name").asText().isBlank());
    assertEquals(map, collectionsResult(client.get("/collections/mapped/map?method=pca&clusters=2")),
        "the same map while the collection is unchanged");
    collectionsResult(client.put("/collections/mapped/documents",
        json(Map.of("documents", List.of(Map.of("id", "9", "text", "A chef cooks pasta in a kitchen."))))));
    assertEquals(SENTENCES.size() + 1,
        collectionsResult(client.get("/collections/mapped/map?method=pca&clusters=2")).get("points").size());
    assertTrue(collectionsError(client.get("/collections/mapped/map?method=mds"), 400).contains("pca, umap, tsne"));
    assertTrue(collectionsError(client.get("/collections/mapped/map?max_points=2"), 400).contains("max_points"));
    assertTrue(collectionsError(client.get("/collections/mapped/map?clusters=lots"), 400).contains("unknown clustering"));
    collectionsError(client.get("/collections/absent/map"), 404);
  }
}
