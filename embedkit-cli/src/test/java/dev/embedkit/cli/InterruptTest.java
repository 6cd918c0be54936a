package dev.embedkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or SIGTERM in the middle of inference stops the CLI with 130 or 143, never a JVM crash: ONNX Runtime's own
 * shutdown hook releases its native environment concurrently with the other hooks, which crashed an inference still
 * running (exit 134: seen twice in full builds, not reproduced alone in 30 stops), so the CLI closes its models before the JVM exits ({@link Signals}).
 */
class InterruptTest {
  @TempDir Path dir;

  @Test
  void signalsDuringInferenceExitWithTheSignalsCodeEveryTime() throws Exception {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      lines.add("sentence number " + i + " of a long input that takes a while to embed");
    }
    Path input = Files.write(dir.resolve("big.txt"), lines);
    for (int round = 0; round < 6; round++) {
      String signal = round % 2 == 0 ? "INT" : "TERM";
      Path log = dir.resolve("log-" + round + ".txt");
      Process process = ChildCli.builder(Map.of(), List.of(), "embed", "-i", input.toString(), "-o",
          dir.resolve("out-" + round + ".jsonl").toString(), "--format", "jsonl")
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!writing() && process.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(20);
        }
        assertTrue(writing(), "the run started writing: " + Files.readString(log));
        Thread.sleep(200 + 37L * (round % 10)); // inside a chunk's inference, at a different moment each round
        assertEquals(0, new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "round " + round);
        assertEquals(signal.equals("INT") ? 130 : 143, process.exitValue(), "round " + round + " (" + signal + "): "
            + Files.readString(log));
      } finally {
        process.destroyForcibly();
      }
    }
  }

  /** The output's temporary file exists: the first chunk is being embedded. */
  private boolean writing() throws java.io.IOException {
    try (java.util.stream.Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp"));
    }
  }
}
