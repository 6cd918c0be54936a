package dev.embedkit.spark.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.Embedding;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import dev.embedkit.spark.SparkTestSupport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.Seq;

/** The job's command line run in-process on Spark local[2]: outputs, summary line and one-line errors. */
class SparkEmbedCommandTest {
  private static final Pattern SUMMARY = Pattern.compile(
      "embedded 40 rows \\(2 null or empty texts, null vectors\\) in [0-9.]+ s, [0-9.]+ rows/s -> .*\n");
  private static SparkSession spark;
  private static EmbeddingModel reference;
  private static Path jsonl;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkTestSupport.start("local[2]");
    reference = Embedkit.load("all-minilm-l6-v2");
    jsonl = SparkTestSupport.jsonl(tmp.resolve("docs.jsonl"), SparkTestSupport.texts());
  }

  @AfterAll
  static void stop() {
    if (reference != null) {
      reference.close();
    }
    if (spark != null) {
      spark.stop();
    }
  }

  record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = EmbedkitSpark.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  void jsonlInputGivesParquetWithIdAndTheLibrarysVectors() {
    String output = tmp.resolve("from-jsonl.parquet").toString();
    Result r = run("embed", "--input", jsonl.toString(), "--text-col", "text", "--id-col", "id", "--output", output,
        "--batch-size", "5", "--master", "local[2]");
    assertEquals(0, r.code(), r.err());
    assertTrue(SUMMARY.matcher(r.out()).matches(), r.out());
    Dataset<Row> written = spark.read().parquet(output);
    assertEquals(List.of("id", "vector"), Arrays.asList(written.schema().fieldNames()));
    assertVectorsMatch(written);
  }

  @Test
  void parquetInputWithPartitionsGivesJsonlWithTheLibrarysVectors() {
    String parquet = tmp.resolve("docs.parquet").toString();
    spark.read().json(jsonl.toString()).write().parquet(parquet);
    String output = tmp.resolve("vectors.jsonl").toString();
    Result r = run("embed", "--input", parquet, "--id-col", "id", "--output", output, "--partitions", "3",
        "--vector-col", "embedding");
    assertEquals(0, r.code(), r.err());
    assertTrue(SUMMARY.matcher(r.out()).matches(), r.out());
    Dataset<Row> written = spark.read().schema("id LONG, embedding ARRAY<FLOAT>").json(output)
        .withColumnRenamed("embedding", "vector");
    assertVectorsMatch(written);
  }

  /**
   * The job's vectors equal {@code embedkit embed}'s, float for float: the real CLI (embedkit-cli's jar and class path,
   * built earlier in the same {@code mvn verify}) runs in a child JVM on the same JSONL file.
   */
  @Test
  void vectorsEqualTheCliEmbedCommandsOutput() throws Exception {
    Path cliJar = Path.of("../embedkit-cli/target/embedkit-cli-0.1.0-SNAPSHOT.jar");
    Path cliClassPath = Path.of("../embedkit-cli/target/classpath.txt");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(cliJar) && Files.isRegularFile(cliClassPath),
        "embedkit-cli is not packaged (it is in a whole-project mvn verify, which builds it before this module)");
    List<String> texts = SparkTestSupport.texts().stream().filter(t -> t != null && !t.isEmpty()).toList();
    Path input = SparkTestSupport.jsonl(tmp.resolve("cli-parity.jsonl"), texts);
    Path cliOut = tmp.resolve("cli-parity-cli.jsonl");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "-Xmx1g"));
    if (System.getProperty("embedkit.home") != null) {
      command.add("-Dembedkit.home=" + System.getProperty("embedkit.home"));
    }
    command.addAll(List.of("-cp", cliJar.toAbsolutePath() + java.io.File.pathSeparator
        + Files.readString(cliClassPath).strip(), "dev.embedkit.cli.EmbedkitCli", "embed", "-i", input.toString(),
        "--format", "jsonl", "-o", cliOut.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
    Process cli = builder.start();
    String log = new String(cli.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(cli.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), log);
    assertEquals(0, cli.exitValue(), log);

    String output = tmp.resolve("cli-parity.parquet").toString();
    Result r = run("embed", "--input", input.toString(), "--id-col", "id", "--output", output, "--partitions", "2");
    assertEquals(0, r.code(), r.err());
    java.util.Map<Long, float[]> byId = new java.util.HashMap<>();
    for (Row row : spark.read().parquet(output).collectAsList()) {
      Seq<Object> vector = row.getAs("vector");
      float[] values = new float[vector.size()];
      for (int j = 0; j < values.length; j++) {
        values[j] = (Float) vector.apply(j);
      }
      byId.put(row.<Long>getAs("id"), values);
    }
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<String> lines = Files.readAllLines(cliOut);
    assertEquals(texts.size(), lines.size());
    for (String line : lines) {
      com.fasterxml.jackson.databind.JsonNode node = json.readTree(line);
      com.fasterxml.jackson.databind.JsonNode embedding = node.get("embedding");
      float[] expected = new float[embedding.size()];
      for (int j = 0; j < expected.length; j++) {
        expected[j] = Float.parseFloat(embedding.get(j).asText());
      }
      assertArrayEquals(expected, byId.get(Long.parseLong(node.get("id").asText())), line);
    }
  }

  @Test
  void existingOutputIsRefusedUnlessOverwrite() throws Exception {
    Path output = Files.createDirectories(tmp.resolve("taken.parquet"));
    Files.writeString(output.resolve("keep.txt"), "mine");
    Result r = run("embed", "--input", jsonl.toString(), "--id-col", "id", "--output", output.toString());
    assertEquals(2, r.code());
    assertEquals("embedkit spark: output " + output + " already exists; give --overwrite to replace it\n", r.err());
    assertTrue(Files.exists(output.resolve("keep.txt")));

    Result again = run("embed", "--input", jsonl.toString(), "--id-col", "id", "--output", output.toString(),
        "--overwrite");
    assertEquals(0, again.code(), again.err());
    assertVectorsMatch(spark.read().parquet(output.toString()));
  }

  @Test
  void unwritableOutputIsOneLine() throws Exception {
    Path file = Files.writeString(tmp.resolve("a-file"), "x");
    Result r = run("embed", "--input", jsonl.toString(), "--output", file.resolve("out.parquet").toString());
    assertEquals(2, r.code());
    assertEquals("embedkit spark: cannot write output " + file.resolve("out.parquet") + ": " + file
        + " is not a folder\n", r.err());
  }

  @Test
  void modelThatCannotLoadOnTheExecutorsFailsWithTheModelsMessage() throws Exception {
    Path notAModel = Files.createDirectories(tmp.resolve("not-a-model"));
    Files.writeString(notAModel.resolve("config.json"), "{}");
    EmbedkitException expected = assertThrows(EmbedkitException.class, () -> Embedkit.load(notAModel.toString()));
    Result r = run("embed", "--input", jsonl.toString(), "--id-col", "id", "--model", notAModel.toString(),
        "--output", tmp.resolve("never.parquet").toString());
    assertEquals(expected.kind().exitCode(), r.code(), r.err());
    assertEquals("embedkit spark: " + expected.getMessage() + "\n", r.err());
    assertFalse(r.err().contains("Job aborted"), r.err());
    assertFalse(Files.exists(tmp.resolve("never.parquet")), "a failed job leaves no output folder behind");
  }

  @Test
  void badColumnsAndInputsAreOneLineWithTheChoices() {
    Result text = run("embed", "--input", jsonl.toString(), "--text-col", "body", "--output",
        tmp.resolve("x.parquet").toString());
    assertEquals(2, text.code());
    assertEquals("embedkit spark: input column 'body' does not exist; the columns are [id, text]\n", text.err());

    Result id = run("embed", "--input", jsonl.toString(), "--id-col", "key", "--output",
        tmp.resolve("y.parquet").toString());
    assertEquals(2, id.code());
    assertEquals("embedkit spark: id column 'key' does not exist; the columns are [id, text]\n", id.err());

    Result missing = run("embed", "--input", tmp.resolve("nope.jsonl").toString(), "--output",
        tmp.resolve("z.parquet").toString());
    assertEquals(2, missing.code());
    assertEquals("embedkit spark: input " + tmp.resolve("nope.jsonl") + " does not exist\n", missing.err());

    Result precision = run("embed", "--input", jsonl.toString(), "--precision", "int4", "--output",
        tmp.resolve("w.parquet").toString());
    assertEquals(2, precision.code());
    assertTrue(precision.err().startsWith("embedkit spark: ") && precision.err().contains("float32, int8"),
        precision.err());
    assertEquals(1, precision.err().lines().count());
  }

  private static void assertVectorsMatch(Dataset<Row> written) {
    List<Row> rows = new ArrayList<>(written.collectAsList());
    rows.sort((a, b) -> Long.compare(a.<Long>getAs("id"), b.<Long>getAs("id")));
    List<String> texts = SparkTestSupport.texts();
    assertEquals(texts.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      String text = texts.get(i);
      Seq<Object> vector = rows.get(i).getAs("vector");
      if (text == null || text.isEmpty()) {
        assertNull(vector, "row " + i);
        continue;
      }
      Embedding e = reference.embed(List.of(text)).embeddings().get(0);
      float[] got = new float[vector.size()];
      for (int j = 0; j < got.length; j++) {
        got[j] = (Float) vector.apply(j);
      }
      assertArrayEquals(e.vector(), got, "row " + i);
    }
  }
}
