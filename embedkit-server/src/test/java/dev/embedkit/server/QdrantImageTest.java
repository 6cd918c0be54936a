package dev.embedkit.server;

import static dev.embedkit.server.QdrantHttp.completed;
import static dev.embedkit.server.QdrantHttp.error;
import static dev.embedkit.server.QdrantHttp.mentions;
import static dev.embedkit.server.QdrantHttp.result;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.vector.VectorMath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Qdrant's Image inference objects ({@code {"image", "model"}}) with the tiny CLIP model: pictures and texts in one
 * collection, embedded by the server, scored as the library scores them.
 */
class QdrantImageTest {
  @TempDir static Path dir;
  static EmbedkitServer server;
  static ImageEmbeddingModel clip;
  static QdrantHttp q;
  static byte[] red;
  static byte[] blue;

  @BeforeAll
  static void start() throws Exception {
    Path folder = TinyModels.copy("clip", true, dir);
    clip = ImageEmbeddingModel.of(Embedkit.loadFolder("tiny-clip", folder, LoadOptions.DEFAULTS));
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of("tiny-clip=" + folder))
        .withCollectionsRoot(dir.resolve("collections")));
    q = new QdrantHttp(server.baseUrl() + "/qdrant", null, false);
    red = Files.readAllBytes(TestPictures.solidPng(dir.resolve("red.png"), 32, 32, 0xdd2222));
    blue = Files.readAllBytes(TestPictures.solidPng(dir.resolve("blue.png"), 32, 32, 0x2222dd));
  }

  @AfterAll
  static void stop() {
    server.close();
    clip.close();
  }

  @Test
  void imagesAndTextsAreEmbeddedByTheServedClipModel() {
    int dimensions = clip.info().dimensions();
    result(q.put("/collections/pictures", "{\"vectors\": {\"size\": " + dimensions + ", \"distance\": \"Cosine\"}}"));
    completed(q.put("/collections/pictures/points?wait=true", """
        {"points": [
          {"id": 1, "vector": {"image": "%s", "model": "tiny-clip"}, "payload": {"color": "red"}},
          {"id": 2, "vector": {"image": "%s", "model": "tiny-clip"}, "payload": {"color": "blue"}},
          {"id": 3, "vector": {"text": "a red square", "model": "tiny-clip"}}
        ]}""".formatted(dataUri(red), Base64.getEncoder().encodeToString(blue))));
    JsonNode points = result(q.post("/collections/pictures/points/query",
        "{\"query\": {\"image\": \"" + dataUri(red) + "\", \"model\": \"tiny-clip\"}, \"limit\": 3}")).get("points");
    float[] query = clip.embedImages(List.of(ImageInput.bytes(red, "red"))).vectors().get(0);
    Map<Integer, float[]> stored = new HashMap<>();
    stored.put(1, query);
    stored.put(2, clip.embedImages(List.of(ImageInput.bytes(blue, "blue"))).vectors().get(0));
    stored.put(3, clip.embed(List.of("a red square"), EmbedOptions.DEFAULTS).vectors().get(0));
    assertEquals(3, points.size());
    assertEquals(1, points.get(0).get("id").asInt(), points::toString);
    for (JsonNode point : points) {
      assertEquals(VectorMath.cosine(query, stored.get(point.get("id").asInt())), point.get("score").asDouble(), 1e-5,
          point::toString);
    }
    mentions(error(q.put("/collections/pictures/points", "{\"points\": [{\"id\": 4, \"vector\": {\"image\":"
        + " \"ftp://example.com/a.png\", \"model\": \"tiny-clip\"}}]}"), 400), "http or https");
    mentions(error(q.put("/collections/pictures/points", "{\"points\": [{\"id\": 4, \"vector\": {\"image\": \""
        + dataUri(red) + "\", \"model\": \"other-clip\"}}]}"), 400), "not served", "tiny-clip");
  }

  private static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }
}
