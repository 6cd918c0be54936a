package dev.embedkit.server.clients;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.server.EmbedkitServer;
import dev.embedkit.server.ServerConfig;
import dev.embedkit.vector.VectorMath;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Qdrant's official JavaScript REST client ({@code @qdrant/js-client-rest} 1.16.2, pinned; Apache-2.0, from
 * the npm registry; Maven Central has no Qdrant REST client for Java: {@code io.qdrant:client} speaks gRPC only)
 * against the Qdrant-compatible API, unchanged, at the Qdrant port's root and at {@code /qdrant} on the main port:
 * create, upsert with wait, query with and without filter, retrieve, count, delete, scroll, Documents embedded by the
 * server, and a 404. The client is installed into {@code target/qdrant-js} with npm; without npm or the registry the
 * test is skipped with the reason, unless {@code EMBEDKIT_REQUIRE_NODE=1}, which makes that a failure (CI).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QdrantJsClientTest {
  /** The pinned client; {@code -Dqdrant.js.version=...} tries another. */
  static final String CLIENT_VERSION = System.getProperty("qdrant.js.version", "1.16.2");
  static final String MODEL = "all-minilm-l6-v2";
  static final String KEY = "qdrant-js-key";
  static final Path DIR = Path.of("target", "qdrant-js");
  static final ObjectMapper JSON = new ObjectMapper();
  static final boolean REQUIRED = "1".equals(System.getenv("EMBEDKIT_REQUIRE_NODE"));

  @TempDir static Path root;
  EmbedkitServer server;
  LibraryReference library;

  /** Why the client cannot run here (no node, npm or registry), or null. */
  String unavailable;

  @BeforeAll
  void installClientAndStartServer() throws Exception {
    unavailable = install();
    if (unavailable != null) {
      if (REQUIRED) {
        fail(unavailable + ", and EMBEDKIT_REQUIRE_NODE=1 requires the Qdrant JS client test");
      }
      return;
    }
    int qdrantPort;
    try (ServerSocket free = new ServerSocket(0)) {
      qdrantPort = free.getLocalPort();
    }
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of(MODEL)).withApiKey(KEY)
        .withCollectionsRoot(root.resolve("collections")).withQdrantPort(qdrantPort));
    library = new LibraryReference(MODEL);
  }

  /** Each test is skipped, with the reason, when the client cannot run (a failure instead in CI; see above). */
  @BeforeEach
  void requireClient() {
    assumeTrue(unavailable == null, () -> unavailable + "; skipping the Qdrant JS client test (set"
        + " EMBEDKIT_REQUIRE_NODE=1 to fail instead)");
  }

  /** Installs the pinned client with npm unless it is there; returns why it cannot run, or null. */
  private String install() throws Exception {
    if (!run(List.of("node", "--version"), Path.of("."), 30).ok()) {
      return "node is not on the PATH";
    }
    if (!run(List.of("npm", "--version"), Path.of("."), 60).ok()) {
      return "npm is not on the PATH";
    }
    Files.createDirectories(DIR);
    Path installed = DIR.resolve("node_modules/@qdrant/js-client-rest/package.json");
    // one folder holds one version: a different pin reinstalls over it
    if (!Files.exists(installed) || !Files.readString(installed).contains("\"version\": \"" + CLIENT_VERSION + "\"")) {
      Result npm = run(List.of("npm", "install", "--prefix", DIR.toString(), "--no-audit", "--no-fund",
          "@qdrant/js-client-rest@" + CLIENT_VERSION), Path.of("."), 300);
      if (!npm.ok()) {
        return "npm install @qdrant/js-client-rest@" + CLIENT_VERSION + " failed (no registry?): "
            + last(npm.output() + npm.errors());
      }
    }
    try (InputStream script = getClass().getResourceAsStream("/qdrant-js/client.mjs")) {
      Files.copy(script, DIR.resolve("client.mjs"), StandardCopyOption.REPLACE_EXISTING);
    }
    return null;
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (library != null) {
      library.close();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"port", "prefix"})
  void officialClientWorksUnchanged(String where) throws Exception {
    String url = where.equals("port") ? server.qdrantUrl() : server.baseUrl();
    String prefix = where.equals("port") ? "" : "/qdrant";
    Result node = run(List.of("node", "client.mjs", url, prefix, KEY, "js_" + where, MODEL), DIR, 120);
    assertTrue(node.ok(), () -> "node failed: " + node.output());
    if (CLIENT_VERSION.startsWith("1.15.") || CLIENT_VERSION.startsWith("1.16.") || CLIENT_VERSION.startsWith("1.17.")) {
      assertFalse(node.errors().contains("incompatible"), node::errors); // within one minor version of 1.16
    }
    assertFalse(node.errors().contains("Failed to obtain server version"), node::errors);
    JsonNode out = JSON.readTree(node.output());

    assertEquals("qdrant - vector search engine", out.at("/version/title").asText());
    assertTrue(out.get("created").asBoolean());
    assertTrue(out.at("/exists/exists").asBoolean());
    assertEquals("completed", out.at("/upsert/status").asText());
    assertEquals(6, out.at("/info/points_count").asInt());
    assertEquals("Dot", out.at("/info/config/params/vectors/distance").asText());

    assertEquals(List.of(4, 1, 3), ids(out.at("/plain/points")));
    float[] query = {0.2f, 0.1f, 0.9f, 0.7f};
    assertEquals(VectorMath.dot(query, new float[] {0.18f, 0.01f, 0.85f, 0.8f}),
        out.at("/plain/points/0/score").asDouble(), 1e-5);
    assertEquals(List.of(2), ids(out.at("/filtered/points")));
    assertEquals("London", out.at("/filtered/points/0/payload/city").asText());

    assertEquals(2, out.get("retrieve").size());
    for (JsonNode record : out.get("retrieve")) {
      float[] expected = record.get("id").asInt() == 1 ? new float[] {0.05f, 0.61f, 0.76f, 0.74f}
          : new float[] {0.19f, 0.81f, 0.75f, 0.11f};
      assertArrayEquals(expected, floats(record.get("vector")), 1e-7f);
    }
    assertEquals(6, out.at("/count/count").asInt());
    assertEquals("completed", out.at("/deleted/status").asText());
    assertEquals(5, out.at("/countAfter/count").asInt());
    assertEquals(2, out.at("/scroll/points").size());
    assertTrue(out.at("/scroll/next_page_offset").isNumber());

    List<String> texts = List.of("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.");
    float[] asked = library.vector("Is it sunny?");
    JsonNode documents = out.at("/documents/points");
    assertEquals(3, documents.size());
    for (JsonNode point : documents) {
      double cosine = VectorMath.cosine(asked, library.vector(texts.get(point.get("id").asInt())));
      assertEquals(cosine, point.get("score").asDouble(), 1e-5, point::toString);
    }
    assertEquals(1, documents.get(0).get("id").asInt(), "'so sunny outside' answers 'is it sunny?'");

    assertEquals(404, out.at("/missing/status").asInt());
    assertTrue(out.at("/missing/data/status/error").asText().contains("doesn't exist"), out::toString);
    assertTrue(out.get("dropped").asBoolean());
  }

  private static List<Integer> ids(JsonNode points) {
    List<Integer> ids = new ArrayList<>();
    points.forEach(p -> ids.add(p.get("id").asInt()));
    return ids;
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).floatValue();
    }
    return out;
  }

  /** A finished command: its exit code, stdout and stderr. */
  private record Result(int exitCode, String output, String errors) {
    boolean ok() {
      return exitCode == 0;
    }
  }

  private static Result run(List<String> command, Path directory, long seconds) throws InterruptedException {
    try {
      Path out = Files.createTempFile("qdrant-js", ".out");
      Path err = Files.createTempFile("qdrant-js", ".err");
      try {
        Process process = new ProcessBuilder(command).directory(directory.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          return new Result(-1, "", String.join(" ", command) + " did not finish in " + seconds + " s");
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException notFound) {
      return new Result(-1, "", notFound.getMessage());
    }
  }

  private static String last(String text) {
    String trimmed = text.strip();
    return trimmed.length() > 300 ? "..." + trimmed.substring(trimmed.length() - 300) : trimmed;
  }
}
