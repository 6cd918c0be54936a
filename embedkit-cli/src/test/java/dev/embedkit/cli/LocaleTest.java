package dev.embedkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Arguments are read as UTF-8 whatever the locale, or refused with a reason; never silently garbled. */
class LocaleTest {
  static final Path LAUNCHER = Path.of("..", "bin", "embedkit").toAbsolutePath().normalize();

  @Test
  void theLauncherReadsUtf8ArgumentsUnderTheCLocale() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(LAUNCHER), "bin/embedkit is beside the module");
    ProcessBuilder builder = new ProcessBuilder(LAUNCHER.toString(), "similarity", "--format", "json", "café", "naïve 日本");
    builder.environment().put("LC_ALL", "C");
    builder.environment().remove("LANG");
    builder.environment().put("EMBEDKIT_CLASSPATH", ChildCli.classPath());
    builder.environment().put("EMBEDKIT_JAVA_OPTS", "-Dembedkit.home=" + System.getProperty("embedkit.home"));
    if (System.getProperty("java.home") != null) {
      builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    }
    Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), out);
    JsonNode rows = new ObjectMapper().readTree(out).get("rows");
    assertEquals("café", rows.get(0).asText());
    assertEquals("naïve 日本", rows.get(1).asText());
  }

  @Test
  void theJvmStartedDirectlyUnderTheCLocaleRefusesGarbledArguments() throws Exception {
    ChildCli run = ChildCli.run(Map.of("LC_ALL", "C"), null, "embed", "café");
    assertEquals(2, run.exitCode(), run.stderr());
    assertTrue(run.stderr().strip().startsWith("embedkit: argument 2 is not valid in this locale's character set"), run.stderr());
    assertTrue(run.stderr().contains("LC_ALL=C.UTF-8"), run.stderr());
    assertEquals("", run.stdout());
  }

  @Test
  void argumentsDecodedByASingleByteCharsetAreReadAgainAsUtf8() {
    String garbled = new String("café 日本".getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    assertArrayEquals(new String[] {"embed", "café 日本"}, Arguments.decode(new String[] {"embed", garbled}, StandardCharsets.ISO_8859_1));
    // Latin-1 text that is not UTF-8 bytes stays as the locale decoded it
    assertArrayEquals(new String[] {"café"}, Arguments.decode(new String[] {"café"}, StandardCharsets.ISO_8859_1));
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> Arguments.decode(new String[] {"ok", "caf\uFFFD\uFFFD"}, StandardCharsets.US_ASCII));
    assertTrue(e.getMessage().startsWith("argument 2 is not valid in this locale's character set (US-ASCII)"));
    List<String> ascii = List.of("plain", "text");
    assertArrayEquals(ascii.toArray(), Arguments.decode(ascii.toArray(new String[0]), StandardCharsets.US_ASCII));
  }
}
