package dev.embedkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.LoadMain;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A home that cannot hold caches gives one INVALID_INPUT line naming the setting, from every cache under it. */
class EmbedkitHomeTest {
  @Test
  void aHomeThatIsAFileIsInvalidInputNamingTheSetting(@TempDir Path dir) throws Exception {
    Path home = Files.writeString(dir.resolve("home"), "not a folder");
    Path folder = new PackCache(dir.resolve("packs")).materialize(BuiltinPack.ALL_MINILM_L6_V2_INT8);
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        "-D" + EmbedkitHome.PROPERTY + "=" + home, LoadMain.class.getName(), "all-minilm-l6-v2", folder.toString());
    builder.environment().remove(EmbedkitHome.ENV);
    builder.environment().remove("DJL_CACHE_DIR");
    Path log = dir.resolve("stderr.txt");
    Process child = builder.redirectError(log.toFile()).start();
    List<String> lines;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      lines = out.lines().collect(Collectors.toList());
    }
    assertTrue(child.waitFor(120, TimeUnit.SECONDS));
    String fix = home + " is a file; -Dembedkit.home=" + home + " must name a folder embedkit can create and write in";
    // A built-in pack needs packs/; a model folder needs djl/ for the tokenizer's native library.
    assertEquals(List.of(
        "INVALID_INPUT cannot use " + home.resolve("packs") + " as a cache folder: " + fix,
        "INVALID_INPUT cannot use " + home.resolve("djl") + " as a cache folder: " + fix), lines, Files.readString(log));
  }

  @Test
  void aPackCacheUnderAFileIsInvalidInputNamingTheFile(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("home"), "not a folder");
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> new PackCache(file.resolve("packs")).materialize(BuiltinPack.ALL_MINILM_L6_V2_INT8));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertEquals("cannot use " + file.resolve("packs") + " as a cache folder: " + file + " is a file", e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
  }

  /** Prints where a JVM started with the given property and variable keeps its caches. */
  public static final class PrintHome {
    public static void main(String[] args) {
      System.out.println(EmbedkitHome.path());
    }
  }

  private static String homeOfChild(Path dir, String property, String variable) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = property == null
        ? new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), PrintHome.class.getName())
        : new ProcessBuilder(javaBin, "-D" + EmbedkitHome.PROPERTY + "=" + property, "-cp",
            System.getProperty("java.class.path"), PrintHome.class.getName());
    builder.environment().remove(EmbedkitHome.ENV);
    if (variable != null) {
      builder.environment().put(EmbedkitHome.ENV, variable);
    }
    Process process = builder.redirectErrorStream(true).start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
  }

  @Test
  void thePropertyWinsOverTheVariableSoTestsNeverWriteIntoAUsersHome(@TempDir Path dir) throws Exception {
    Path property = dir.resolve("from-property");
    Path variable = dir.resolve("from-variable");
    assertEquals(property.toString(), homeOfChild(dir, property.toString(), variable.toString()));
    assertEquals(variable.toString(), homeOfChild(dir, null, variable.toString()));
  }
}
