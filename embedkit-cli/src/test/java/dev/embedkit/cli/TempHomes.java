package dev.embedkit.cli;

import dev.embedkit.model.EmbedkitHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Points in-process CLI runs at a temporary $EMBEDKIT_HOME and Hugging Face cache (through the system properties that
 * win over the variables), offline, and restores what was set before: these tests remove and clear caches, and must
 * never touch a user's ~/.embedkit or ~/.cache/huggingface.
 */
final class TempHomes implements AutoCloseable {
  static final String HUB_CACHE = "embedkit.hub.cache";
  static final String OFFLINE = "embedkit.hub.offline";
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  final Path home;
  final Path hfCache;
  private final String previousHome = System.getProperty(EmbedkitHome.PROPERTY);
  private final String previousCache = System.getProperty(HUB_CACHE);
  private final String previousOffline = System.getProperty(OFFLINE);

  TempHomes(Path dir) {
    home = dir.resolve("embedkit-home");
    hfCache = dir.resolve("hf/hub");
    System.setProperty(EmbedkitHome.PROPERTY, home.toString());
    System.setProperty(HUB_CACHE, hfCache.toString());
    System.setProperty(OFFLINE, "true");
  }

  /**
   * Lays a one-file repo into the Hugging Face cache as huggingface_hub does (blob, relative link from the snapshot,
   * refs/main) and returns the repo's folder.
   */
  Path hubModel(String repo, String content) throws IOException {
    Path repoDir = hfCache.resolve("models--" + repo.replace("/", "--"));
    String etag = Integer.toHexString(content.hashCode()) + "0".repeat(32);
    Path blob = Files.createDirectories(repoDir.resolve("blobs")).resolve(etag);
    Files.writeString(blob, content, StandardCharsets.UTF_8);
    Path snapshot = Files.createDirectories(repoDir.resolve("snapshots").resolve(COMMIT));
    Files.createSymbolicLink(snapshot.resolve("model.onnx"), Path.of("../../blobs", etag));
    Files.createDirectories(repoDir.resolve("refs"));
    Files.writeString(repoDir.resolve("refs/main"), COMMIT);
    return repoDir;
  }

  @Override
  public void close() {
    restore(EmbedkitHome.PROPERTY, previousHome);
    restore(HUB_CACHE, previousCache);
    restore(OFFLINE, previousOffline);
  }

  private static void restore(String key, String value) {
    if (value == null) {
      System.clearProperty(key);
    } else {
      System.setProperty(key, value);
    }
  }
}
