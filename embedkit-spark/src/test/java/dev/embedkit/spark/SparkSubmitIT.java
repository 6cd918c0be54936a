package dev.embedkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.Seq;

/**
 * The shaded jar run as a cluster runs it: {@code org.apache.spark.deploy.SparkSubmit --master local[2] --class
 * dev.embedkit.spark.cli.EmbedkitSpark embedkit-spark-VERSION-spark.jar embed ...} in a child JVM whose class path is
 * Spark's jars only (no embedkit classes but the shaded jar's).
 */
class SparkSubmitIT {
  @TempDir Path tmp;

  record Run(int code, String out, String err) {}

  @Test
  void sparkSubmitEmbedsJsonlIntoParquetWithTheLibrarysVectors() throws Exception {
    Path input = SparkTestSupport.jsonl(tmp.resolve("docs.jsonl"), SparkTestSupport.texts());
    Path output = tmp.resolve("vectors.parquet");
    Run run = submit("embed", "--input", input.toString(), "--text-col", "text", "--id-col", "id", "--output",
        output.toString(), "--batch-size", "8");
    assertEquals(0, run.code(), run.err());
    assertTrue(run.out().contains("embedded 40 rows (2 null or empty texts, null vectors)"), run.out());

    SparkSession spark = SparkTestSupport.start("local[1]");
    try (EmbeddingModel model = Embedkit.load("all-minilm-l6-v2")) {
      List<Row> rows = new ArrayList<>(spark.read().parquet(output.toString()).collectAsList());
      rows.sort((a, b) -> Long.compare(a.<Long>getAs("id"), b.<Long>getAs("id")));
      List<String> texts = SparkTestSupport.texts();
      assertEquals(texts.size(), rows.size());
      for (int i = 0; i < texts.size(); i++) {
        Seq<Object> vector = rows.get(i).getAs("vector");
        if (texts.get(i) == null || texts.get(i).isEmpty()) {
          assertNull(vector);
          continue;
        }
        float[] got = new float[vector.size()];
        for (int j = 0; j < got.length; j++) {
          got[j] = (Float) vector.apply(j);
        }
        assertArrayEquals(model.embed(texts.get(i)), got, "row " + i);
      }
    } finally {
      spark.stop();
    }
  }

  @Test
  void aModelThatCannotLoadOnTheExecutorsEndsWithItsOneLineMessage() throws Exception {
    Path input = SparkTestSupport.jsonl(tmp.resolve("docs.jsonl"), SparkTestSupport.texts());
    Path notAModel = Files.createDirectories(tmp.resolve("not-a-model"));
    String expected;
    try {
      Embedkit.load(notAModel.toString()).close();
      throw new AssertionError("an empty folder loaded as a model");
    } catch (EmbedkitException e) {
      expected = e.getMessage();
    }
    Run run = submit("embed", "--input", input.toString(), "--model", notAModel.toString(), "--output",
        tmp.resolve("never.parquet").toString());
    assertEquals(2, run.code(), run.err());
    List<String> ours = run.err().lines().filter(l -> l.startsWith("embedkit spark: ")).toList();
    assertEquals(List.of("embedkit spark: " + expected), ours);
  }

  private Run submit(String... args) throws Exception {
    String jar = System.getProperty("embedkit.spark.jar");
    assertTrue(jar != null && Files.isRegularFile(Path.of(jar)), "the shaded jar is built by mvn package: " + jar);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String option : System.getProperty("embedkit.spark.moduleOptions").trim().split("\\s+")) {
      if (!option.startsWith("-Xmx")) {
        command.add(option);
      }
    }
    command.addAll(List.of("-Xmx1g", "-Dembedkit.home=" + System.getProperty("embedkit.home"),
        "-cp", sparkClassPath(), "org.apache.spark.deploy.SparkSubmit",
        "--master", "local[2]",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.ui.showConsoleProgress=false",
        "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
        "--class", "dev.embedkit.spark.cli.EmbedkitSpark", jar));
    command.addAll(Arrays.asList(args));
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectOutput(tmp.resolve("out.txt").toFile())
        .redirectError(tmp.resolve("err.txt").toFile());
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = builder.start();
    if (!process.waitFor(4, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("spark-submit did not finish in 4 minutes");
    }
    return new Run(process.exitValue(), Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
        Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
  }

  /**
   * A Spark installation's jars: the test class path's jars without embedkit's own modules and the libraries only
   * embedkit uses (those must come from the shaded jar, as on a cluster). Spark's dependencies that Maven counts as
   * embedkit's too (Jackson, SLF4J, commons-io...) stay, as a Spark distribution has them.
   */
  static String sparkClassPath() {
    List<String> embedkitOnly = List.of("/dev/embedkit/", "/com/microsoft/onnxruntime/", "/ai/djl/",
        "/net/java/dev/jna/", "/org/apache/lucene/", "/org/jsoup/", "/com/twelvemonkeys/", "/info/picocli/",
        "/dev/langchain4j/", "/org/apache/commons/commons-csv/", "/org/junit/", "/org/opentest4j/", "/org/apiguardian/",
        "/org/apache/solr/", "/org/eclipse/jetty/"); // Solr and its Jetty 10: test scope, for EmbedkitSolrSinkTest
    List<String> entries = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      String unix = entry.replace('\\', '/');
      String name = unix.substring(unix.lastIndexOf('/') + 1);
      if (unix.endsWith(".jar") && !name.startsWith("embedkit-") && embedkitOnly.stream().noneMatch(unix::contains)) {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }
}
