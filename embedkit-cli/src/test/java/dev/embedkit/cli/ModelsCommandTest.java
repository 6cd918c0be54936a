package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import dev.embedkit.progress.ByteSize;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embedkit models list / rm} keep two things apart: a model in the Hugging Face cache, and the extracted copy
 * of a built-in pack of the same model. Runs in a temporary $EMBEDKIT_HOME and Hugging Face cache.
 */
class ModelsCommandTest {
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

  @Test
  void rmTellsAHubModelFromTheBuiltInPackOfTheSameModel() throws Exception {
    Path pack = PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2);
    Path repo = homes.hubModel("sentence-transformers/all-MiniLM-L6-v2", "not really a graph");

    // A repo id names the Hugging Face cache's copy (in any case, as the hub treats ids), never the built-in pack.
    CliRun hub = CliRun.of("models", "rm", "sentence-transformers/all-minilm-l6-v2");
    assertEquals(0, hub.exitCode(), hub.stderr());
    assertEquals("removed sentence-transformers/all-MiniLM-L6-v2 from the Hugging Face cache (1 snapshot, 1 blob file,"
        + " 18 B at " + repo + ")", hub.stdout().strip());
    assertFalse(Files.exists(repo));
    assertTrue(PackCache.standard().isCached(BuiltinPack.ALL_MINILM_L6_V2), "the built-in pack's copy stays");

    CliRun builtIn = CliRun.of("models", "rm", "all-minilm-l6-v2");
    assertEquals(0, builtIn.exitCode(), builtIn.stderr());
    assertTrue(builtIn.stdout().strip().matches("removed the extracted copy of built-in pack all-minilm-l6-v2 \\(9\\d\\.\\d MB at "
        + java.util.regex.Pattern.quote(pack.toString()) + "\\); it is extracted again from its jar on next use"), builtIn.stdout());
    assertFalse(Files.exists(pack));
  }

  @Test
  void rmOfSomethingNotThereListsEverythingItCouldRemove() throws Exception {
    assertOneLineError(CliRun.of("models", "rm", "org/not-here"), 2, "org/not-here is not in the Hugging Face cache;"
        + " nothing can be removed: the Hugging Face cache at " + homes.hfCache + " holds no models and no built-in pack"
        + " is extracted under " + homes.home.resolve("packs"));

    homes.hubModel("org/tiny-model", "x");
    homes.hubModel("mixedbread-ai/mxbai-embed-large-v1", "y");
    PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2_INT8);
    String removable = "what can be removed: hub models mixedbread-ai/mxbai-embed-large-v1 (mxbai-embed-large),"
        + " org/tiny-model (Hugging Face cache at " + homes.hfCache + "); extracted built-in packs all-minilm-l6-v2-int8"
        + " (under " + homes.home.resolve("packs") + ")";
    assertOneLineError(CliRun.of("models", "rm", "org/not-here"), 2, "org/not-here is not in the Hugging Face cache; " + removable);
    assertOneLineError(CliRun.of("models", "rm", "all-minilm-l6-v2"), 2,
        "all-minilm-l6-v2 is a built-in pack that is not extracted, so there is nothing to remove; " + removable);
    assertOneLineError(CliRun.of("models", "rm", "no such thing"), 2,
        "'no such thing' is neither a model in the Hugging Face cache nor a built-in pack; " + removable);
    assertOneLineError(CliRun.of("models", "rm", "nope"), 2,
        "'nope' is not a built-in pack, an alias or a model in the Hugging Face cache; " + removable);
  }

  @Test
  void remoteMarksCachedOnlyWhatTheHuggingFaceCacheHoldsAndShowsBuiltInPacksApart() throws Exception {
    PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2);
    homes.hubModel("BAAI/bge-base-en-v1.5", "z");
    Map<String, JsonNode> byAlias = new HashMap<>();
    CliRun.of("models", "list", "--remote", "--format", "json").json().get("models")
        .forEach(m -> byAlias.put(m.get("alias").asText(), m));

    JsonNode minilm = byAlias.get("all-minilm");
    assertFalse(minilm.get("cached").asBoolean(), "the Hugging Face cache is empty for it: " + minilm);
    assertEquals("all-minilm-l6-v2", minilm.get("builtInPack").asText());
    assertTrue(minilm.get("builtInExtracted").asBoolean());
    assertTrue(byAlias.get("bge-base").get("cached").asBoolean());
    assertTrue(byAlias.get("bge-base").get("builtInPack").isNull());
    assertEquals("bge-small-en-v1.5", byAlias.get("bge-small").get("builtInPack").asText(), "same model as the pack");
    assertFalse(byAlias.get("bge-small").get("builtInExtracted").asBoolean());

    List<String> rows = TableAssertions.assertColumnsAligned(CliRun.of("models", "list", "--remote").stdout(), "ALIAS");
    assertTrue(rows.get(0).matches("all-minilm +sentence-transformers/all-MiniLM-L6-v2 .* no +all-minilm-l6-v2 \\(extracted\\)"),
        rows.get(0));

    JsonNode packs = CliRun.of("models", "list", "--format", "json").json().get("models");
    assertTrue(packs.get(0).get("extracted").asBoolean());
    assertFalse(packs.get(1).get("extracted").asBoolean());
    assertNull(packs.get(0).get("cached"), "packs are extracted, not cached: one word for one thing");
  }

  @Test
  void everyTableLinesUpItsColumnsInEveryRow() throws Exception {
    homes.hubModel("some-organisation-with-a-long-name/a-model-with-an-even-longer-name-than-that", "w");
    homes.hubModel("BAAI/bge-base-en-v1.5", "v");
    String list = CliRun.of("models", "list").stdout();
    assertEquals(BuiltinPack.values().length, TableAssertions.assertColumnsAligned(list, "NAME").size());
    List<String> hub = TableAssertions.assertColumnsAligned(list, "REPO");
    assertEquals(2, hub.size());
    assertTrue(hub.get(0).contains(ByteSize.human(1)), hub.get(0));
    List<String> remote = TableAssertions.assertColumnsAligned(CliRun.of("models", "list", "--remote").stdout(), "ALIAS");
    assertTrue(remote.stream().anyMatch(r -> r.startsWith("clip ") && r.contains("image+text")), String.join("\n", remote));
    assertTrue(remote.stream().anyMatch(r -> r.startsWith("imgbeddings ") && r.contains("attention-weighted")));
  }
}
