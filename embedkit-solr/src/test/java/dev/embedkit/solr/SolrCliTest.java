package dev.embedkit.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.store.Collection;
import dev.embedkit.store.cli.CollectionCommand;
import dev.embedkit.store.cli.IndexCommand;
import dev.embedkit.store.cli.SearchCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The collection commands on a SolrCloud-backed collection, as {@code embedkit collection create NAME --backend solr
 * --zk HOSTS} and then {@code index}, {@code search}, {@code collection info|list|drop} by name: the store's own
 * picocli commands, run in this JVM against a real one-node SolrCloud, the backend found through the SPI.
 */
class SolrCliTest {
  static SolrTestCluster solr;
  @TempDir Path dir;

  @BeforeAll
  static void start() throws Exception {
    solr = SolrTestCluster.start(1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (solr != null) {
      solr.close();
    }
  }

  /** Runs a command with --path (this test's collections folder); returns stdout, failing on a non-zero exit. */
  String run(Object command, String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--path");
    all.add(dir.resolve("collections").toString());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true) // as EmbedkitCli runs them
        .setOut(new PrintWriter(out)).setErr(new PrintWriter(err))
        .execute(all.toArray(String[]::new));
    assertEquals(0, code, err.toString());
    return out.toString();
  }

  @Test
  void createIndexSearchInfoDropByNameOnSolr() throws Exception {
    String zk = solr.cluster.getZkServer().getZkAddress();
    String created = run(new CollectionCommand(), "create", "docs", "--backend", "solr", "--zk", zk,
        "--backend-option", "collection=cli_docs");
    assertTrue(created.startsWith("created collection 'docs' (all-minilm-l6-v2, 384 dimensions, cosine) on solr"),
        created);
    assertTrue(Files.isRegularFile(dir.resolve("collections/docs/backend.json")));

    run(new IndexCommand(), "docs", "A man is eating food.", "A man is riding a horse.", "A plane takes off.",
        "--no-progress");
    JsonNode hits = new ObjectMapper().readTree(run(new SearchCommand(), "docs", "Someone eats", "--top-k", "1",
        "--fields", "text", "--format", "json"));
    assertEquals("A man is eating food.", hits.get("results").get(0).get("text").asText(), hits.toString());

    JsonNode info = new ObjectMapper().readTree(run(new CollectionCommand(), "info", "docs", "--format", "json"));
    assertEquals("solr", info.get("backend").asText());
    assertEquals(3, info.get("documents").asLong());
    assertTrue(info.get("path").isNull(), info.toString());

    // Any other process finds it by its Solr name, with its settings (the Spark sink's way in).
    try (Collection byName = SolrCollections.open(Map.of("zk", zk), "cli_docs", null)) {
      assertEquals(3, byName.count());
      assertEquals("docs", byName.config().name());
    }

    run(new CollectionCommand(), "drop", "docs");
    assertFalse(Files.exists(dir.resolve("collections/docs")), "unregistered");
    EmbedkitException gone = assertThrows(EmbedkitException.class,
        () -> SolrCollections.open(Map.of("zk", zk), "cli_docs", null));
    assertEquals(ErrorKind.NOT_FOUND, gone.kind(), gone.getMessage());
  }
}
