package dev.embedkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end, in-process, on the built-in default model. */
class EmbedkitCliTest {
  static final String[] SENTENCES = {"The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."};

  @TempDir Path dir;

  static void assertOneLineError(CliRun run, int code, String expectedStart) {
    assertEquals(code, run.exitCode(), run.stderr());
    assertTrue(run.stderr().startsWith("embedkit: " + expectedStart), run.stderr());
    assertEquals(1, run.stderr().strip().lines().count(), "one line, no stack trace: " + run.stderr());
    assertEquals("", run.stdout());
  }

  @Test
  void similarityJsonReproducesThePublishedNumbers() throws IOException {
    CliRun run = CliRun.of("similarity", "--format", "json", SENTENCES[0], SENTENCES[1], SENTENCES[2]);
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode json = run.json();
    assertEquals("cosine", json.get("metric").asText());
    JsonNode m = json.get("matrix");
    assertEquals(0.6660, m.get(0).get(1).asDouble(), 5e-5);
    assertEquals(0.1046, m.get(0).get(2).asDouble(), 5e-5);
    assertEquals(0.1411, m.get(1).get(2).asDouble(), 5e-5);
    assertEquals(1.0, m.get(2).get(2).asDouble(), 1e-5);
  }

  @Test
  void quantizeInt8StaysNearThePublishedNumbers() throws IOException {
    CliRun run = CliRun.of("similarity", "--quantize", "int8", "--format", "json", SENTENCES[0], SENTENCES[1], SENTENCES[2]);
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode m = run.json().get("matrix");
    assertEquals(0.6660, m.get(0).get(1).asDouble(), 0.02);
    assertEquals(0.1046, m.get(0).get(2).asDouble(), 0.02);
    assertEquals(0.1411, m.get(1).get(2).asDouble(), 0.02);
    assertTrue(Math.abs(m.get(0).get(1).asDouble() - 0.6660) > 1e-4, "int8 is not the fp32 graph");
  }

  @Test
  void unknownQuantizationIsAOneLineUsageError() {
    assertOneLineError(CliRun.of("embed", "--quantize", "int4", "text"), 2,
        "unknown quantization 'int4'; valid quantizations are: none, int8");
    assertOneLineError(CliRun.of("embed", "--model", "all-minilm-l6-v2-int8", "--quantize", "int8", "text"), 2,
        "all-minilm-l6-v2-int8 is already quantised");
  }

  @Test
  void similarityAgainstGivesRowsByColumnsAndPositiveDistances() throws IOException {
    CliRun run = CliRun.of("similarity", "--format", "json", "--metric", "euclidean", SENTENCES[0], SENTENCES[1],
        "--against", SENTENCES[2]);
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode m = run.json().get("matrix");
    assertEquals(2, m.size());
    assertEquals(1, m.get(0).size());
    assertTrue(m.get(0).get(0).asDouble() > 0);
    CliRun table = CliRun.of("similarity", SENTENCES[0], SENTENCES[1]);
    assertTrue(table.stdout().contains("0.6660"), table.stdout());
  }

  @Test
  void embedJsonHasModelDimensionsAndOneVectorPerText() throws IOException {
    CliRun run = CliRun.of("embed", SENTENCES[0], SENTENCES[1]);
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode json = run.json();
    assertEquals("all-minilm-l6-v2", json.get("model").asText());
    assertEquals(384, json.get("dimensions").asInt());
    assertEquals(2, json.get("embeddings").size());
    assertEquals(384, json.get("embeddings").get(0).size());
  }

