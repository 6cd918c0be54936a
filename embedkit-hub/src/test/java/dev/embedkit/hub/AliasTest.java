package dev.embedkit.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import dev.embedkit.ModelInfo;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.PackCache;
import dev.embedkit.model.Pooling;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AliasTest {
  static FakeHub hub;
  @TempDir Path dir;

  @BeforeAll
  static void startHub() throws Exception {
    hub = new FakeHub();
    Path pack = HubFixtures.packFolder();
    // A repo that has the ONNX export and tokenizer but no sentence-transformers configs (like many ONNX exports).
    hub.repo("BAAI/bge-small-en-v1.5", HubFixtures.COMMIT, false)
        .add("onnx/model.onnx", pack.resolve("onnx/model.onnx"))
        .add("tokenizer.json", pack.resolve("tokenizer.json"))
        .add("config.json", pack.resolve("config.json"));
  }

  @AfterAll
  static void stopHub() {
    hub.close();
  }

  @Test
  void everyAliasHasAUniqueNameAndAValidRepoId() {
    Set<String> names = new HashSet<>();
    for (Alias alias : Alias.values()) {
      assertTrue(names.add(alias.aliasName()), alias.aliasName());
      assertEquals(alias.repoId(), new RepoId(alias.repoId()).value());
      assertTrue(alias.approxDownloadBytes() > 0, alias.aliasName());
      assertTrue(HubModelSource.claims(alias.aliasName()));
    }
    assertEquals("mixedbread-ai/mxbai-embed-large-v1", Alias.byName("MXBAI-EMBED-LARGE").repoId());
  }

  @Test
  void aliasSuppliesTheSentenceTransformersConfigsTheRepoLacks() throws Exception {
    HubSettings settings = HubFixtures.settings(hub, dir);
    PulledModel model = new HubPuller(settings, new java.io.PrintWriter(new java.io.StringWriter())).pull(ModelRef.parse("bge-small"));
    assertEquals(dir.resolve("embedkit/models/bge-small").toAbsolutePath(), model.folder());
    for (String file : new String[] {"modules.json", "1_Pooling/config.json", "sentence_bert_config.json",
        "config_sentence_transformers.json"}) {
      assertTrue(Files.isRegularFile(model.folder().resolve(file)), file);
      assertFalse(Files.isSymbolicLink(model.folder().resolve(file)), file + " is written, not linked");
    }
    Path snapshot = settings.cacheDir().resolve("models--BAAI--bge-small-en-v1.5/snapshots/" + HubFixtures.COMMIT);
    assertFalse(Files.exists(snapshot.resolve("modules.json")), "the hub cache stays as the hub served it");
    try (EmbeddingModel loaded = Embedkit.loadFolder("bge-small", model.folder(), LoadOptions.DEFAULTS)) {
      ModelInfo info = loaded.info();
      assertEquals(Pooling.CLS, info.pooling());
      assertEquals(512, info.maxSeqLength());
      assertTrue(info.normalize());
      assertEquals("Represent this sentence for searching relevant passages: ", info.prompts().get("query"));
    }
  }

  @Test
  void pullingTheAliasReposIdGetsTheSameFacts() {
    PulledModel model = new HubPuller(HubFixtures.settings(hub, dir), new java.io.PrintWriter(new java.io.StringWriter()))
        .pull(ModelRef.parse("BAAI/bge-small-en-v1.5"));
    assertTrue(Files.isRegularFile(model.folder().resolve("1_Pooling/config.json")));
  }

  @Test
  void allMinilmAliasIsTheBuiltInPackWithoutTheHub() {
    PulledModel model = new HubPuller(HubFixtures.unreachable(dir)).resolve(ModelRef.parse("all-minilm"));
    assertEquals(PackCache.standard().folderOf(BuiltinPack.ALL_MINILM_L6_V2), model.folder());
    assertEquals(0, model.downloadedBytes());
  }
}
