package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code embedkit collection create|list|info|compact|drop}, in-process on all-minilm-l6-v2, in a temporary folder. */
class CollectionCliTest {
  @TempDir Path dir;

  /** Runs the CLI with {@code --path} (the collections folder of this test) after the arguments. */
  CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--path");
    all.add(dir.resolve("collections").toString());
    return CliRun.of(all.toArray(String[]::new));
  }

  static void assertOk(CliRun run) {
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals("", run.stderr(), "nothing on stderr");
  }

  @Test
  void createIndexInfoListCompactDrop() throws IOException {
    CliRun created = run("collection", "create", "docs");
    assertOk(created);
    Path folder = dir.resolve("collections/docs");
    assertEquals("created collection 'docs' (all-minilm-l6-v2, 384 dimensions, cosine) at " + folder + "\n",
        created.stdout());
    assertTrue(Files.isRegularFile(folder.resolve("collection.json")));

    JsonNode empty = run("collection", "info", "docs", "--format", "json").json();
    assertEquals("all-minilm-l6-v2", empty.get("model").asText());
    assertEquals(384, empty.get("dimensions").asInt());
    assertEquals(0, empty.get("documents").asLong());

    for (int i = 0; i < 3; i++) { // three commits, three segments at least
      assertOk(run("index", "docs", "text number " + i, "another text " + i, "--no-progress"));
    }
    assertOk(run("index", "docs", "text number 0", "--no-progress")); // the same text again: replaced, not added
    JsonNode info = run("collection", "info", "docs", "--format", "json").json();
    assertEquals(6, info.get("documents").asLong());
    assertEquals(folder.toAbsolutePath().toString(), info.get("path").asText());
    assertTrue(info.get("segments").asInt() > 1, info.toString());

    CliRun table = run("collection", "info", "docs");
    assertOk(table);
    List<String> rows = TableAssertions.assertColumnsAligned(table.stdout(), "PROPERTY");
    assertTrue(rows.stream().anyMatch(r -> r.matches("documents\\s+6")), table.stdout());

    CliRun compacted = run("collection", "compact", "docs");
    assertOk(compacted);
    assertTrue(compacted.stdout().startsWith("compacted collection 'docs': " + info.get("segments").asInt()
        + " segments -> 1,"), compacted.stdout());
    JsonNode after = run("collection", "info", "docs", "--format", "json").json();
    assertEquals(1, after.get("segments").asInt());
    assertEquals(6, after.get("documents").asLong());

    assertOk(run("collection", "create", "other"));
    CliRun list = run("collection", "list");
    assertOk(list);
    List<String> listed = TableAssertions.assertColumnsAligned(list.stdout(), "NAME");
    assertEquals(2, listed.size(), list.stdout());
    assertTrue(listed.get(0).matches("docs\\s+all-minilm-l6-v2\\s+384\\s+cosine\\s+6\\s+6\\s+.*"), listed.get(0));
    assertTrue(listed.get(1).startsWith("other "), listed.get(1));
    JsonNode json = run("collection", "list", "--format", "json").json();
    assertEquals(List.of("docs", "other"), names(json.get("collections")));
    assertEquals(6, json.get("collections").get(0).get("documents").asLong());

    CliRun dropped = run("collection", "drop", "docs");
    assertOk(dropped);
    assertEquals("dropped collection 'docs' (" + folder + ")\n", dropped.stdout());
    assertFalse(Files.exists(folder));
    assertEquals(List.of("other"), names(run("collection", "list", "--format", "json").json().get("collections")));
    assertOneLineError(run("collection", "info", "docs"), 2, "no collection 'docs'; collections: other");
  }

  private static List<String> names(JsonNode collections) {
    List<String> names = new ArrayList<>();
    collections.forEach(c -> names.add(c.get("name").asText()));
    return names;
  }

  @Test
  void collectionsLiveUnderEmbedkitHomeByDefault() throws IOException {
    try (TempHomes homes = new TempHomes(dir)) {
      CliRun created = CliRun.of("collection", "create", "notes");
      assertOk(created);
      assertTrue(Files.isRegularFile(homes.home.resolve("collections/notes/collection.json")), created.stdout());
      CliRun list = CliRun.of("collection", "list", "--format", "json");
      assertEquals("notes", list.json().get("collections").get(0).get("name").asText());
      assertOk(CliRun.of("collection", "drop", "notes"));
      CliRun none = CliRun.of("collection", "list");
      assertEquals("no collections in " + homes.home.resolve("collections")
          + "; create one with 'embedkit collection create NAME'\n", none.stdout());
    }
  }

  @Test
  void externalVectorCollectionsHaveNoModel() throws IOException {
    assertOk(run("collection", "create", "vectors", "--dimensions", "8", "--similarity", "dot"));
    JsonNode info = run("collection", "info", "vectors", "--format", "json").json();
    assertTrue(info.get("model").isNull());
    assertEquals(8, info.get("dimensions").asInt());
    assertEquals("dot", info.get("similarity").asText());
    assertOneLineError(run("collection", "create", "both", "--dimensions", "8", "--model", "all-minilm-l6-v2"), 2,
        "give --model (its vectors set the dimensions) or --dimensions (external vectors), not both");
    Path vectors = Files.createTempFile("vectors", ".jsonl");
    Files.writeString(vectors, "{\"id\": \"a\", \"vector\": [1, 0, 0, 0, 0, 0, 0, 0]}\n"
        + "{\"id\": \"b\", \"vector\": [0, 1, 0, 0, 0, 0, 0, 0.5]}\n"
        + "{\"id\": \"c\", \"vector\": [0, 0, 2, 0, 0, 0, 0, 0]}\n");
    assertOk(run("index", "vectors", "-i", vectors.toString()));
    JsonNode hits = run("search", "vectors", "--vector", "[0.1, 0.9, 0, 0, 0, 0, 0, 1]", "--format", "json").json();
    assertEquals("b", hits.get("results").get(0).get("id").asText());
    assertEquals(0.9f + 0.5f, (float) hits.get("results").get(0).get("score").asDouble(), 1e-6f);
    assertOneLineError(run("search", "vectors", "--vector", "[1, 0]"), 2, "the query has a vector of 2 dimensions");
    assertOneLineError(run("search", "vectors", "--vector", "[1, null]"), 2, "--vector holds null at index 1");
    assertOneLineError(run("search", "vectors", "some words"), 2, "collection 'vectors' holds external vectors");
    Files.delete(vectors);
  }

  @Test
  void settingsAreRecorded() throws IOException {
    assertOk(run("collection", "create", "tuned", "--hnsw-m", "8", "--hnsw-beam-width", "50", "--quantization",
        "int7", "--chunk-tokens", "128", "--chunk-overlap", "16", "--analyzer", "standard"));
    JsonNode info = run("collection", "info", "tuned", "--format", "json").json();
    Map<String, String> expected = Map.of("hnswM", "8", "hnswBeamWidth", "50", "quantization", "int7",
        "chunkTokens", "128", "chunkOverlap", "16", "analyzer", "standard");
    expected.forEach((key, value) -> assertEquals(value, info.get(key).asText(), key));
  }

  @Test
  void badCreateInputsGiveOneLineAndExitCode2() {
    assertOneLineError(run("collection", "create", "../escape"), 2, "invalid collection name '../escape'; accepted:"
        + " 1 to 64 chars of letters, digits, '_', '-' and '.', starting with a letter, digit or '_'");
    assertOneLineError(run("collection", "create", "a".repeat(65)), 2, "invalid collection name 'aaaa");
    assertOneLineError(run("collection", "create", "m", "--similarity", "manhattan"), 2,
        "a collection cannot use manhattan similarity");
    assertOneLineError(run("collection", "create", "q", "--quantization", "int3"), 2, "unknown quantization 'int3'");
    assertOneLineError(run("collection", "create", "h", "--hnsw-m", "1"), 2, "hnsw m is 1; accepted: 2 to 512");
    assertOneLineError(run("collection", "create", "c", "--chunk-tokens", "64", "--chunk-overlap", "32"), 2,
        "chunk overlap 32 must be less than half the chunk size 64");
    assertOneLineError(run("collection", "create", "x", "--model", "no-such-model"), 2, "");
    assertFalse(Files.exists(dir.resolve("collections/x")), "a failed create leaves no folder");
    assertOk(run("collection", "create", "twice"));
    assertOneLineError(run("collection", "create", "twice"), 2, "collection 'twice' already exists");
  }

  @Test
  void unknownCollectionsListTheOnesThereAre() {
    assertOneLineError(run("collection", "info", "nothing"), 2, "no collection 'nothing' (there are none yet in "
        + dir.resolve("collections") + "; create one with `embedkit collection create`)");
    assertOk(run("collection", "create", "alpha"));
    assertOk(run("collection", "create", "beta"));
    String expected = "no collection 'gamma'; collections: alpha, beta";
    assertOneLineError(run("collection", "info", "gamma"), 2, expected);
    assertOneLineError(run("collection", "drop", "gamma"), 2, expected);
    assertOneLineError(run("collection", "compact", "gamma"), 2, expected);
    assertOneLineError(run("search", "gamma", "a query"), 2, expected);
    assertOneLineError(run("index", "gamma", "a text"), 2, expected);
    assertOneLineError(run("collection", "info", "bad/name"), 2, "invalid collection name 'bad/name'");
  }
}
