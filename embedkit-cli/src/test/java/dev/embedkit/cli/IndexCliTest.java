package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import dev.embedkit.progress.ProgressMode;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.LuceneCollection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code embedkit index}: what it writes, its progress bar, and the inputs it refuses. */
class IndexCliTest {
  @TempDir Path dir;

  CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--path");
    all.add(collections().toString());
    return CliRun.of(all.toArray(String[]::new));
  }

  Path collections() {
    return dir.resolve("collections");
  }

  @BeforeEach
  void create() {
    assertEquals(0, run("collection", "create", "docs").exitCode());
  }

  long documents() throws IOException {
    return run("collection", "info", "docs", "--format", "json").json().get("documents").asLong();
  }

  @Test
  void textsAreDocumentsIdentifiedByTheirContent() throws IOException {
    CliRun first = run("index", "docs", "Cats sleep a lot.", "Dogs bark.", "Cats sleep a lot.");
    assertEquals(0, first.exitCode(), first.stderr());
    assertEquals("", first.stderr(), "no progress bar for less than a batch");
    assertEquals("indexed 2 documents into 'docs'; it holds 2\n", first.stdout(), "a text given twice is one document");
    CliRun again = run("index", "docs", "Dogs bark.", "Birds sing.", "--no-progress");
    assertEquals("indexed 2 documents into 'docs'; it holds 3\n", again.stdout(), "the same text replaces itself");
    assertEquals(3, documents());
  }

  @Test
  void progressGoesToStderrOnlyAndCanBeTurnedOff() throws IOException {
    List<String> args = new ArrayList<>(List.of("index", "docs"));
    for (int i = 0; i < 150; i++) {
      args.add("sentence number " + i + " about nothing in particular");
    }
    String previous = System.getProperty(ProgressMode.STDERR_TERMINAL_PROPERTY);
    System.setProperty(ProgressMode.STDERR_TERMINAL_PROPERTY, "false");
    try {
      CliRun shown = run(args.toArray(String[]::new));
      assertEquals(0, shown.exitCode(), shown.stderr());
      assertTrue(shown.stderr().contains("indexed") && shown.stderr().contains("150"), shown.stderr());
      assertEquals("indexed 150 documents into 'docs'; it holds 150\n", shown.stdout());
      args.add("--no-progress");
      CliRun quiet = run(args.toArray(String[]::new));
      assertEquals("", quiet.stderr());
    } finally {
      if (previous == null) {
        System.clearProperty(ProgressMode.STDERR_TERMINAL_PROPERTY);
      } else {
        System.setProperty(ProgressMode.STDERR_TERMINAL_PROPERTY, previous);
      }
    }
    assertEquals(150, documents());
  }

  @Test
  void aCollectionBeingWrittenElsewhereRefusesWritesButStillAnswersSearches() throws IOException {
    assertEquals(0, run("index", "docs", "Cats sleep a lot.", "--no-progress").exitCode());
    try (EmbeddingModel model = Embedkit.load("all-minilm-l6-v2");
        LuceneCollection writer = new EmbeddedCollections(collections(), name -> model).open("docs")) {
      assertOneLineError(run("index", "docs", "Dogs bark.", "--no-progress"), 2,
          "collection 'docs' is open for writing in another process");
      assertOneLineError(run("collection", "drop", "docs"), 2, "collection 'docs' is open for writing");
      CliRun search = run("search", "docs", "kittens", "--format", "json");
      assertEquals(0, search.exitCode(), search.stderr());
      assertEquals("Cats sleep a lot.", search.json().get("results").get(0).get("text").asText());
      assertEquals(1, writer.count());
    }
  }

  @Test
  void badIndexInputsGiveOneLineAndExitCode2() {
    assertOneLineError(run("index", "docs"), 2,
        "nothing to index: give TEXT arguments, --input FILE|DIR or --image DIR");
    assertOneLineError(run("index", "docs", "text", "--input", dir.toString()), 2,
        "give one of TEXT arguments, --input and --image");
    assertOneLineError(run("index", "docs", "fine", "  "), 2, "TEXT 2 is empty; every document needs some text");
    assertOneLineError(run("index", "docs", "text", "--model", "all-minilm-l6-v2-int8"), 2,
        "collection 'docs' records its model, all-minilm-l6-v2; --model all-minilm-l6-v2-int8 is a different model");
    assertOneLineError(run("index", "Bad Name", "text"), 2, "invalid collection name 'Bad Name'");
    assertOneLineError(run("index", "nope", "text"), 2, "no collection 'nope'; collections: docs");
  }

  @Test
  void lucenesVectorNoticeStaysOffStderr() throws Exception {
    // the JVM's own "Using incubator modules" line is the only one allowed: it comes before any code runs
    String path = collections().toString();
    List<String> options = List.of("--add-modules", "jdk.incubator.vector");
    for (String[] args : List.of(new String[] {"index", "docs", "A text.", "--no-progress", "--path", path},
        new String[] {"search", "docs", "text", "--path", path})) {
      Process process = ChildCli.builder(Map.of(), options, args).start();
      String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      process.getInputStream().readAllBytes();
      assertEquals(0, process.waitFor(), err);
      assertEquals(List.of(), err.lines().filter(l -> !l.startsWith("WARNING: Using incubator modules")).toList());
    }
  }
}
