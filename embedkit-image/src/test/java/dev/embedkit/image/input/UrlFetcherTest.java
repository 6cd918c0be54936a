package dev.embedkit.image.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.TestData;
import dev.embedkit.image.decode.RgbImage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** URL fetching against a real HTTP server on the loopback interface. */
class UrlFetcherTest {
  static HttpServer server;
  static byte[] png;
  static String base;

  @BeforeAll
  static void start() throws IOException {
    png = Files.readAllBytes(TestData.sharedImages().resolve("palette_color.png"));
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/image.png", exchange -> {
      exchange.getResponseHeaders().add("Content-Type", "image/png");
      exchange.sendResponseHeaders(200, png.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(png);
      }
    });
    server.createContext("/redirect", exchange -> {
      exchange.getResponseHeaders().add("Location", "/image.png");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.createContext("/loop", exchange -> {
      exchange.getResponseHeaders().add("Location", "/loop");
      exchange.sendResponseHeaders(302, -1);
      exchange.close();
    });
    server.createContext("/missing", exchange -> {
      exchange.sendResponseHeaders(404, -1);
      exchange.close();
    });
    server.createContext("/slow", exchange -> {
      try {
        Thread.sleep(3000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      exchange.sendResponseHeaders(200, png.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(png);
      }
    });
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void fetchesAnImageAndFollowsRedirects() {
    UrlFetcher fetcher = new UrlFetcher(FetchPolicy.DEFAULTS);
    assertArrayEquals(png, fetcher.fetch(URI.create(base + "/image.png")));
    assertArrayEquals(png, fetcher.fetch(URI.create(base + "/redirect")));
    RgbImage image = ImageLoader.defaults().load(ImageInput.url(base + "/redirect"));
    assertEquals(10, image.width());
  }

  @Test
  void publicOnlyPolicyRefusesLoopback() {
    UrlFetcher fetcher = new UrlFetcher(FetchPolicy.PUBLIC_ONLY);
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> fetcher.fetch(URI.create(base + "/image.png")));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("non-public address 127.0.0.1"), e.getMessage());
  }

  @Test
  void sizeLimitStopsTheDownload() {
    UrlFetcher fetcher = new UrlFetcher(FetchPolicy.DEFAULTS.withMaxBytes(100));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> fetcher.fetch(URI.create(base + "/image.png")));
    assertTrue(e.getMessage().contains("larger than the limit"), e.getMessage());
  }

  @Test
  void timeLimitStopsASlowServer() {
    UrlFetcher fetcher = new UrlFetcher(FetchPolicy.DEFAULTS.withTimeout(Duration.ofMillis(500)));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> fetcher.fetch(URI.create(base + "/slow")));
    assertTrue(e.getMessage().contains("took longer"), e.getMessage());
  }

  @Test
  void redirectLoopsAndHttpErrorsAreOneLineErrors() {
    UrlFetcher fetcher = new UrlFetcher(FetchPolicy.DEFAULTS);
    EmbedkitException loop = assertThrows(EmbedkitException.class, () -> fetcher.fetch(URI.create(base + "/loop")));
    assertTrue(loop.getMessage().contains("redirected more than"), loop.getMessage());
    EmbedkitException missing = assertThrows(EmbedkitException.class, () -> fetcher.fetch(URI.create(base + "/missing")));
    assertTrue(missing.getMessage().contains("HTTP 404"), missing.getMessage());
  }

  @Test
  void addressClassesAreJudgedAsNonPublic() throws IOException {
    for (String a : new String[] {"127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254", "0.0.0.0",
        "100.64.0.1", "::1", "fe80::1", "fd00::1", "::ffff:10.0.0.1", "224.0.0.1"}) {
      assertFalse(UrlFetcher.isPublic(InetAddress.getByName(a)), a);
    }
    for (String a : new String[] {"8.8.8.8", "1.1.1.1", "2001:4860:4860::8888"}) {
      assertTrue(UrlFetcher.isPublic(InetAddress.getByName(a)), a);
    }
  }

  @Test
  void onlyHttpUrlsAreAccepted() {
    assertThrows(EmbedkitException.class, () -> ImageInput.url("file:///etc/passwd"));
    assertThrows(EmbedkitException.class, () -> ImageInput.url("ftp://example.org/a.png"));
  }
}
