package dev.embedkit.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What is registered is gone after the JVM stops, even by a signal; what was released stays. */
class TempFilesTest {
  @Test
  void aRegisteredFolderIsDeletedWhenTheJvmIsStoppedBySigterm(@TempDir Path dir) throws Exception {
    Path folder = dir.resolve(".tmp-pack");
    Path released = dir.resolve("released.txt");
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        TempFilesMain.class.getName(), folder.toString(), released.toString()).redirectErrorStream(true).start();
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("ready", out.readLine());
      assertTrue(Files.isRegularFile(folder.resolve("onnx/model.onnx")));
      child.destroy(); // SIGTERM on Unix: the JVM runs its shutdown hooks
      assertTrue(child.waitFor(60, TimeUnit.SECONDS));
    }
    assertFalse(Files.exists(folder), "the registered folder is deleted");
    assertTrue(Files.isRegularFile(released), "the released file stays");
  }

  @Test
  void deleteRemovesAFolderTreeAndAMissingPathIsFine(@TempDir Path dir) throws Exception {
    Path folder = TempFiles.register(dir.resolve("tree"));
    Files.createDirectories(folder.resolve("a/b"));
    Files.writeString(folder.resolve("a/b/c.txt"), "x");
    TempFiles.delete(folder);
    assertFalse(Files.exists(folder));
    TempFiles.delete(folder);
  }
}
