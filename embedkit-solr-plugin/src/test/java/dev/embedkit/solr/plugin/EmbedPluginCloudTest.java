package dev.embedkit.solr.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.model.LoadOptions;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin inside a real SolrCloud: 2 nodes, a collection of 2 shards x 2 replicas, documents sent through SolrJ,
 * compared with the same model loaded in the test.
 */
class EmbedPluginCloudTest {
  private static final String MODEL = "all-minilm-l6-v2";
  private static final String COLLECTION = "docs";
  private static final int DOCS = 40;
  private static final String[] TOPICS = {
      "the weather forecast for the coast", "a recipe for bread with sourdough", "training for a marathon in winter",
      "repairing a flat bicycle tyre", "the history of the printing press", "how vaccines train the immune system",
      "planting tomatoes on a balcony", "saving money on electricity bills", "the rules of chess openings",
      "learning to play the violin as an adult"};

  @TempDir static Path tmp;
  private static MiniSolrCloudCluster cluster;
  private static CloudSolrClient client;
  private static EmbeddingModel model;
  private static long embeddedByIndexing;
  private static long modelCallsByIndexing;

  @BeforeAll
  static void startCluster() throws Exception {
    System.setProperty("zookeeper.forceSync", "no");
    System.setProperty("solr.zookeeper.connectionStrategy", "org.apache.solr.cloud.TestConnectionStrategy");
    System.setProperty("solr.log.dir", tmp.resolve("logs").toString());
    Path conf = Path.of(EmbedPluginCloudTest.class.getResource("/configsets/embed/conf").toURI());
    cluster = new MiniSolrCloudCluster.Builder(2, tmp.resolve("cluster")).addConfig("embed", conf).build();
    client = cluster.getSolrClient();
    CollectionAdminRequest.createCollection(COLLECTION, "embed", 2, 2).process(client);
    cluster.waitForActiveCollection(COLLECTION, 60, TimeUnit.SECONDS, 2, 4);
    model = Embedkit.load(MODEL, new LoadOptions(null, null, null, 1));

    long before = EmbedUpdateProcessorFactory.documentsEmbedded();
    long callsBefore = EmbedUpdateProcessorFactory.modelCalls();
    List<SolrInputDocument> docs = new ArrayList<>();
    for (int i = 0; i < DOCS; i++) {
      docs.add(doc("d" + i, text(i), i % 2 == 0 ? "a" : "b"));
    }
    client.add(COLLECTION, docs);
    client.commit(COLLECTION);
    embeddedByIndexing = EmbedUpdateProcessorFactory.documentsEmbedded() - before;
    modelCallsByIndexing = EmbedUpdateProcessorFactory.modelCalls() - callsBefore;
  }

  @AfterAll
  static void stopCluster() throws Exception {
    if (model != null) {
      model.close();
    }
    if (cluster != null) {
      cluster.shutdown();
    }
  }

  @Test
  void eachDocumentIsEmbeddedOnceNotOncePerReplica() {
    assertEquals(DOCS, embeddedByIndexing);
  }

  @Test
  void aRequestsDocumentsAreEmbeddedInBatches() {
    // batch=16 in the configset; SolrJ sends the 40 documents in one request, or one per shard leader: 3 or 4 calls.
    assertTrue(modelCallsByIndexing >= 3 && modelCallsByIndexing <= 4, "model calls: " + modelCallsByIndexing);
  }

