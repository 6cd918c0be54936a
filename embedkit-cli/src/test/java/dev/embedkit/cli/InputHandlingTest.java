package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the CLI reads its inputs, names them in errors, and keeps their identity in its outputs. */
class InputHandlingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static JsonNode vectors(String... args) throws IOException {
    CliRun run = CliRun.of(args);
    assertEquals(0, run.exitCode(), run.stderr());
    return run.json().get("embeddings");
  }

  private static List<JsonNode> jsonl(CliRun run) throws IOException {
    assertEquals(0, run.exitCode(), run.stderr());
    List<JsonNode> lines = new ArrayList<>();
    for (String line : run.stdout().split("\n")) {
      lines.add(JSON.readTree(line));
    }
    return lines;
  }

  @Test
  void noTruncateNamesTheInputsOwnLineAndWritesNothing() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 1; i <= 2100; i++) {
      lines.add(i == 2001 ? "word ".repeat(400) : "line " + i);
    }
    Path input = Files.write(dir.resolve("docs.txt"), lines);
    CliRun run = CliRun.of("embed", "--no-truncate", "--format", "jsonl", "-i", input.toString());
    assertOneLineError(run, 2, input + " line 2001 is longer than the model's maximum of 256 tokens; shorten it or allow truncation");
    assertOneLineError(CliRun.of("embed", "--no-truncate", "short", "word ".repeat(400)), 2,
        "argument 2 is longer than the model's maximum of 256 tokens");
  }

  @Test
  void noTruncateOnStdinNamesTheLineToo() {
    String stdin = "short\n\n" + "word ".repeat(400) + "\n";
    CliRun run = withStdin(stdin, "embed", "--no-truncate", "-i", "-");
    assertOneLineError(run, 2, "stdin line 3 is longer than the model's maximum of 256 tokens");
  }

  @Test
  void aLongRunOfWhitespaceDoesNotHideTheTextAfterIt() throws IOException {
    String padded = " ".repeat(26_000) + "hello world";
    JsonNode both = vectors("embed", "--no-truncate", padded, "hello world");
    assertEquals(both.get(1), both.get(0), "26,000 spaces then hello world embeds as hello world");
    CliRun longText = CliRun.of("embed", "word ".repeat(6_000));
    assertEquals(0, longText.exitCode());
    assertEquals(1, longText.json().get("truncated").asInt(), "a text cut before tokenising counts as truncated");
    assertOneLineError(CliRun.of("embed", "--no-truncate", "word ".repeat(6_000)), 2, "argument 1 is longer than");
  }

  @Test
  void aJsonArrayIsReadAsTextsAndAnythingElseIsRefused() throws IOException {
    JsonNode fromArgs = vectors("embed", "first text", "second text");
    Path compact = Files.writeString(dir.resolve("arr.json"), "[\"first text\", \"second text\"]");
    Path pretty = Files.writeString(dir.resolve("pretty.json"), "[\n  \"first text\",\n  \"second text\"\n]\n");
    Path objects = Files.writeString(dir.resolve("objects.json"), "[{\"id\":\"a\",\"text\":\"first text\"},{\"id\":\"b\",\"text\":\"second text\"}]");
    assertEquals(fromArgs, vectors("embed", "-i", compact.toString()));
    assertEquals(fromArgs, vectors("embed", "-i", pretty.toString()));
    CliRun withIds = CliRun.of("embed", "-i", objects.toString());
    assertEquals(fromArgs, withIds.json().get("embeddings"));
    assertEquals("[\"a\",\"b\"]", withIds.json().get("ids").toString());
    Path object = Files.writeString(dir.resolve("object.json"), "{\"text\": \"x\"}");
    assertOneLineError(CliRun.of("embed", "-i", object.toString()), 2,
        object + " holds an object at the top, not an array; a JSON input holds one array of strings");
  }

  @Test
  void blankLinesAreSkippedAndEveryVectorKeepsItsLineNumber() throws IOException {
    Path input = Files.writeString(dir.resolve("in.txt"), "first\n   \n\nsecond\n\t\nthird\n");
    List<JsonNode> out = jsonl(CliRun.of("embed", "--format", "jsonl", "--dimensions", "2", "-i", input.toString()));
    assertEquals(3, out.size(), "whitespace-only lines are not texts");
    assertEquals(List.of(0, 1, 2), out.stream().map(n -> n.get("index").asInt()).toList());
    assertEquals(List.of(1, 4, 6), out.stream().map(n -> n.get("line").asInt()).toList());
    JsonNode json = CliRun.of("embed", "--dimensions", "2", "-i", input.toString()).json();
    assertEquals("[1,4,6]", json.get("lines").toString());
    String[] csv = CliRun.of("embed", "--format", "csv", "--dimensions", "2", "-i", input.toString()).stdout().split("\n");
    assertEquals("index,line,0,1", csv[0]);
    assertTrue(csv[2].startsWith("1,4,"), csv[2]);
  }

  @Test
  void idsFromJsonLinesAndCsvAreKept() throws IOException {
    Path jsonlInput = Files.writeString(dir.resolve("in.jsonl"), "{\"id\":\"doc-7\",\"text\":\"a\"}\n{\"id\":\"doc-9\",\"text\":\"b\"}\n");
    List<JsonNode> out = jsonl(CliRun.of("embed", "--format", "jsonl", "-i", jsonlInput.toString()));
    assertEquals(List.of("doc-7", "doc-9"), out.stream().map(n -> n.get("id").asText()).toList());
    Path csvInput = Files.writeString(dir.resolve("in.csv"), "key,body\nk1,\"a, with a comma\"\nk2,b\n");
    String[] csv = CliRun.of("embed", "--format", "csv", "--dimensions", "2", "-i", csvInput.toString(), "--field", "body",
        "--id-field", "key").stdout().split("\n");
    assertEquals("index,line,id,0,1", csv[0]);
    assertTrue(csv[1].startsWith("0,2,k1,") && csv[2].startsWith("1,3,k2,"), String.join("|", csv));
  }

  @Test
  void aCsvHeaderIsNeverEmbeddedAndColumnsCountFromOne() throws IOException {
    Path csv = Files.writeString(dir.resolve("x.csv"), "id,text\n1,first\n2,second\n");
    JsonNode byNumber = vectors("embed", "-i", csv.toString(), "--field", "2");
    assertEquals(2, byNumber.size(), "the header row text is not a text");
    assertEquals(vectors("embed", "first", "second"), byNumber);
    assertOneLineError(CliRun.of("embed", "-i", csv.toString(), "--field", "0"), 2,
        "--field: column numbers start at 1 (the first column is 1); got 0");
    Path noHeader = Files.writeString(dir.resolve("y.csv"), "first,x\nsecond,y\n");
    assertEquals(vectors("embed", "first", "second"), vectors("embed", "-i", noHeader.toString()));
    assertEquals(1, vectors("embed", "-i", noHeader.toString(), "--header").size());
    Path bad = Files.writeString(dir.resolve("bad.csv"), "text\n\"never closed\n");
    CliRun run = CliRun.of("embed", "-i", bad.toString());
    assertOneLineError(run, 2, bad + " line 2: malformed CSV (");
    assertFalse(run.stderr().contains("org.apache") || run.stderr().contains("Exception"), run.stderr());
  }

  @Test
  void calibrationNeedsEnoughTextsAndAPrecisionItAffects() throws IOException {
    Path one = Files.writeString(dir.resolve("one.txt"), "a single sentence\n");
    assertOneLineError(CliRun.of("embed", "--precision", "int8", "--calibration", one.toString(), "x"), 2,
        "calibration file " + one + " holds 1 text; int8/uint8 ranges need at least 100");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      many.add("calibration sentence number " + i + " about topic " + (i % 7));
    }
    Path enough = Files.write(dir.resolve("many.txt"), many);
    assertOneLineError(CliRun.of("embed", "--calibration", enough.toString(), "x"), 2,
        "--calibration sets the int8/uint8 ranges and has no effect with --precision float32");
    CliRun ok = CliRun.of("embed", "--precision", "int8", "--calibration", enough.toString(), "x", "y");
    assertEquals(0, ok.exitCode(), ok.stderr());
    JsonNode v = ok.json().get("embeddings").get(0);
    long distinct = java.util.stream.StreamSupport.stream(v.spliterator(), false).map(JsonNode::asInt).distinct().count();
    assertTrue(distinct > 20, "values spread over the int8 range, not all -128: " + distinct);
  }

  @Test
  void similarityReadsFilesAndStdinAndAppliesPromptsToRowsAndColumns() throws IOException {
    Path rows = Files.writeString(dir.resolve("rows.txt"), "The weather is lovely today.\n\nIt's so sunny outside!\n");
    JsonNode fromFile = CliRun.of("similarity", "--format", "json", "-i", rows.toString()).json().get("matrix");
    JsonNode fromArgs = CliRun.of("similarity", "--format", "json", "The weather is lovely today.", "It's so sunny outside!")
        .json().get("matrix");
    assertEquals(fromArgs, fromFile);
    CliRun fromStdin = withStdin("The weather is lovely today.\nIt's so sunny outside!\n", "similarity", "--format", "json", "-i", "-");
    assertEquals(fromArgs, fromStdin.json().get("matrix"));

    String query = "Represent this sentence for searching relevant passages: ";
    JsonNode named = CliRun.of("similarity", "--model", "bge-small-en-v1.5", "--format", "json", "--prompt-name", "query",
        "how do solar panels work", "--against", "Photovoltaic cells turn light into electricity.").json().get("matrix");
    JsonNode literal = CliRun.of("similarity", "--model", "bge-small-en-v1.5", "--format", "json", "--prompt", query,
        "how do solar panels work", "--against", "Photovoltaic cells turn light into electricity.").json().get("matrix");
    JsonNode none = CliRun.of("similarity", "--model", "bge-small-en-v1.5", "--format", "json",
        "how do solar panels work", "--against", "Photovoltaic cells turn light into electricity.").json().get("matrix");
    assertEquals(literal, named, "a prompt name gives the prompt's text");
    assertFalse(named.equals(none), "the prompt changes the query's vector");
    assertOneLineError(CliRun.of("similarity", "--prompt-name", "query", "a", "b"), 2,
        "unknown prompt name 'query'; this model's prompts are: (none)");
  }

  @Test
  void aSimilarityMatrixTooLargeToPrintIsRefused() throws IOException {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 5_001; i++) {
      lines.add("text " + i);
    }
    Path input = Files.write(dir.resolve("many.txt"), lines);
    assertOneLineError(CliRun.of("similarity", "-i", input.toString()), 2,
        "a similarity matrix of 25010001 cells is too large (the limit is 25000000");
  }

  @Test
  void stdinIsEmbeddedAsItArrives() throws Exception {
    Process process = ChildCli.builder(Map.of(), List.of(), "embed", "--format", "jsonl", "--dimensions", "2")
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    OutputStream stdin = process.getOutputStream();
    BufferedReader stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    try {
      stdin.write("first text\n".getBytes(StandardCharsets.UTF_8));
      stdin.flush();
      // the first vector arrives while stdin is still open; a CLI that read stdin to its end would never answer
      CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> readLine(stdout));
      String line = first.get(90, TimeUnit.SECONDS);
      assertTrue(line != null && line.startsWith("{\"index\":0,\"line\":1,"), line);
      stdin.write("second text\n".getBytes(StandardCharsets.UTF_8));
      stdin.close();
      assertTrue(stdout.readLine().startsWith("{\"index\":1,\"line\":2,"));
      assertTrue(process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(0, process.exitValue());
    } catch (TimeoutException e) {
      throw new AssertionError("no output while stdin stayed open: stdin is not streamed", e);
    } finally {
      process.destroyForcibly(); // closes the pipes, which ends a read still waiting on them
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aModelFolderWithoutAGraphOrWithABrokenOneIsTheUsersInput() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty-model"));
    assertOneLineError(CliRun.of("embed", "--model", empty.toString(), "x"), 2, "no ONNX file in " + empty);
    Path broken = Files.createDirectories(dir.resolve("broken-model/onnx"));
    Files.writeString(broken.resolve("model.onnx"), "this is not an ONNX graph");
    Path pack = dev.embedkit.model.PackCache.standard().materialize(dev.embedkit.model.BuiltinPack.ALL_MINILM_L6_V2);
    Files.copy(pack.resolve("tokenizer.json"), broken.getParent().resolve("tokenizer.json"));
    assertOneLineError(CliRun.of("embed", "--model", broken.getParent().toString(), "x"), 2, "");
  }

  @Test
  void textOnlyOptionsAreRefusedForImagesAndImageOptionsForTexts() {
    assertOneLineError(CliRun.of("embed", "--recursive", "x"), 2, "--recursive applies to --image inputs");
    assertOneLineError(CliRun.of("embed", "--skip-errors", "x"), 2, "--skip-errors applies to --image inputs");
    assertOneLineError(CliRun.of("embed", "--field", "text", "x"), 2, "--field, --id-field and --input-format describe an input file");
  }

  private static CliRun withStdin(String stdin, String... args) {
    InputStream previous = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      return CliRun.of(args);
    } finally {
      System.setIn(previous);
    }
  }
}
