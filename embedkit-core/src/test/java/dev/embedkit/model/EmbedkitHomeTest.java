package dev.embedkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbedkitHomeTest {
  @TempDir Path dir;

  /** Prints where a JVM started with the given property and variable keeps its caches. */
  public static final class PrintHome {
    public static void main(String[] args) {
      System.out.println(EmbedkitHome.path());
    }
  }

  private String homeOfChild(String property, String variable) throws IOException, InterruptedException {
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
  void thePropertyWinsOverTheVariableSoTestsNeverWriteIntoAUsersHome() throws Exception {
    Path property = dir.resolve("from-property");
    Path variable = dir.resolve("from-variable");
    assertEquals(property.toString(), homeOfChild(property.toString(), variable.toString()));
    assertEquals(variable.toString(), homeOfChild(null, variable.toString()));
  }
}
