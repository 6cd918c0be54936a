package dev.embedkit.bench.store;

import dev.embedkit.bench.store.StoreResults.EngineResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs one {@link EngineRun} in a fresh JVM: the same java binary and class path as this one, the Vector API module,
 * logging at warn, then the benchmark's JVM options.
 */
record EngineProcess(Path java, String classPath, List<String> jvmArgs) {

  EngineResult run(EngineSpec spec) throws IOException, InterruptedException {
    Path specFile = Path.of(spec.result() + ".spec.json");
    Path result = Path.of(spec.result());
    Files.deleteIfExists(result);
    StoreBench.reader().writeValue(specFile.toFile(), spec);
    List<String> command = new ArrayList<>(List.of(java.toString(), "--add-modules", "jdk.incubator.vector",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classPath, EngineRun.class.getName(), specFile.toString()));
    Process process = new ProcessBuilder(command).inheritIO().start();
    int exit = process.waitFor();
    if (exit != 0 || !Files.exists(result)) {
      throw new IllegalStateException(spec.label() + ": its JVM exited with " + exit + " (its output is above)");
    }
    return StoreBench.reader().readValue(result.toFile(), EngineResult.class);
  }
}
