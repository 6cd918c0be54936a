package dev.embedkit.server;

import static dev.embedkit.server.HttpTestClient.base64Floats;
import static dev.embedkit.server.HttpTestClient.json;
import static dev.embedkit.server.HttpTestClient.openAiError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.server.HttpTestClient.Reply;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image inputs over OpenAI's {@code /v1/embeddings}, on the tiny CLIP and imgbeddings models of
 * embedkit-image/scripts/tiny: vectors equal the library's, URLs reach only public addresses unless allowed (redirect
 * targets included), and broken images are refused at once without hurting the server.
 */
class ImageInputTest {
  static final long MAX_IMAGE_BYTES = 32 * 1024;
  static final long ANSWER_WITHIN_NANOS = 1_000_000_000L;

  @TempDir
  static Path dir;
  static ImageEmbeddingModel clip;
  /** Private addresses refused (the default); serves the tiny CLIP as {@code tiny-clip} and imgbeddings by folder. */
  static EmbedkitServer server;
  /** The same CLIP with {@code allowPrivateUrls}. */
  static EmbedkitServer open;
  static HttpTestClient client;
  static HttpTestClient openClient;
  static HttpServer images;
  static String imagesBase;
  static final AtomicInteger imageHits = new AtomicInteger();
  static byte[] cat;
  static byte[] dog;

