package dev.embedkit.server;

import static dev.embedkit.server.HttpTestClient.collectionsError;
import static dev.embedkit.server.HttpTestClient.collectionsResult;
import static dev.embedkit.server.HttpTestClient.json;
import static dev.embedkit.server.HttpTestClient.teiError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.server.HttpTestClient.Reply;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.Document;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.LuceneCollection;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the web page stands on, over plain HTTP with the key on: the page and its assets (no key needed, ETags, a
 * strict Content-Security-Policy), {@code GET /embedkit/models}, the map in the page's column format and thumbnails.
 */
class WebPageHttpTest {
  static final String KEY = "web-http-key-0123";
  static final String MODEL = "all-minilm-l6-v2";

  @TempDir static Path root;
  static EmbedkitServer server;
  static HttpTestClient client;
  static HttpTestClient anonymous;

  @BeforeAll
  static void start() throws Exception {
    Files.createDirectories(root.resolve("reports"));
    Files.writeString(root.resolve("reports/broken.json"), "{not json");
    Files.writeString(root.resolve("reports/other.json"), "{\"name\": \"not a report\"}");
    Files.writeString(root.resolve("reports/sts-20261207-101010-000.json"), """
        {"task": "sts", "results": [{"model": "all-minilm-l6-v2", "precision": "float32", "dimensions": 384,
         "metrics": {"spearman": 82.03}}], "main_metric": "spearman", "notes": [], "created": "2026-12-07T10:10:10Z"}""");
    // A picture document as the CLI's indexer writes it (its local path kept): HTTP clients may only name URLs.
    Path picture = TestPictures.solidPng(root.resolve("red.png"), 200, 100, 0xCC2020);
    try (LuceneCollection pics = new EmbeddedCollections(root.resolve("collections"), name -> null)
        .create(CollectionSpec.external("pics", 3))) {
      pics.add(List.of(new Document("red", null, Map.of(), new float[] {1, 0, 0}, picture.toString()),
          new Document("plain", null, Map.of(), new float[] {0, 1, 0}, null),
          new Document("fifo", null, Map.of(), new float[] {0, 0, 1}, "/dev/zero")));
    }
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of(MODEL)).withApiKey(KEY)
        .withCollectionsRoot(root.resolve("collections")).withEvalReports(root.resolve("reports")));
    client = new HttpTestClient(server.baseUrl(), KEY);
    anonymous = new HttpTestClient(server.baseUrl(), null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void thePageAndItsAssetsNeedNoKeyAndCarryAStrictPolicy() {
    Reply page = anonymous.get("/");
    assertEquals(200, page.status());
    assertTrue(page.header("Content-Type").startsWith("text/html"), page.header("Content-Type"));
    assertTrue(page.text().contains("<script type=\"module\" src=\"ui/app.js\"></script>"));
    String csp = page.header("Content-Security-Policy");
    assertTrue(csp.contains("default-src 'none'") && csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"), csp);
    for (String asset : List.of("app.js", "api.js", "ui.js", "heatmap.js", "snippets.js", "app.css", "embedkit-map.js",
        "map-parts.css", "views/playground.js", "views/search.js", "views/map.js", "views/models.js", "views/collections.js")) {
      Reply reply = anonymous.get("/ui/" + asset);
      assertEquals(200, reply.status(), asset);
      assertTrue(reply.header("Content-Type").startsWith(asset.endsWith(".css") ? "text/css" : "text/javascript"), asset);
      assertNotNull(reply.header("ETag"), asset);
      assertEquals("no-cache", reply.header("Cache-Control"));
    }
    assertTrue(anonymous.get("/ui/embedkit-map.js").text().contains("EmbedkitMap = { mount: mount }"),
        "the map script is explore's own, shared with embedkit map's HTML pages");
    assertEquals(401, anonymous.get("/embedkit/models").status(), "the data behind the page still needs the key");
  }

  @Test
  void anUnchangedAssetIsAnswered304AndAnUnknownOne404() throws Exception {
    Reply first = anonymous.get("/ui/app.js");
    HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/ui/app.js"))
        .header("If-None-Match", first.header("ETag")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(304, again.statusCode());
    assertEquals("", again.body());
    String message = teiError(anonymous.get("/ui/nothing-here.js"), 404, "NotFound");
    assertTrue(message.contains("no page asset /ui/nothing-here.js"), message);
  }

  @Test
  void modelsListTheServedModelsFactsLimitsAndKeptEvaluations() {
    Reply reply = client.get("/embedkit/models");
    assertEquals(200, reply.status(), reply.text());
    JsonNode body = reply.json();
    assertEquals(MODEL, body.get("default_model").asText());
    JsonNode model = body.get("models").get(0);
    try (EmbeddingModel library = Embedkit.load(MODEL)) {
      assertEquals(library.info().dimensions(), model.get("dimensions").asInt());
      assertEquals(library.info().maxSeqLength(), model.get("max_tokens").asInt());
      assertEquals(library.info().sizeBytes(), model.get("size_bytes").asLong());
    }
    assertEquals("mean", model.get("pooling").asText());
    assertEquals("fp32", model.get("weights").asText());
    assertEquals("[\"text\"]", model.get("modalities").toString());
    assertEquals(ServerLimits.DEFAULT_MAX_INPUTS, body.get("limits").get("max_inputs").asInt());
    JsonNode evaluations = body.get("evaluations");
    assertEquals(1, evaluations.size(), "files that are not reports are skipped: " + evaluations);
    assertEquals("sts-20261207-101010-000.json", evaluations.get(0).get("file").asText());
    assertEquals(82.03, evaluations.get(0).get("results").get(0).get("metrics").get("spearman").asDouble(), 1e-9);
  }

  @Test
  void theMapInPageFormatHasTheSamePointsAsTheJsonFormat() {
    collectionsResult(client.put("/collections/words", json(Map.of("model", MODEL))));
    List<Map<String, Object>> documents = new ArrayList<>();
    String[] texts = {"A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby.",
        "A man is riding a horse.", "A woman is playing violin.", "Two men pushed carts through the woods.",
        "A man is riding a white horse on an enclosed ground.", "A monkey is playing drums.",
        "A cheetah is running behind its prey.", "A woman is slicing an onion.", "Stocks fell sharply on Monday."};
    for (int i = 0; i < texts.length; i++) {
      documents.add(Map.of("id", "d" + i, "text", texts[i], "metadata", Map.of("n", i)));
    }
    collectionsResult(client.put("/collections/words/documents", json(Map.of("documents", documents))));
    JsonNode points = collectionsResult(client.get("/collections/words/map?method=pca&clusters=2")).get("points");
    JsonNode page = collectionsResult(client.get("/collections/words/map?method=pca&clusters=2&format=page"));
    assertEquals(texts.length, page.get("x").size());
    for (int i = 0; i < points.size(); i++) {
      assertEquals(points.get(i).get("id").asText(), page.get("id").get(i).asText());
      assertEquals(points.get(i).get("x").floatValue(), page.get("x").get(i).floatValue());
      assertEquals(points.get(i).get("cluster").asInt(), page.get("cluster").get(i).asInt());
    }
    assertEquals("number", page.get("fields").get("n").get("type").asText());
    assertTrue(page.get("palette").size() > 0 && page.get("gradient").size() > 0, "the colours map.js draws with");
    String message = collectionsError(client.get("/collections/words/map?format=svg"), 400);
    assertTrue(message.contains("'format' must be json") && message.contains("page"), message);
  }

  @Test
  void aThumbnailIsThePictureOfAnImageDocumentAnd404Otherwise() throws Exception {
    HttpResponse<byte[]> png = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.baseUrl()
        + "/collections/pics/thumbnail?id=red")).header("Authorization", "Bearer " + KEY).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertEquals(200, png.statusCode());
    assertEquals("image/png", png.headers().firstValue("Content-Type").orElse(""));
    BufferedImage thumbnail = ImageIO.read(new ByteArrayInputStream(png.body()));
    assertEquals(96, thumbnail.getWidth(), "the longest side is 96");
    assertEquals(48, thumbnail.getHeight());
    assertEquals(0xCC2020, thumbnail.getRGB(48, 24) & 0xFFFFFF);
    String none = collectionsError(client.get("/collections/pics/thumbnail?id=plain"), 404);
    assertTrue(none.contains("has no readable picture"), none);
    String device = collectionsError(client.get("/collections/pics/thumbnail?id=fifo"), 404);
    assertTrue(device.contains("/dev/zero is gone or not an image"), "a device is never read: " + device);
    String missing = collectionsError(client.get("/collections/pics/thumbnail"), 400);
    assertTrue(missing.contains("'id' is missing"), missing);
    String unknown = collectionsError(client.get("/collections/pics/thumbnail?id=nope"), 404);
    assertTrue(unknown.contains("has no document 'nope'"), unknown);
  }

  @Test
  void overHttpAnImageIsAUrlOrADataUriNeverAServerFile() {
    String write = collectionsError(client.put("/collections/pics/documents", json(Map.of("documents",
        List.of(Map.of("id", "etc", "vector", List.of(1, 1, 0), "image", "/etc/hostname"))))), 400);
    assertTrue(write.contains("'documents[0].image' must be an http(s) URL or a data URI") && write.contains("/etc/hostname")
        && write.contains("embedkit index NAME --image DIR"), write);
    String search = collectionsError(client.post("/collections/pics/search", json(Map.of("image", "/etc/hostname"))), 400);
    assertTrue(search.contains("'image' must be an http(s) URL or a data URI"), search);
  }
}
