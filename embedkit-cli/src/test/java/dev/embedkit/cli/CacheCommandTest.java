package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code embedkit cache list|clear} in a temporary $EMBEDKIT_HOME and Hugging Face cache. */
class CacheCommandTest {
  @TempDir Path dir;
  TempHomes homes;

  @BeforeEach
  void isolate() {
    homes = new TempHomes(dir);
  }

  @AfterEach
  void restore() {
    homes.close();
  }

  private Path write(String relative, int bytes) throws Exception {
    Path file = homes.home.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.write(file, new byte[bytes]);
  }

  /** A hub model folder as ModelOverlay builds it: links into a snapshot of the Hugging Face cache. */
  private Path overlayLinkingInto(Path repo) throws Exception {
    Path overlay = Files.createDirectories(homes.home.resolve("models/tiny/onnx"));
    Path snapshot = repo.resolve("snapshots").resolve(TempHomes.COMMIT);
    Files.createSymbolicLink(overlay.resolve("model.onnx"), overlay.relativize(snapshot.resolve("model.onnx")));
    Files.createSymbolicLink(homes.home.resolve("models/tiny/snapshot"), snapshot); // a link to a folder, too
    Files.writeString(homes.home.resolve("models/tiny/embedkit-overlay.json"), "{\"repo\": \"org/tiny\"}");
    return overlay.getParent();
  }

  @Test
  void listShowsEachCacheWithItsPathEntriesAndSizeAndTheHuggingFaceCacheApart() throws Exception {
    write("packs/a/onnx/model.onnx", 1000);
    write("packs/b/tokenizer.json", 500);
    write("packs/.tmp-c-123/model.onnx", 7); // a leftover counts in the size, not as an entry
    write("eval-cache/all-minilm-l6-v2/key.f32", 40);
    overlayLinkingInto(homes.hubModel("org/tiny", "x".repeat(5000)));

    JsonNode json = CliRun.of("cache", "list", "--format", "json").json();
    assertEquals(homes.home.toString(), json.get("home").asText());
    Map<String, JsonNode> caches = new HashMap<>();
    json.get("caches").forEach(c -> caches.put(c.get("name").asText(), c));
    assertEquals(List.of("packs", "int8", "eval", "djl", "models"),
        json.get("caches").findValuesAsText("name"));
    assertEquals(homes.home.resolve("packs").toString(), caches.get("packs").get("path").asText());
    assertEquals(2, caches.get("packs").get("entries").asInt());
    assertEquals(1507, caches.get("packs").get("sizeBytes").asLong());
    assertEquals(homes.home.resolve("eval-cache").toString(), caches.get("eval").get("path").asText());
    assertEquals(40, caches.get("eval").get("sizeBytes").asLong());
    assertFalse(caches.get("int8").get("exists").asBoolean());
    assertEquals(0, caches.get("int8").get("entries").asInt());
    assertEquals(1, caches.get("models").get("entries").asInt());
    assertEquals(20, caches.get("models").get("sizeBytes").asLong(), "the manifest only: links are not followed");
    assertEquals(1, json.get("huggingFace").get("models").asInt());
    assertEquals(5000, json.get("huggingFace").get("sizeBytes").asLong());

    String table = CliRun.of("cache", "list").stdout();
    List<String> rows = TableAssertions.assertColumnsAligned(table, "CACHE");
    assertEquals(5, rows.size(), "packs, int8, eval, djl, models");
    assertTrue(rows.get(0).matches("packs +" + homes.home.resolve("packs") + " +2 +1\\.5 kB +extracted built-in packs"), rows.get(0));
    assertTrue(table.contains("Hugging Face cache (" + homes.hfCache + "): 1 model, 5.0 kB; 'cache clear' never touches it:"
        + " remove models from it with 'embedkit models rm NAME'."), table);
  }

  @Test
  void clearDeletesLinksButNeverWhatTheyPointAt() throws Exception {
    Path repo = homes.hubModel("org/tiny", "the hub's own bytes");
    Path overlay = overlayLinkingInto(repo);
    CliRun run = CliRun.of("cache", "clear", "models");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("models: removed 1 entry, freed 20 B (" + homes.home.resolve("models") + "); rebuilt from the Hugging"
        + " Face cache on next use, with no download", run.stdout().strip());
    assertFalse(Files.exists(overlay, java.nio.file.LinkOption.NOFOLLOW_LINKS));
    assertEquals("the hub's own bytes", Files.readString(repo.resolve("snapshots").resolve(TempHomes.COMMIT).resolve("model.onnx")));
    try (var left = Files.list(homes.home.resolve("models"))) {
      assertEquals(0, left.count(), "nothing left behind, not even the renamed-away entry");
    }
  }

