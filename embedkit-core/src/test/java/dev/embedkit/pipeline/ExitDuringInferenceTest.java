package dev.embedkit.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.ExitDuringInferenceMain;
import dev.embedkit.model.EmbedkitHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A JVM that exits while inference threads are inside ONNX Runtime exits cleanly: the models still open are closed by
 * {@link ModelLifecycle#closeAtExit} after their calls in flight (before, Ctrl-C during a long embed could crash the
 * JVM inside the runtime's native code, exit 134).
 */
class ExitDuringInferenceTest {
  @Test
  void exitingMidInferenceNeverCrashes(@TempDir Path dir) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    for (int round = 0; round < 4; round++) {
      Path log = dir.resolve("stderr-" + round + ".txt");
      ProcessBuilder builder = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
          "-D" + EmbedkitHome.PROPERTY + "=" + System.getProperty(EmbedkitHome.PROPERTY),
          ExitDuringInferenceMain.class.getName(), Integer.toString(300 + 137 * round));
      builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
      Process child = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
      assertTrue(child.waitFor(120, TimeUnit.SECONDS), "round " + round);
      assertEquals(7, child.exitValue(), "round " + round + ": " + Files.readString(log));
    }
  }
}
