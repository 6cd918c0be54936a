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
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.cli.CollectionCommand;
import dev.embedkit.store.cli.IndexCommand;
import dev.embedkit.store.cli.SearchCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * README's {@code java solr} block, compiled (--release 17, this module's test class path) and run in a child JVM
   * against this cluster (its example ZooKeeper hosts replaced by the cluster's), printing what its {@code // prints:}
   * comments say.
   */
  @Test
  void theReadmeExampleRunsOnSolrCloud(@TempDir Path classes) throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher block = Pattern.compile("```java solr\\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(), "README.md has a ```java solr block");
    String zk = solr.cluster.getZkServer().getZkAddress();
    List<String> imports = new ArrayList<>();
    List<String> body = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (String line : block.group(1).replace("zk1:2181,zk2:2181/solr", zk).split("\n")) {
      (line.startsWith("import ") ? imports : body).add(line);
      Matcher prints = Pattern.compile("//\\s*prints:\\s*(.+)$").matcher(line);
      if (prints.find()) {
        expected.add(prints.group(1).strip());
      }
    }
    assertFalse(expected.isEmpty(), "the block says what it prints");
    Path source = Files.writeString(classes.resolve("SolrReadme.java"), String.join("\n", imports)
        + "\npublic class SolrReadme {\n  public static void main(String[] args) throws Exception {\n"
        + String.join("\n", body) + "\n  }\n}\n");
    java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
    int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, errors, "--release", "17",
        "-proc:none", "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), source.toString());
    assertEquals(0, compiled, errors.toString(StandardCharsets.UTF_8) + Files.readString(source));
    Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-Dembedkit.home=" + dir.resolve("home"), "--enable-native-access=ALL-UNNAMED",
        "-cp", classes + java.io.File.pathSeparator + System.getProperty("java.class.path"), "SolrReadme")
        .redirectError(dir.resolve("stderr.txt").toFile()).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(120, TimeUnit.SECONDS), "the example finishes");
    assertEquals(0, child.exitValue(), Files.readString(dir.resolve("stderr.txt")));
    assertEquals(expected, out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    assertTrue(Files.isRegularFile(dir.resolve("home/collections/docs/backend.json")), "registered at home");
    try (Collection docs = SolrCollections.open(Map.of("zk", zk), "docs", null)) {
      assertEquals(2, docs.count(), "the example's documents are in SolrCloud");
    }
  }

  /** An existing Solr collection is taken over only when embedkit made it with the same settings. */
  @Test
  void createTakesOverOnlyTheSameEmbedkitCollection() throws Exception {
    Map<String, String> where = solr.zk("collection", "taken");
    CollectionConfig eight = CollectionConfig.external("first", 8, dev.embedkit.vector.Metric.COSINE);
    new SolrBackend().create(eight, where, null).close();
    try (Collection again = new SolrBackend().create(CollectionConfig.external("second", 8,
        dev.embedkit.vector.Metric.COSINE), where, null)) {
      assertEquals(0, again.count(), "the same settings: registered again (e.g. in another collections folder)");
    }
    EmbedkitException other = assertThrows(EmbedkitException.class, () -> new SolrBackend().create(
        CollectionConfig.external("third", 8, dev.embedkit.vector.Metric.DOT), where, null));
    assertEquals(ErrorKind.CONFLICT, other.kind(), other.getMessage());
    assertTrue(other.getMessage().startsWith("Solr collection 'taken' already exists with other settings"),
        other.getMessage());
    new SolrBackend().drop(eight, where);
  }

  @Test
  void createIndexSearchInfoDropByNameOnSolr() throws Exception {
    String zk = solr.cluster.getZkServer().getZkAddress();
    String created = run(new CollectionCommand(), "create", "docs", "--backend", "solr", "--zk", zk,
        "--backend-option", "collection=cli_docs", "--shards", "1", "--replicas", "1");
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