  @Test
  void embedFormatsAgreeWithEachOther() throws IOException {
    JsonNode json = CliRun.of("embed", "--dimensions", "8", SENTENCES[0], SENTENCES[1]).json();
    String[] jsonl = CliRun.of("embed", "--dimensions", "8", "--format", "jsonl", SENTENCES[0], SENTENCES[1]).stdout().split("\n");
    String[] csv = CliRun.of("embed", "--dimensions", "8", "--format", "csv", SENTENCES[0], SENTENCES[1]).stdout().split("\n");
    assertEquals(2, jsonl.length);
    assertEquals(3, csv.length, "a header row, then one row per input");
    assertEquals("index,0,1,2,3,4,5,6,7", csv[0]);
    for (int row = 0; row < 2; row++) {
      JsonNode line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(jsonl[row]);
      assertEquals(row, line.get("index").asInt());
      String[] cells = csv[row + 1].split(",");
      assertEquals(String.valueOf(row), cells[0]);
      for (int i = 0; i < 8; i++) {
        double expected = json.get("embeddings").get(row).get(i).asDouble();
        assertEquals(expected, line.get("embedding").get(i).asDouble(), 0);
        assertEquals(expected, Double.parseDouble(cells[i + 1]), 1e-7);
      }
    }
  }

  @Test
  void npyOutputLoadsInNumpy() throws Exception {
    Path out = dir.resolve("vectors.npy");
    CliRun run = CliRun.of("embed", "--format", "npy", "--output", out.toString(), SENTENCES[0], SENTENCES[1], SENTENCES[2]);
    assertEquals(0, run.exitCode(), run.stderr());
    Path python = Path.of("/usr/bin/python3");
    Assumptions.assumeTrue(Files.isExecutable(python), "needs Debian's python3-numpy (.ci/run installs it) to read the .npy back");
    Process p = new ProcessBuilder(python.toString(), "-c",
        "import numpy, sys; a = numpy.load(sys.argv[1]); print(a.shape, a.dtype, round(float(a[0] @ a[1]), 4))", out.toString())
        .redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS));
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    Assumptions.assumeFalse(printed.contains("No module named 'numpy'"), "python3-numpy is not installed");
    assertEquals("(3, 384) float32 0.666", printed);
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(out), files.toList(), "the temporary file was renamed into place");
    }
  }

  @Test
  void int8NpyIsSignedBytes() throws IOException {
    Path out = dir.resolve("q.npy");
    assertEquals(0, CliRun.of("embed", "--precision", "int8", "--format", "npy", "-o", out.toString(), "a").exitCode());
    byte[] bytes = Files.readAllBytes(out);
    String header = new String(bytes, 10, bytes.length - 10 - 384, StandardCharsets.US_ASCII);
    assertTrue(header.contains("'descr': '|i1'") && header.contains("'shape': (1, 384)"), header);
    assertEquals(0, (bytes.length - 384) % 64, "data starts on a 64-byte boundary");
  }

  @Test
  void inputFilesAsLinesJsonlAndCsv() throws IOException {
    Path lines = Files.writeString(dir.resolve("in.txt"), "first\n\nsecond\r\n");
    Path jsonl = Files.writeString(dir.resolve("in.jsonl"), "{\"text\":\"first\"}\n\"second\"\n");
    Path csv = Files.writeString(dir.resolve("in.csv"), "id,text\n1,first\n2,\"second\"\n");
    JsonNode fromLines = CliRun.of("embed", "--input", lines.toString()).json().get("embeddings");
    JsonNode fromJsonl = CliRun.of("embed", "--input", jsonl.toString()).json().get("embeddings");
    JsonNode fromCsv = CliRun.of("embed", "--input", csv.toString()).json().get("embeddings");
    assertEquals(2, fromLines.size());
    assertEquals(fromLines, fromJsonl);
    assertEquals(fromLines, fromCsv);
  }

  @Test
  void invalidUtf8NamesTheLine() throws IOException {
    Path bad = dir.resolve("bad.txt");
    Files.write(bad, new byte[] {'o', 'k', '\n', (byte) 0xff, (byte) 0xfe, '\n'});
    assertOneLineError(CliRun.of("embed", "--input", bad.toString()), 2, bad + " line 2 is not valid UTF-8");
  }

  @Test
  void badJsonlNamesTheLine() throws IOException {
    Path bad = Files.writeString(dir.resolve("bad.jsonl"), "{\"text\":\"a\"}\n{\"body\":\"b\"}\n");
    assertOneLineError(CliRun.of("embed", "--input", bad.toString()), 2, bad + " line 2 has no \"text\" field");
  }

  @Test
  void badInputsGiveOneLineAndExitCode2() {
    assertOneLineError(CliRun.of("embed", "--input", dir.resolve("missing.txt").toString()), 2, "input file");
    assertOneLineError(CliRun.of("embed", "--model", "nope", "x"), 2, "unknown model 'nope'; available models are: all-minilm-l6-v2");
    assertOneLineError(CliRun.of("embed", "--dimensions", "1000", "x"), 2, "dimensions must be between 1 and 384");
    assertOneLineError(CliRun.of("embed", "--precision", "int4", "x"), 2, "unknown precision 'int4'; valid precisions are:");
    assertOneLineError(CliRun.of("similarity", "--metric", "jaccard", "a", "b"), 2, "unknown metric 'jaccard'; valid metrics are:");
    assertOneLineError(CliRun.of("embed", "--format", "xml", "x"), 2, "Invalid value for option '--format'");
    assertOneLineError(CliRun.of("embed", "--prompt", "a", "--prompt-name", "b", "x"), 2, "Error: --prompt");
    assertOneLineError(CliRun.of("embed", "--prompt-name", "query", "x"), 2, "unknown prompt name 'query'; this model's prompts are: (none)");
    assertOneLineError(CliRun.of("frobnicate"), 2, "Unmatched argument");
  }

  @Test
  void emptyFileIsAnErrorNotAnEmptyResult() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "\n\n");
    assertOneLineError(CliRun.of("embed", "--input", empty.toString()), 2, "input file " + empty + " holds no texts");
  }

  @Test
  void truncationIsReportedOnStderr() throws IOException {
    CliRun run = CliRun.of("embed", "short", "word ".repeat(500));
    assertEquals(0, run.exitCode());
    assertTrue(run.stderr().contains("1 of 2 inputs were longer than 256 tokens and were truncated"), run.stderr());
    assertEquals(1, run.json().get("truncated").asInt());
  }

  @Test
  void longInputsShowProgressOnStderrOnly() throws IOException {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      texts.add("sentence number " + i);
    }
    Path input = Files.write(dir.resolve("many.txt"), texts);
    CliRun run = CliRun.of("embed", "--format", "jsonl", "--input", input.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertEquals(300, run.stdout().lines().count());
    assertTrue(run.stderr().contains("embedded: 300 texts in"), run.stderr());
    assertTrue(run.stdout().lines().allMatch(l -> l.startsWith("{\"index\":")));
  }

  @Test
  void modelsListJsonNamesEveryPackWithItsFacts() throws IOException {
    JsonNode models = CliRun.of("models", "list", "--format", "json").json().get("models");
    assertEquals(6, models.size());
    JsonNode minilm = models.get(0);
    assertEquals("all-minilm-l6-v2", minilm.get("name").asText());
    assertEquals(384, minilm.get("dimensions").asInt());
    assertEquals("fp32", minilm.get("precision").asText());
    assertEquals(256, minilm.get("maxTokens").asInt());
    assertEquals("int8", models.get(1).get("precision").asText());
    assertEquals("query: ", models.get(4).get("prompts").get("query").asText());
  }

  @Test
  void modelsInfoShowsTheOnnxSignatureAndCache() throws IOException {
    JsonNode info = CliRun.of("models", "info", "all-minilm-l6-v2-int8", "--format", "json").json();
    assertEquals("int8", info.get("precision").asText());
    assertEquals("mean", info.get("pooling").asText());
    assertTrue(info.get("onnx").asText().contains("input_ids"), info.toString());
    assertFalse(info.get("folder").asText().isEmpty());
  }
}
