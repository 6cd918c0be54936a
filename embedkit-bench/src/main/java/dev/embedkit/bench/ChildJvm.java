package dev.embedkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one {@link TargetRun} in a fresh JVM: the same java binary and class path as this one, the Vector API
 * module, ONNX Runtime telemetry off, logging at warn, then the common and the row's own JVM options.
 *
 * @param java the java binary
 * @param classPath the class path of the child
 * @param commonJvmArgs options for every child (e.g. -Xmx, -Dembedkit.home)
 */
record ChildJvm(Path java, String classPath, List<String> commonJvmArgs) {
  ChildJvm {
    commonJvmArgs = List.copyOf(commonJvmArgs);
  }

  /**
   * The JVM this code runs in, with embedkit's own jars copied into {@code libDir} first: a build elsewhere that
   * installs embedkit while the benchmark runs would otherwise replace a jar under a running child.
   */
  static ChildJvm current(List<String> commonJvmArgs, Path libDir) throws IOException {
    return new ChildJvm(ClassPaths.currentJava(), ClassPaths.isolate(System.getProperty("java.class.path"), libDir),
        commonJvmArgs);
  }

  List<String> command(RunSpec spec, Path corpus, Path vectors, Path result, int warmup, int repeats, int singles) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    // DJL probes for CUDA at start and warns when there is none: noise on a CPU benchmark.
    command.add("-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error");
    command.addAll(commonJvmArgs);
    command.addAll(spec.jvmArgs());
    command.add("-cp");
    command.add(classPath);
    command.add(TargetRun.class.getName());
    command.addAll(List.of(spec.target().label(), corpus.toString(), vectors.toString(), result.toString(),
        Integer.toString(warmup), Integer.toString(repeats), Integer.toString(singles)));
    return command;
  }

  /** Runs the child to the end, its output shown as it comes; returns its result. */
  RunResult run(RunSpec spec, Path corpus, Path vectors, Path result, int warmup, int repeats, int singles)
      throws IOException, InterruptedException {
    Files.deleteIfExists(result);
    ProcessBuilder builder = new ProcessBuilder(command(spec, corpus, vectors, result, warmup, repeats, singles));
    builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
    builder.inheritIO();
    Process process = builder.start();
    int exit = process.waitFor();
    if (exit != 0 || !Files.exists(result)) {
      throw new IllegalStateException(spec.label() + ": child JVM exited with " + exit + " (its output is above)");
    }
    return RunResult.read(result);
  }
}
