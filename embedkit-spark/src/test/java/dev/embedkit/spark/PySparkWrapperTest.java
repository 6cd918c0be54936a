package dev.embedkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.ml.Transformer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PySpark wrapper without PySpark (not installable here): it compiles, names the JVM class, and declares the same
 * params as the JVM stage. The JVM class is listed for Spark Connect's ServiceLoader.
 */
class PySparkWrapperTest {
  private static final Path WRAPPER = Path.of("src/main/python/embedkit_spark.py");

  @TempDir Path tmp;

  @Test
  void wrapperCompilesWithPython3() throws Exception {
    Path python = python3();
    assumeTrue(python != null, "python3 is not on the PATH, so the wrapper cannot be compiled here");
    Process p = new ProcessBuilder(python.toString(), "-c",
        "import py_compile, sys; py_compile.compile(sys.argv[1], cfile=sys.argv[2], doraise=True)",
        WRAPPER.toString(), tmp.resolve("embedkit_spark.pyc").toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), out);
  }

  @Test
  void wrapperDeclaresTheJvmStagesParamsAndClass() throws IOException {
    String source = Files.readString(WRAPPER);
    assertTrue(source.contains("\"" + EmbedkitEmbedder.class.getName() + "\""));
    List<String> pythonParams = new ArrayList<>(List.of("inputCol", "outputCol")); // from HasInputCol, HasOutputCol
    Matcher m = Pattern.compile("(?m)^    (\\w+) = Param\\(Params\\._dummy\\(\\), \"(\\w+)\"").matcher(source);
    while (m.find()) {
      assertEquals(m.group(1), m.group(2));
      pythonParams.add(m.group(2));
    }
    List<String> jvmParams = new ArrayList<>();
    for (var param : new EmbedkitEmbedder().params()) {
      jvmParams.add(param.name());
    }
    assertEquals(jvmParams.stream().sorted().toList(), pythonParams.stream().sorted().toList());
  }

  @Test
  void stageIsListedForSparkConnect() {
    List<String> listed = new ArrayList<>();
    ServiceLoader.load(Transformer.class).stream().forEach(p -> listed.add(p.type().getName()));
    assertTrue(listed.contains(EmbedkitEmbedder.class.getName()), listed.toString());
  }

  private static Path python3() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path candidate = Path.of(dir, "python3");
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
