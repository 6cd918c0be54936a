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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embedkit collection create NAME --backend B}: a collection on another engine is registered in the collections
 * folder and then indexed, searched, listed, described and dropped by name like an embedded one. The engine here is the
 * test's {@link FolderBackend} (a real Lucene collection elsewhere); embedkit-solr's tests run the same commands
 * against a SolrCloud cluster.
 */
class CollectionBackendCliTest {
  @TempDir Path dir;

  CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--path");
    all.add(dir.resolve("collections").toString());
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void aBackendCollectionIsUsedByNameLikeAnEmbeddedOne() throws IOException {
    Path remote = dir.resolve("remote");
    CliRun created = run("collection", "create", "docs", "--backend", "folder", "--backend-option", "dir=" + remote);
    assertEquals(0, created.exitCode(), created.stderr());
    assertEquals("created collection 'docs' (all-minilm-l6-v2, 384 dimensions, cosine) at " + remote + "\n",
        created.stdout());
    Path registered = dir.resolve("collections/docs");
    assertTrue(Files.isRegularFile(registered.resolve("backend.json")));
    assertFalse(Files.exists(registered.resolve("index")), "the data lives on the backend, not in the folder");

    assertEquals(0, run("index", "docs", "A man is eating food.", "A man is riding a horse.", "--no-progress")
        .exitCode());
    JsonNode hits = run("search", "docs", "Someone eats", "--top-k", "1", "--fields", "text", "--format", "json").json();
    assertEquals("A man is eating food.", hits.get("results").get(0).get("text").asText(), hits.toString());

    CliRun described = run("collection", "info", "docs", "--format", "json");
    assertEquals(0, described.exitCode(), described.stderr());
    JsonNode info = described.json();
    assertEquals("folder", info.path("backend").asText(), info.toString());
    assertEquals(2, info.get("documents").asLong());
    assertEquals(remote.toAbsolutePath().toString(), info.get("path").asText());
    JsonNode list = run("collection", "list", "--format", "json").json();
    assertEquals(2, list.get("collections").get(0).get("documents").asLong(), list.toString());

    assertOneLineError(run("collection", "create", "docs", "--backend", "folder", "--backend-option",
        "dir=" + dir.resolve("other")), 2, "collection 'docs' already exists");

    CliRun dropped = run("collection", "drop", "docs");
    assertEquals(0, dropped.exitCode(), dropped.stderr());
    assertFalse(Files.exists(remote), "dropped on the backend");
    assertFalse(Files.exists(registered), "and unregistered");
  }

  @Test
  void badBackendSettingsAreOneLineErrors() {
    assertOneLineError(run("collection", "create", "docs", "--backend", "nosuch"), 2,
        "unknown backend 'nosuch'; accepted: embedded, folder");
    assertOneLineError(run("collection", "create", "docs", "--solr", "http://127.0.0.1:1/solr"), 2,
        "the embedded backend takes no location (solr)");
    assertOneLineError(run("collection", "create", "docs", "--backend", "folder", "--backend-option", "dri=x"), 2,
        "unknown folder backend setting 'dri'; accepted: dir");
    assertFalse(Files.exists(dir.resolve("collections/docs")), "nothing registered after a refused create");
  }
}
