package dev.embedkit.solr.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar (verify phase, after package) is complete and works with what Solr provides: a JVM whose class path
 * is this test's minus embedkit-core, ONNX Runtime, DJL, commons-csv and the plugin's own classes, plus the shaded
 * jar, runs {@link ShadedJarSmoke} on a one-node SolrCloud. The built-in pack jar stays on the class path, as it
 * would sit beside the plugin in a node's lib folder.
 */
class ShadedJarIT {
  private static final List<String> PROVIDED_BY_THE_SHADED_JAR = List.of(
      "embedkit-core", "onnxruntime", File.separator + "djl" + File.separator, "commons-csv",
      "embedkit-solr-plugin" + File.separator + "target" + File.separator + "classes", "embedkit-solr-plugin-0");

  @TempDir Path tmp;

  @Test
  void thePluginWorksFromTheShadedJarWithSolrsOwnLibraries() throws Exception {
    Path shaded = Path.of(System.getProperty("embedkit.solr.plugin.jar"));
    assertTrue(Files.isRegularFile(shaded), "no shaded jar at " + shaded + "; run mvn verify");
    List<String> classPath = new ArrayList<>();
    classPath.add(shaded.toString());
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (PROVIDED_BY_THE_SHADED_JAR.stream().noneMatch(entry::contains)) {
        classPath.add(entry);
      }
    }
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m",
        "--enable-native-access=ALL-UNNAMED", "-Dembedkit.home=" + System.getProperty("embedkit.home"),
        "-cp", String.join(File.pathSeparator, classPath), ShadedJarSmoke.class.getName(), tmp.toString()));
    Path log = tmp.resolve("smoke.log");
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    boolean done = process.waitFor(180, TimeUnit.SECONDS);
    if (!done) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(done, "the smoke run took over 180 s:\n" + output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("shaded jar OK"), output);
  }
}