  @Test
  void aDeleteAfterAnAddInOneRequestStillFollowsIt() throws Exception {
    // JSON update commands run in their order: the add waits in a batch, and must reach the index before the delete.
    String body = "{\"add\":{\"doc\":{\"id\":\"ordered-1\",\"text\":\"added then deleted\",\"group\":\"o\"}},"
        + "\"delete\":{\"id\":\"ordered-1\"},"
        + "\"add\":{\"doc\":{\"id\":\"ordered-2\",\"text\":\"added and kept\",\"group\":\"o\"}}}";
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(cluster.getJettySolrRunner(0).getBaseUrl() + "/" + COLLECTION + "/update?commit=true"))
            .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    List<SolrDocument> found = client.query(COLLECTION, new SolrQuery("group:o").setFields("id", "vector")).getResults();
    assertEquals(1, found.size(), "found " + found);
    assertEquals("ordered-2", found.get(0).get("id"));
    assertEquals(384, ((List<?>) found.get(0).get("vector")).size());
  }

  @Test
  void storedVectorsEqualTheModelsVectorOfTheText() throws Exception {
    SolrQuery all = new SolrQuery("id:d*").setFields("id", "text", "vector").setRows(100);
    List<SolrDocument> found = client.query(COLLECTION, all).getResults();
    assertEquals(DOCS, found.size());
    for (SolrDocument d : found) {
      float[] expected = model.embed((String) d.getFirstValue("text"));
      List<?> stored = (List<?>) d.getFieldValue("vector");
      assertEquals(expected.length, stored.size(), "vector length of " + d.get("id"));
      for (int i = 0; i < expected.length; i++) {
        assertEquals(expected[i], ((Number) stored.get(i)).floatValue(), 1e-6f, d.get("id") + " at " + i);
      }
    }
  }

  @Test
  void embedQueryGivesTheSameHitsAndScoresAsKnnWithTheTestsVector() throws Exception {
    String q = "how do I fix a puncture on my bike";
    QueryResponse embed = client.query(COLLECTION, select("{!embed f=vector topK=5}" + q));
    QueryResponse knn = client.query(COLLECTION, select("{!knn f=vector topK=5}" + vectorText(model.embed(q))));
    assertEquals(10, embed.getResults().getNumFound(), "topK is per shard: 5 x 2 shards");
    assertSameHits(knn, embed);
    String top = (String) embed.getResults().get(0).getFirstValue("text");
    assertTrue(top.contains("bicycle tyre"), "a tyre document ranks first, not: " + top);
  }

  @Test
  void documentTextAsQueryFindsThatDocumentFirstWithScoreOne() throws Exception {
    QueryResponse embed = client.query(COLLECTION, select("{!embed f=vector topK=3}" + text(17)));
    SolrDocument first = embed.getResults().get(0);
    assertEquals("d17", first.get("id"));
    assertEquals(1.0f, ((Number) first.get("score")).floatValue(), 1e-5f);
  }

  @Test
  void filterQueryIsAPreFilter() throws Exception {
    // The query is an "a" document's text: a post-filter would drop its nearest neighbours and return fewer hits.
    String q = text(4);
    SolrQuery embed = select("{!embed f=vector topK=3}" + q).addFilterQuery("group:b");
    SolrQuery knn = select("{!knn f=vector topK=3}" + vectorText(model.embed(q))).addFilterQuery("group:b");
    QueryResponse embedded = client.query(COLLECTION, embed);
    assertEquals(6, embedded.getResults().getNumFound(), "3 filtered hits per shard");
    for (SolrDocument d : embedded.getResults()) {
      assertEquals("b", d.getFirstValue("group"));
    }
    assertSameHits(client.query(COLLECTION, knn), embedded);
  }

  @Test
  void aQueryTextIsEmbeddedAtMostOncePerNode() throws Exception {
    // Each request parses the query on its coordinator and in every shard request (two phases): up to 5 parses on
    // 2 nodes. Whichever nodes the requests reach, each embeds the text once and then answers from its cache.
    String q = "which instrument is hard to learn late in life";
    Map<JettySolrRunner, Long> before = queryEmbeddingsPerNode();
    long total = 0;
    for (int request = 0; request < 4; request++) {
      client.query(COLLECTION, select("{!embed f=vector topK=5}" + q));
      Map<JettySolrRunner, Long> after = queryEmbeddingsPerNode();
      total = 0;
      for (JettySolrRunner node : after.keySet()) {
        long delta = after.get(node) - before.getOrDefault(node, 0L);
        assertTrue(delta <= 1, "node " + node.getBaseUrl() + " embedded the query " + delta + " times");
        total += delta;
      }
    }
    assertTrue(total >= 1, "the query was embedded somewhere");
  }

  @Test
  void emptyQueryTextIsABadRequest() {
    for (String q : new String[] {"{!embed f=vector topK=5}", "{!embed f=vector topK=5}   "}) {
      SolrException e = assertThrows(SolrException.class, () -> client.query(COLLECTION, select(q)));
      assertEquals(400, e.code());
      assertTrue(e.getMessage().contains("{!embed} needs query text"), e.getMessage());
      assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
  }

  @Test
  void documentsWithoutTextAreIndexedWithoutAVector() throws Exception {
    long before = EmbedUpdateProcessorFactory.documentsEmbedded();
    SolrInputDocument missing = new SolrInputDocument();
    missing.addField("id", "no-text");
    missing.addField("group", "c");
    client.add(COLLECTION, List.of(missing, doc("blank-text", "  ", "c")));
    client.commit(COLLECTION);
    assertEquals(before, EmbedUpdateProcessorFactory.documentsEmbedded());
    List<SolrDocument> found = client.query(COLLECTION, new SolrQuery("group:c").setFields("id", "vector")).getResults();
    assertEquals(2, found.size());
    for (SolrDocument d : found) {
      assertNull(d.getFieldValue("vector"), "vector of " + d.get("id"));
    }
  }

  @Test
  void aDocumentThatCarriesItsOwnVectorKeepsIt() throws Exception {
    long before = EmbedUpdateProcessorFactory.documentsEmbedded();
    float[] own = model.embed("a completely different sentence about volcanoes");
    SolrInputDocument d = doc("own-vector", text(5), "d");
    List<Float> floats = new ArrayList<>();
    for (float f : own) {
      floats.add(f);
    }
    d.addField("vector", floats);
    client.add(COLLECTION, d);
    client.commit(COLLECTION);
    assertEquals(before, EmbedUpdateProcessorFactory.documentsEmbedded());
    List<?> stored = (List<?>) client.query(COLLECTION, new SolrQuery("id:own-vector").setFields("vector"))
        .getResults().get(0).getFieldValue("vector");
    for (int i = 0; i < own.length; i++) {
      assertEquals(own[i], ((Number) stored.get(i)).floatValue(), "at " + i);
    }
  }

  @Test
  void aModelThatCannotLoadFailsTheCoreWithItsMessage() throws Exception {
    Path missing = tmp.resolve("no-such-model");
    String message = createFails("badmodel", Map.of("embedkit.model", missing.toString()));
    // Solr reports the root cause: the model's own one-line message (the node's log has the "cannot load" line too).
    assertTrue(message.contains("Caused by: model folder " + missing + " does not exist; available models are: "),
        message);
  }

  @Test
  void aSchemaDimensionOtherThanTheModelsFailsTheCoreNamingBoth() throws Exception {
    String message = createFails("baddim", Map.of("embedkit.dimension", "256"));
    assertTrue(message.contains("model '" + MODEL + "' gives 384 dimensions but field 'vector' has vectorDimension=256"),
        message);
  }

  @Test
  void aByteEncodedVectorFieldFailsTheCore() throws Exception {
    String message = createFails("bytes", Map.of("embedkit.encoding", "BYTE"));
    assertTrue(message.contains("embedkit: field 'vector' has vectorEncoding=BYTE; embedkit writes float vectors"), message);
  }

  @Test
  void aQueryParserWithAnotherVectorLengthThanTheProcessorFailsTheCore() throws Exception {
    String message = createFails("mixed", Map.of("embedkit.queryDimensions", "128"));
    assertTrue(message.contains("the embed query parser uses model '" + MODEL + "' with 128 dimensions but the update"
        + " processor uses '" + MODEL + "' with 384"), message);
  }

  @Test
  void anAtomicUpdateOfTheTextIsRefused() {
    SolrInputDocument update = new SolrInputDocument();
    update.addField("id", "d1");
    update.addField("text", Map.of("set", "a new text"));
    SolrException e = assertThrows(SolrException.class, () -> client.add(COLLECTION, update));
    assertEquals(400, e.code());
    assertTrue(e.getMessage().contains("embedkit: document d1: an atomic update of field 'text' cannot be embedded"),
        e.getMessage());
  }

  @Test
  void aDocumentWithTwoTextsIsRefused() {
    SolrInputDocument twoTexts = doc("two-texts", "first text", "e");
    twoTexts.addField("text", "second text");
    SolrException e = assertThrows(SolrException.class, () -> client.add(COLLECTION, twoTexts));
    assertEquals(400, e.code());
    assertTrue(e.getMessage().contains(
        "embedkit: document two-texts: field 'text' has 2 values; one text per document is embedded"), e.getMessage());
  }

  /**
   * Creates a collection through the Collections API as a user would (curl), asynchronously, and returns the
   * REQUESTSTATUS answer, which must be a failure: the synchronous answer keeps only "Underlying core creation
   * failed", the asynchronous status keeps each core's error.
   */
  private static String createFails(String name, Map<String, String> properties) throws Exception {
    String base = cluster.getJettySolrRunner(0).getBaseUrl() + "/admin/collections?wt=json&";
    StringBuilder create = new StringBuilder(base)
        .append("action=CREATE&collection.configName=embed&numShards=1&async=create-").append(name)
        .append("&name=").append(name);
    properties.forEach((k, v) -> create.append("&property.").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    get(create.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      String status = get(base + "action=REQUESTSTATUS&requestid=create-" + name);
      if (status.contains("\"state\":\"failed\"")) {
        return status;
      }
      assertFalse(status.contains("\"state\":\"completed\""), "creating " + name + " must fail: " + status);
      Thread.sleep(200);
    }
    throw new AssertionError("creating " + name + " did not finish in 60 s");
  }

  private static String get(String url) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).body();
  }

  private static Map<JettySolrRunner, Long> queryEmbeddingsPerNode() {
    Map<JettySolrRunner, Long> counts = new HashMap<>();
    for (JettySolrRunner node : cluster.getJettySolrRunners()) {
      counts.put(node, EmbedQParserPlugin.queryEmbeddings(node.getCoreContainer()));
    }
    return counts;
  }

  private static void assertSameHits(QueryResponse expected, QueryResponse actual) {
    assertEquals(expected.getResults().getNumFound(), actual.getResults().getNumFound());
    assertFalse(actual.getResults().isEmpty());
    for (int i = 0; i < expected.getResults().size(); i++) {
      SolrDocument e = expected.getResults().get(i);
      SolrDocument a = actual.getResults().get(i);
      assertEquals(e.get("id"), a.get("id"), "hit " + i);
      assertEquals(((Number) e.get("score")).floatValue(), ((Number) a.get("score")).floatValue(), 1e-6f, "score " + i);
    }
  }

  private static SolrQuery select(String q) {
    return new SolrQuery(q).setFields("id", "score", "text", "group").setRows(20);
  }

  private static String vectorText(float[] vector) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < vector.length; i++) {
      out.append(i > 0 ? "," : "").append(vector[i]);
    }
    return out.append(']').toString();
  }

  private static String text(int i) {
    return "Note " + i + ": " + TOPICS[i % TOPICS.length] + (i >= TOPICS.length ? ", part " + (i / TOPICS.length + 1) : "");
  }

  private static SolrInputDocument doc(String id, String text, String group) {
    SolrInputDocument d = new SolrInputDocument();
    d.addField("id", id);
    d.addField("text", text);
    d.addField("group", group);
    return d;
  }
}
