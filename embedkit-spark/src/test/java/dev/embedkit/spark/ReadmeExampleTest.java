package dev.embedkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README's Spark examples are real: the {@code java spark} block is compiled (--release 17, this module's test class
 * path; its imports on top, the rest in a main method) and run in a child JVM with Spark's module flags, in a fresh
 * folder, printing what its {@code // prints:} comments say; the {@code java spark-sink} fragment is compiled in a
 * method that receives the {@code table} it writes (running it needs SolrCloud: EmbedkitSolrSinkTest does that).
 */
class ReadmeExampleTest {
  private static final Path README = Path.of("..", "README.md");

  @TempDir Path classes;
  @TempDir Path work;

  private static String block(String tag) throws Exception {
    Matcher m = Pattern.compile("```java " + tag + "\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(README));
    assertTrue(m.find(), "README.md has a ```java " + tag + " block");
    return m.group(1);
  }

  private void compile(String className, String source) throws Exception {
    Path file = Files.writeString(classes.resolve(className + ".java"), source);
    ByteArrayOutputStream errors = new ByteArrayOutputStream();
    int code = ToolProvider.getSystemJavaCompiler().run(null, null, errors, "--release", "17", "-proc:none",
        "-classpath", System.getProperty("java.class.path"), "-d", classes.toString(), file.toString());
    assertEquals(0, code, errors.toString(StandardCharsets.UTF_8) + "\n" + source);
  }

  @Test
  void theSparkExampleCompilesRunsAndPrintsWhatItSays() throws Exception {
    List<String> imports = new ArrayList<>();
    List<String> body = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (String line : block("spark").split("\n")) {
      (line.startsWith("import ") ? imports : body).add(line);
      Matcher prints = Pattern.compile("//\\s*prints:\\s*(.+)$").matcher(line);
      if (prints.find()) {
        expected.add(prints.group(1).strip());
      }
    }
    assertFalse(expected.isEmpty(), "the block says what it prints");
    compile("SparkReadme", String.join("\n", imports) + "\npublic class SparkReadme {\n"
        + "  public static void main(String[] args) throws Exception {\n" + String.join("\n", body) + "\n  }\n}\n");

    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) { // Spark's module flags, -Xmx
      if (arg.startsWith("--") || arg.startsWith("-XX:") || arg.startsWith("-Xmx") || arg.startsWith("-Dio.netty")) {
        command.add(arg);
      }
    }
    // on loopback, without the web UI (SparkConf reads spark.* system properties)
    command.addAll(List.of("-Dspark.driver.host=127.0.0.1", "-Dspark.driver.bindAddress=127.0.0.1",
        "-Dspark.ui.enabled=false", "-Dembedkit.home=" + work.resolve("home"),
        "-cp", classes + File.pathSeparator + System.getProperty("java.class.path"), "SparkReadme"));
    Process child = new ProcessBuilder(command).directory(work.toFile())
        .redirectError(work.resolve("stderr.txt").toFile()).start();
    String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(child.waitFor(180, TimeUnit.SECONDS), "the example finishes");
    assertEquals(0, child.exitValue(), Files.readString(work.resolve("stderr.txt")));
    assertEquals(expected, out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
    assertTrue(Files.isDirectory(work.resolve("embedder-pipeline")), "the pipeline was saved");
  }

  @Test
  void theSinkFragmentCompiles() throws Exception {
    compile("SparkSinkReadme", "import dev.embedkit.spark.EmbedkitEmbedder;\nimport dev.embedkit.spark.EmbedkitSink;\n"
        + "import java.util.Map;\nimport org.apache.spark.sql.Dataset;\nimport org.apache.spark.sql.Row;\n"
        + "public class SparkSinkReadme {\n  static void write(Dataset<Row> table) {\n" + block("spark-sink")
        + "\n  }\n}\n");
  }
}