  @Test
  void clearRemovesOnlyTheNamedCachesAndReportsWhatWasFreed() throws Exception {
    write("packs/all-minilm-l6-v2/onnx/model.onnx", 1000);
    write("eval-cache/m/one.f32", 40);
    write("eval-cache/m/two.f32", 60);
    write("int8/fe8ff61177bf8c9c82ed1e824a1f6b07/model.onnx", 3000);
    CliRun run = CliRun.of("cache", "clear", "eval", "int8");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(List.of(
        "eval: removed 1 entry, freed 100 B (" + homes.home.resolve("eval-cache") + "); recomputed by the next eval run",
        "int8: removed 1 entry, freed 3.0 kB (" + homes.home.resolve("int8") + "); rebuilt on the next --quantize int8 load,"
            + " a few seconds per model",
        "freed 3.1 kB in all"), run.stdout().lines().toList());
    assertTrue(Files.exists(homes.home.resolve("packs/all-minilm-l6-v2/onnx/model.onnx")));
    assertFalse(Files.exists(homes.home.resolve("eval-cache/m")));
  }

  @Test
  void aCacheThatDoesNotExistIsNotAnError() {
    CliRun run = CliRun.of("cache", "clear", "--all");
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().startsWith("packs: nothing to clear (" + homes.home.resolve("packs") + " does not exist)"),
        run.stdout());
    assertTrue(run.stdout().strip().endsWith("freed 0 B in all"), run.stdout());
  }

  @Test
  void unknownOrMissingNamesAreOneLineUsageErrors() {
    assertOneLineError(CliRun.of("cache", "clear", "packs", "hf"), 2, "unknown cache 'hf'; valid caches are: packs, int8,"
        + " eval, djl, models (or --all); the Hugging Face cache is not cleared here: remove models from it with"
        + " 'embedkit models rm NAME'");
    assertOneLineError(CliRun.of("cache", "clear"), 2, "say which caches to clear: packs, int8, eval, djl, models, or --all");
    assertOneLineError(CliRun.of("cache", "clear", "--all", "packs"), 2, "give cache names or --all, not both");
  }

  @Test
  void anotherProcessBuildInProgressIsLeftAloneButOldLeftoversGo() throws Exception {
    Path building = write("packs/.tmp-all-minilm-l6-v2-1234/onnx/model.onnx", 100);
    Path abandoned = write("packs/.tmp-e5-small-v2-5678/onnx/model.onnx", 200);
    Files.setLastModifiedTime(abandoned.getParent().getParent(), FileTime.from(Instant.now().minus(Duration.ofHours(2))));
    Path trash = write("packs/.trash-0000/tokenizer.json", 300);
    CliRun run = CliRun.of("cache", "clear", "packs");
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("packs: removed 0 entries, freed 500 B (" + homes.home.resolve("packs") + "); left 1 in use by another"
        + " process", run.stdout().strip());
    assertTrue(Files.exists(building));
    assertFalse(Files.exists(abandoned.getParent().getParent()));
    assertFalse(Files.exists(trash.getParent()));
  }

  @Test
  void clearLeavesWhatEmbedkitDidNotMake() throws Exception {
    // EMBEDKIT_HOME pointed at a folder that already held the user's own models/ and packs/
    Path mine = write("models/my-finetuned-model/onnx/model.onnx", 700);
    Path notes = write("packs/notes.txt", 10);
    Path evalMine = write("eval-cache/results/table.csv", 20);
    Path overlay = overlayLinkingInto(Files.createDirectories(dir.resolve("hf/models--org--tiny")));
    write("packs/bge-small-en-v1.5/tokenizer.json", 30);
    CliRun run = CliRun.of("cache", "clear", "--all");
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(Files.exists(mine) && Files.exists(notes) && Files.exists(evalMine), "the user's files stay");
    assertFalse(Files.exists(overlay), "embedkit's overlay goes");
    assertFalse(Files.exists(homes.home.resolve("packs/bge-small-en-v1.5")));
    assertTrue(run.stdout().contains("models: removed 1 entry") && run.stdout().contains("left 1 entry that embedkit did not make"),
        run.stdout());
  }

  @Test
  void aCacheFolderThatIsALinkIsClearedWhereItPointsAndTheLinkStays() throws Exception {
    Path elsewhere = Files.createDirectories(dir.resolve("big-disk/packs/e5-small-v2"));
    Files.write(elsewhere.resolve("model.onnx"), new byte[10]);
    Files.createDirectories(homes.home);
    Files.createSymbolicLink(homes.home.resolve("packs"), elsewhere.getParent());
    CliRun run = CliRun.of("cache", "clear", "packs");
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().startsWith("packs: removed 1 entry, freed 10 B"), run.stdout());
    assertTrue(Files.isSymbolicLink(homes.home.resolve("packs")));
    assertFalse(Files.exists(elsewhere));
  }

  @Test
  void aClearedPackIsExtractedAgainOnNextUse() throws Exception {
    PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2_INT8);
    CliRun clear = CliRun.of("cache", "clear", "packs");
    assertTrue(clear.stdout().startsWith("packs: removed 1 entry, freed 2"), clear.stdout());
    assertFalse(PackCache.standard().isCached(BuiltinPack.ALL_MINILM_L6_V2_INT8));
    CliRun embed = CliRun.of("embed", "--model", "all-minilm-l6-v2-int8", "--format", "json", "hello");
    assertEquals(0, embed.exitCode(), embed.stderr());
    assertEquals(384, embed.json().get("dimensions").asInt());
    assertTrue(PackCache.standard().isCached(BuiltinPack.ALL_MINILM_L6_V2_INT8));
  }
}
