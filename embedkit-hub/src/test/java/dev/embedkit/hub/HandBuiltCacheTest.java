package dev.embedkit.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import dev.embedkit.model.BuiltinPack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cache laid out by hand exactly as huggingface_hub writes it (blobs named by sha256 / git sha1, relative links in
 * snapshots/COMMIT, refs/main holding the commit without a newline) loads as is, without a network.
 */
class HandBuiltCacheTest {
  @TempDir Path dir;

  private final Properties before = (Properties) System.getProperties().clone();

  /** Puts back what the build set (the parent pom points embedkit.hub.cache into the build tree), clears the rest. */
  @AfterEach
  void restoreProperties() {
    for (String key : List.of("embedkit.hub.cache", "embedkit.hub.offline", "embedkit.hub.endpoint")) {
      if (before.getProperty(key) == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before.getProperty(key));
      }
    }
  }

  /** Writes models--ORG--NAME the way Python does and returns the hub cache root. */
  private Path buildCache(String repo, String commit) throws Exception {
    Path pack = HubFixtures.packFolder();
    Path hub = dir.resolve("hf/hub");
    Path repoDir = hub.resolve("models--" + repo.replace("/", "--"));
    Path snapshot = repoDir.resolve("snapshots/" + commit);
    for (String file : List.of("onnx/model.onnx", "tokenizer.json", "config.json", "tokenizer_config.json", "modules.json",
        "sentence_bert_config.json", "config_sentence_transformers.json", "1_Pooling/config.json")) {
      byte[] content = Files.readAllBytes(pack.resolve(file));
      String etag = file.endsWith(".onnx") ? java.util.HexFormat.of().formatHex(
          java.security.MessageDigest.getInstance("SHA-256").digest(content)) : FakeHub.gitSha1Bytes(content);
      Path blob = repoDir.resolve("blobs/" + etag);
      Files.createDirectories(blob.getParent());
      Files.write(blob, content);
      Path pointer = snapshot.resolve(file);
      Files.createDirectories(pointer.getParent());
      String up = "../".repeat(file.split("/").length + 1);
      Files.createSymbolicLink(pointer, Path.of(up + "blobs/" + etag));
    }
    Files.createDirectories(repoDir.resolve("refs"));
    Files.writeString(repoDir.resolve("refs/main"), commit);
    return hub;
  }

  @Test
  void handBuiltCacheLoadsOfflineWithTheBuiltInPacksVectors() throws Exception {
    Path hub = buildCache("someone/minilm-copy", HubFixtures.OTHER_COMMIT);
    HubSettings settings = HubFixtures.unreachable(dir).withOffline(true);
    assertEquals(hub, settings.cacheDir());
    PulledModel model = new HubPuller(settings).resolve(ModelRef.parse("someone/minilm-copy"));
    assertEquals(hub.resolve("models--someone--minilm-copy/snapshots/" + HubFixtures.OTHER_COMMIT), model.folder());
    assertSameVectors(HubFixtures.vectors("copy", model.folder()));
  }

  @Test
  void embedkitLoadResolvesARepoIdThroughTheModelSource() throws Exception {
    Path hub = buildCache("someone/minilm-copy", HubFixtures.OTHER_COMMIT);
    System.setProperty("embedkit.hub.cache", hub.toString());
    System.setProperty("embedkit.hub.offline", "true");
    try (EmbeddingModel model = Embedkit.load("someone/minilm-copy")) {
      assertSameVectors(model.embed(HubFixtures.SENTENCES, EmbedOptions.DEFAULTS).vectors());
    }
    // A commit works as the revision too.
    try (EmbeddingModel model = Embedkit.load("someone/minilm-copy@" + HubFixtures.OTHER_COMMIT)) {
      assertSameVectors(model.embed(HubFixtures.SENTENCES, EmbedOptions.DEFAULTS).vectors());
    }
  }

  private static void assertSameVectors(List<float[]> vectors) {
    List<float[]> builtin = HubFixtures.packVectors(BuiltinPack.ALL_MINILM_L6_V2);
    for (int i = 0; i < builtin.size(); i++) {
      assertArrayEquals(builtin.get(i), vectors.get(i), 0f, "sentence " + i);
    }
  }
}
