package dev.embedkit.eval.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The eval command run in-process with the real all-MiniLM-L6-v2 pack on small files. */
class EvalCommandTest {
  @TempDir Path dir;
  StringWriter out;
  StringWriter err;
  CommandLine cli;
  Exception failure;

  /** Runs the command, expecting it to fail with an EmbedkitException. */
  EmbedkitException failing(String... args) {
    assertEquals(1, cli.execute(args));
    return assertInstanceOf(EmbedkitException.class, failure);
  }

  @BeforeEach
  void setUp() throws Exception {
    out = new StringWriter();
    err = new StringWriter();
    cli = new CommandLine(new EvalCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    // picocli cannot rethrow from execute(): keep the exception, as the lead's main maps it to a one-line message
    cli.setExecutionExceptionHandler((e, c, p) -> {
      failure = e;
      return 1;
    });
    Files.writeString(dir.resolve("pairs.csv"), String.join("\n",
        "A man is playing a guitar.,A man plays the guitar.,4.8",
        "A woman is slicing an onion.,A woman cuts an onion.,4.6",
        "A dog runs in the park.,A cat sleeps on the sofa.,0.8",
        "Stocks fell sharply on Monday.,Share prices dropped at the start of the week.,4.0",
        "A child is riding a bike.,The weather is cold today.,0.2",
        "Two men are fighting.,Two men are boxing in a ring.,3.2", ""));
  }

  @Test
  void stsPrintsTheDocumentedJsonForEveryVariant() throws Exception {
    java.time.Instant started = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    int code = cli.execute("sts", "--data", dir.resolve("pairs.csv").toString(), "--precision", "float32,int8,binary",
        "--dimensions", "384,64", "--format", "json", "--no-cache", "--chart", dir.resolve("chart.svg").toString());
    assertEquals(0, code, () -> "failed: " + failure);
    JsonNode root = new ObjectMapper().readTree(out.toString());
    assertEquals("sts", root.get("task").asText());
    assertEquals(6, root.get("results").size());
    JsonNode first = root.get("results").get(0);
    assertEquals("all-minilm-l6-v2", first.get("model").asText());
    assertEquals("float32", first.get("precision").asText());
    assertEquals(384, first.get("dimensions").asInt());
    double spearman = first.get("metrics").get("spearman").asDouble();
    assertTrue(spearman > 50 && spearman <= 100, "x100 scale: " + spearman);
    assertTrue(Files.readString(dir.resolve("chart.svg")).contains("<svg"));
    assertTrue(err.toString().contains("embedding sentences with all-minilm-l6-v2"), "progress on stderr");
    JsonNode kept = newestSavedReport();
    assertEquals(root.get("results"), kept.get("results"), "the web page's copy holds the printed scores");
    assertEquals("spearman", kept.get("main_metric").asText());
    assertFalse(java.time.Instant.parse(kept.get("created").asText()).isBefore(started), "kept by this run: " + kept);
    assertFalse(err.toString().contains("not kept"), err.toString());
  }

  /** The newest report in $EMBEDKIT_HOME/eval-reports (the build's test home). */
  private static JsonNode newestSavedReport() throws Exception {
    try (var files = Files.list(dev.embedkit.model.EmbedkitHome.evalReports())) {
      Path newest = files.filter(p -> p.getFileName().toString().startsWith("sts-"))
          .max(java.util.Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
      return new ObjectMapper().readTree(Files.readString(newest));
    }
  }

  @Test
  void clusteringTheReadmesLabelledCsvSeesItsHeaderAndFourClusters() throws Exception {
    List<String> rows = new java.util.ArrayList<>(List.of("text,label"));
    String[][] topics = {{"sports", "The team won the match", "A goal in the last minute", "The striker scored twice"},
        {"cooking", "Simmer the sauce slowly", "Bake the bread for an hour", "Chop the onions finely"},
        {"weather", "Heavy rain is expected tonight", "A sunny and warm afternoon", "Snow fell across the hills"},
        {"finance", "Shares rose on Monday", "The bank raised interest rates", "Inflation slowed last month"}};
    for (String[] topic : topics) {
      for (int i = 1; i < topic.length; i++) {
        rows.add("\"" + topic[i] + "\"," + topic[0]);
      }
    }
    Path csv = Files.write(dir.resolve("labelled.csv"), rows);
    for (String[] columns : List.of(new String[0], new String[] {"--text-column", "1", "--label-column", "2"},
        new String[] {"--text-column", "text", "--label-column", "label"})) {
      out.getBuffer().setLength(0);
      List<String> args = new java.util.ArrayList<>(List.of("clustering", "--data", csv.toString(), "--no-cache", "-q"));
      args.addAll(List.of(columns));
      assertEquals(0, cli.execute(args.toArray(new String[0])), () -> "failed: " + failure);
      String notes = out.toString();
      assertTrue(notes.contains("texts: 12, clusters (distinct labels): 4"), String.join(" ", columns) + ": " + notes);
    }
    assertTrue(failing("clustering", "--data", csv.toString(), "--text-column", "0").getMessage()
        .contains("column numbers start at 1"));
  }

  @Test
  void aMissingFileIsAOneLineNotFound() {
    EmbedkitException e = failing("sts", "--data", dir.resolve("missing.csv").toString());
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertFalse(e.getMessage().contains("\n"));
    assertEquals("", out.toString(), "no table for a failed run");
  }

  @Test
  void aWrongColumnFailsBeforeAnyTableIsPrinted() {
    EmbedkitException e = failing("sts", "--data", dir.resolve("pairs.csv").toString(), "--score-column", "5");
    assertTrue(e.getMessage().contains("line 1: expected at least 5 columns"), e.getMessage());
    assertEquals("", out.toString());
  }

  @Test
  void tooManyDimensionsFailsWithoutAPartialTable() {
    EmbedkitException e = failing("sts", "--data", dir.resolve("pairs.csv").toString(), "--dimensions", "128,4096", "--no-cache");
    assertTrue(e.getMessage().contains("between 1 and 384"), e.getMessage());
    assertEquals("", out.toString());
  }

  @Test
  void anUnknownPrecisionListsTheValidOnes() {
    EmbedkitException e = failing("sts", "--data", dir.resolve("pairs.csv").toString(), "--precision", "int4");
    assertTrue(e.getMessage().contains("float32, int8, uint8, binary, ubinary"), e.getMessage());
  }

  @Test
  void clusteringAndClassificationRunOnLabelledTexts() throws Exception {
    StringBuilder jsonl = new StringBuilder();
    String[][] groups = {
        {"sports", "The team won the championship game.", "The striker scored a late goal.", "The tennis final went to five sets.",
            "The coach praised the defence after the match."},
        {"cooking", "Simmer the sauce for ten minutes.", "Knead the dough and let it rise.", "Chop the onions and fry them in butter.",
            "Bake the cake at 180 degrees."},
        {"finance", "The central bank raised interest rates.", "Stocks fell on weak earnings.", "Bond yields climbed to a new high.",
            "The company reported record quarterly revenue."}};
    for (String[] g : groups) {
      for (int i = 1; i < g.length; i++) {
        jsonl.append("{\"text\": \"").append(g[i]).append("\", \"label\": \"").append(g[0]).append("\"}\n");
      }
    }
    Path file = dir.resolve("topics.jsonl");
    Files.writeString(file, jsonl.toString());
    assertEquals(0, cli.execute("clustering", "--data", file.toString(), "--format", "json", "--no-cache", "-q"));
    JsonNode clustering = new ObjectMapper().readTree(out.toString());
    assertTrue(clustering.get("results").get(0).get("metrics").get("v_measure").asDouble() > 60, out.toString());
    out.getBuffer().setLength(0);
    assertEquals(0, cli.execute("classification", "--data", file.toString(), "--test-data", file.toString(),
        "--classifier", "knn", "--no-cache", "-q"));
    assertTrue(out.toString().contains("accuracy"), out.toString());
  }
}