  @BeforeAll
  static void start() throws IOException {
    Path clipFolder = tinyModel("clip", true);
    Path imgbeddingsFolder = tinyModel("imgbeddings", false);
    clip = ImageEmbeddingModel.of(Embedkit.loadFolder("tiny-clip", clipFolder, LoadOptions.DEFAULTS));
    ServerLimits limits = ServerLimits.DEFAULTS.withMaxImageBytes(MAX_IMAGE_BYTES);
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withLimits(limits)
        .withModels(List.of("tiny-clip=" + clipFolder, imgbeddingsFolder.toString()))
        .withCollectionsRoot(dir.resolve("collections")));
    open = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withLimits(limits).withAllowPrivateUrls(true)
        .withModels(List.of("tiny-clip=" + clipFolder)).withCollectionsRoot(dir.resolve("open-collections")));
    client = new HttpTestClient(server.baseUrl(), null);
    openClient = new HttpTestClient(open.baseUrl(), null);
    cat = png(gradient(64, 48, 0));
    dog = png(gradient(40, 72, 1));

    images = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    images.createContext("/cat.png", exchange -> {
      imageHits.incrementAndGet();
      answer(exchange, 200, cat);
    });
    images.createContext("/redirect", exchange -> {
      imageHits.incrementAndGet();
      exchange.getResponseHeaders().add("Location", "/cat.png");
      answer(exchange, 302, new byte[0]);
    });
    images.start();
    imagesBase = "http://127.0.0.1:" + images.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    Stream.of(server, open).filter(s -> s != null).forEach(EmbedkitServer::close);
    if (clip != null) {
      clip.close();
    }
    if (images != null) {
      images.stop(0);
    }
  }

  @Test
  void mixedImageAndTextInputsGetTheLibrarysVectorsInOrder() {
    List<Object> input = List.of(
        Map.of("image", "data:image/png;base64," + Base64.getEncoder().encodeToString(cat)),
        Map.of("text", "a photo of a cat"),
        Map.of("image", Base64.getEncoder().encodeToString(dog)),
        "a dog",
        Map.of("text", "a rocket at night"));
    Reply reply = client.post("/v1/embeddings", json(Map.of("model", "tiny-clip", "input", input, "encoding_format", "base64")));
    assertEquals(200, reply.status(), reply::toString);
    assertEquals("tiny-clip", reply.json().get("model").asText());

    List<float[]> imageVectors = clip.embedImages(List.of(ImageInput.bytes(cat, "cat"), ImageInput.bytes(dog, "dog"))).vectors();
    List<float[]> textVectors = clip.embed(List.of("a photo of a cat", "a dog", "a rocket at night"), EmbedOptions.DEFAULTS).vectors();
    List<float[]> expected = List.of(imageVectors.get(0), textVectors.get(0), imageVectors.get(1), textVectors.get(1), textVectors.get(2));
    JsonNode data = reply.json().get("data");
    assertEquals(expected.size(), data.size());
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(i, data.get(i).get("index").asInt());
      assertArrayEquals(expected.get(i), base64Floats(data.get(i).get("embedding").asText()), "input " + i);
    }
    // float JSON carries the same numbers
    Reply floats = client.post("/v1/embeddings", json(Map.of("model", "tiny-clip", "input", input.subList(0, 2))));
    assertEquals(200, floats.status(), floats::toString);
    for (int i = 0; i < 2; i++) {
      JsonNode vector = floats.json().get("data").get(i).get("embedding");
      for (int d = 0; d < vector.size(); d++) {
        assertEquals(expected.get(i)[d], Float.parseFloat(vector.get(d).asText()), "input " + i + " [" + d + "]");
      }
    }
  }

  @Test
  void modelsAreServedByGivenNameOrFolderName() {
    Reply models = client.get("/v1/models");
    List<String> ids = new ArrayList<>();
    models.json().get("data").forEach(m -> ids.add(m.get("id").asText()));
    assertEquals(List.of("tiny-clip", "imgbeddings"), ids);
    Reply imgbeddings = client.post("/v1/embeddings", json(Map.of("model", "imgbeddings", "input", List.of(Map.of("image", dataUri(cat))))));
    assertEquals(200, imgbeddings.status(), imgbeddings::toString);
    assertEquals("imgbeddings", imgbeddings.json().get("model").asText());
    Reply byDefault = client.post("/v1/embeddings", json(Map.of("input", List.of(Map.of("image", dataUri(cat))))));
    assertEquals("tiny-clip", byDefault.json().get("model").asText(), "the first model is the default");
  }

  @Test
  void textForAnImageOnlyModelIsUnsupported() {
    for (Object input : List.of("a cat", List.of(Map.of("text", "a cat")), List.of(Map.of("image", dataUri(cat)), "a cat"))) {
      Reply reply = client.post("/v1/embeddings", json(Map.of("model", "imgbeddings", "input", input)));
      JsonNode error = openAiError(reply, 400);
      assertTrue(error.get("message").asText().contains("images only"), reply::toString);
      assertEquals("input", error.get("param").asText());
    }
  }

  @Test
  void urlsToNonPublicAddressesAreRefusedWithoutConnecting() {
    int port = images.getAddress().getPort();
    int hits = imageHits.get();
    for (String url : List.of(imagesBase + "/cat.png", "http://localhost:" + port + "/cat.png", "http://[::1]:" + port + "/cat.png",
        imagesBase + "/redirect", "http://10.20.30.40/cat.png", "http://192.168.1.1/cat.png", "http://169.254.169.254/latest/meta-data/",
        "http://0.0.0.0:" + port + "/cat.png", "http://[::ffff:127.0.0.1]:" + port + "/cat.png")) {
      Reply reply = client.post("/v1/embeddings", json(Map.of("input", List.of(Map.of("image", url)))));
      JsonNode error = openAiError(reply, 400);
      assertTrue(error.get("message").asText().contains("non-public address"), reply::toString);
      assertTrue(reply.nanos() < ANSWER_WITHIN_NANOS, url + " took " + reply.millis() + " ms");
    }
    assertEquals(hits, imageHits.get(), "the image server was contacted");
  }

  @Test
  void privateUrlsAreFetchedWhenAllowedAndRedirectsFollowed() {
    float[] expected = clip.embedImages(List.of(ImageInput.bytes(cat, "cat"))).vectors().get(0);
    for (String url : List.of(imagesBase + "/cat.png", imagesBase + "/redirect")) {
      Reply reply = openClient.post("/v1/embeddings", json(Map.of("input", List.of(Map.of("image", url)), "encoding_format", "base64")));
      assertEquals(200, reply.status(), reply::toString);
      assertArrayEquals(expected, base64Floats(reply.json().get("data").get(0).get("embedding").asText()), url);
    }
  }

  /**
   * The collections API reads image URLs with the server's policy too: a document or a query naming a private
   * address is refused without connecting, unless the server allows private URLs; then the picture is fetched and
   * its vector is the library's.
   */
  @Test
  void collectionImageUrlsMeetTheServersPolicy() {
    int hits = imageHits.get();
    for (HttpTestClient c : List.of(client, openClient)) {
      HttpTestClient.collectionsResult(c.put("/collections/by-url", json(Map.of("model", "tiny-clip"))));
    }
    String write = HttpTestClient.collectionsError(client.put("/collections/by-url/documents", json(Map.of("documents",
        List.of(Map.of("id", "cat", "image", imagesBase + "/cat.png"))))), 400);
    assertTrue(write.contains("non-public address"), write);
    String search = HttpTestClient.collectionsError(client.post("/collections/by-url/search",
        json(Map.of("image", "http://169.254.169.254/latest/meta-data/"))), 400);
    assertTrue(search.contains("non-public address"), search);
    assertEquals(hits, imageHits.get(), "the image server was contacted");

    HttpTestClient.collectionsResult(openClient.put("/collections/by-url/documents", json(Map.of("documents",
        List.of(Map.of("id", "cat", "image", imagesBase + "/cat.png"))))));
    JsonNode stored = HttpTestClient.collectionsResult(openClient.get("/collections/by-url/documents/cat?with_vectors=true"));
    float[] expected = clip.embedImages(List.of(ImageInput.bytes(cat, "cat"))).vectors().get(0);
    JsonNode vector = stored.get("chunks").get(0).get("vector");
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], vector.get(i).floatValue(), 1e-6f, "component " + i);
    }
    assertEquals(imagesBase + "/cat.png", stored.get("image").asText(), "the URL is kept as the document's picture");
  }

  /**
   * A public address that redirects into a private one: everything here is loopback, so the "public" host
   * (203.0.113.7, a documentation address) is reached through an HTTP proxy on loopback, which the JDK's default
   * proxy selector picks up from http.proxyHost. The proxy's first answer is the image (the route works); its
   * redirects to private addresses are refused before they are followed.
   */
  @Test
  void aRedirectFromAPublicAddressIntoAPrivateOneIsRefused() throws IOException {
    AtomicInteger proxied = new AtomicInteger();
    Map<String, String> redirects = new LinkedHashMap<>();
    redirects.put("/to-loopback", imagesBase + "/cat.png");
    redirects.put("/to-metadata", "http://169.254.169.254/latest/meta-data/");
    redirects.put("/to-localhost", "http://localhost:" + images.getAddress().getPort() + "/cat.png");
    HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    proxy.createContext("/", exchange -> {
      proxied.incrementAndGet();
      String target = redirects.get(exchange.getRequestURI().getPath());
      if (target != null) {
        exchange.getResponseHeaders().add("Location", target);
        answer(exchange, 302, new byte[0]);
      } else {
        answer(exchange, 200, cat);
      }
    });
    proxy.start();
    Map<String, String> saved = new LinkedHashMap<>();
    for (String name : List.of("http.proxyHost", "http.proxyPort")) {
      saved.put(name, System.getProperty(name));
    }
    System.setProperty("http.proxyHost", "127.0.0.1");
    System.setProperty("http.proxyPort", Integer.toString(proxy.getAddress().getPort()));
    try {
      int hits = imageHits.get();
      Reply direct = client.post("/v1/embeddings", json(Map.of("input", List.of(Map.of("image", "http://203.0.113.7/cat.png")),
          "encoding_format", "base64")));
      assertEquals(200, direct.status(), direct::toString);
      assertArrayEquals(clip.embedImages(List.of(ImageInput.bytes(cat, "cat"))).vectors().get(0),
          base64Floats(direct.json().get("data").get(0).get("embedding").asText()));
      for (String path : redirects.keySet()) {
        int before = proxied.get();
        Reply reply = client.post("/v1/embeddings", json(Map.of("input", List.of(Map.of("image", "http://203.0.113.7" + path)))));
        JsonNode error = openAiError(reply, 400);
        assertTrue(error.get("message").asText().contains("non-public address"), reply::toString);
        assertEquals(before + 1, proxied.get(), "the public hop was fetched once: " + path);
      }
      assertEquals(hits, imageHits.get(), "a redirect reached the private image server");
    } finally {
      saved.forEach((name, value) -> {
        if (value == null) {
          System.clearProperty(name);
        } else {
          System.setProperty(name, value);
        }
      });
      proxy.stop(0);
    }
  }

  @Test
  void brokenImagesAreRefusedAtOnceAndTheServerKeepsServing() throws IOException {
    byte[] noisy = png(noise(160, 160, 7));
    assertTrue(noisy.length > MAX_IMAGE_BYTES, "the noisy PNG is " + noisy.length + " bytes");
    byte[] random = new byte[4096];
    new Random(11).nextBytes(random);
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("truncated PNG", dataUri(Arrays.copyOf(cat, cat.length / 2)));
    bad.put("PNG signature only", dataUri(Arrays.copyOf(cat, 8)));
    bad.put("random bytes", dataUri(random));
    bad.put("random bytes as plain base64", Base64.getEncoder().encodeToString(random));
    bad.put("decompression bomb", dataUri(pngHeader(100_000, 100_000)));
    bad.put("over maxImageBytes", dataUri(noisy));
    bad.put("not base64", "data:image/png;base64,%%%not base64%%%");
    bad.put("data URI without base64", "data:image/png,abc");
    bad.put("blank", " ");
    bad.put("ftp URL", "ftp://example.org/cat.png");
    bad.put("file URL", "file:///etc/passwd");
    for (Map.Entry<String, String> c : bad.entrySet()) {
      Reply reply = client.post("/v1/embeddings", json(Map.of("input", List.of(Map.of("text", "a cat"), Map.of("image", c.getValue())))));
      JsonNode error = openAiError(reply, 400);
      assertEquals("input", error.get("param").asText(), () -> c.getKey() + ": " + reply);
      assertTrue(error.get("message").asText().contains("input[1]"), () -> "names the input at fault: " + reply);
      if (c.getKey().endsWith(" URL")) {
        assertTrue(error.get("message").asText().contains("http or https"), reply::toString);
      }
      assertTrue(reply.nanos() < ANSWER_WITHIN_NANOS, c.getKey() + " took " + reply.millis() + " ms");
    }
    String bomb = openAiError(client.post("/v1/embeddings", json(Map.of("input", List.of(Map.of("image", dataUri(pngHeader(100_000, 100_000))))))), 400)
        .get("message").asText();
    assertTrue(bomb.contains("10000000000 pixels"), bomb);

    Reply ok = client.post("/v1/embeddings", json(Map.of("input", List.of(Map.of("image", dataUri(cat)), "a cat"))));
    assertEquals(200, ok.status(), ok::toString);
    assertEquals(2, ok.json().get("data").size());
  }

  // ---- fixtures ----

  /**
   * A copy of embedkit-image's tiny model folder (found from this module's folder, where surefire runs); CLIP gets
   * the built-in MiniLM pack's tokenizer.json as its text tokenizer, as embedkit-image's own tests do.
   */
  static Path tinyModel(String name, boolean withTokenizer) throws IOException {
    return TinyModels.copy(name, withTokenizer, dir);
  }

  private static void answer(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "image/png");
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  static String dataUri(byte[] png) {
    return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
  }

  static BufferedImage gradient(int width, int height, int variant) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int r = x * 255 / width;
        int g = y * 255 / height;
        int b = variant == 0 ? (x + y) * 2 & 0xFF : 255 - r;
        image.setRGB(x, y, r << 16 | g << 8 | b);
      }
    }
    return image;
  }

  static BufferedImage noise(int width, int height, long seed) {
    Random random = new Random(seed);
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, random.nextInt(1 << 24));
      }
    }
    return image;
  }

  static byte[] png(BufferedImage image) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  /** A PNG signature and IHDR chunk claiming {@code width x height} pixels, and no pixel data. */
  static byte[] pngHeader(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
    return png.array();
  }
}
