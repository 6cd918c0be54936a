package dev.embedkit.bench.serve;

import dev.embedkit.bench.VectorFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link InProcessRun} in its own JVM, with the same java binary and JVM options as the server, while no
 * server runs: the library's own bulk throughput on this machine, the figure the server is held to.
 *
 * @param java the java binary
 * @param classPath the benchmark's class path (embedkit's jars copied aside)
 * @param jvmArgs the options the server JVM gets too
 */
record InProcessPeer(Path java, String classPath, List<String> jvmArgs) {
  InProcessPeer {
    jvmArgs = List.copyOf(jvmArgs);
  }

  /**
   * What the peer measured, and the reference vector of every text.
   *
   * @param result the timings
   * @param references one vector per text of the texts file, in order
   */
  record Measured(InProcessResult result, List<float[]> references) {}

  /** @param tag names this run's files in {@code work} */
  Measured run(String tag, String model, Path textsFile, int corpusSize, Path work, double warmupSeconds,
      double seconds, int batch, int singleWarmup, int singles) throws IOException, InterruptedException {
    Path vectors = work.resolve("references-" + tag + ".bin");
    Path result = work.resolve("in-process-" + tag + ".properties");
    Files.deleteIfExists(result);
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    command.add("-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error");
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classPath, InProcessRun.class.getName(), model, textsFile.toString(),
        Integer.toString(corpusSize), vectors.toString(), result.toString(), Double.toString(warmupSeconds),
        Double.toString(seconds), Integer.toString(batch), Integer.toString(singleWarmup), Integer.toString(singles)));
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
    int exit = builder.start().waitFor();
    if (exit != 0 || !Files.exists(result)) {
      throw new IllegalStateException("the in-process peer's JVM exited with " + exit + " (its output is above)");
    }
    return new Measured(InProcessResult.read(result), VectorFile.read(vectors));
  }
}
