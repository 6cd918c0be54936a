package dev.embedkit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts one {@link TargetRun} (or any other benchmark child's main) in a fresh JVM: the same java binary and class
 * path as this one, the Vector API module, ONNX Runtime telemetry off, logging at warn, then the common and the row's
 * own JVM options.
 *
 * @param java the java binary
 * @param classPath the class path of the child
 * @param commonJvmArgs options for every child (e.g. -Xmx, -Dembedkit.home)
 */
public record ChildJvm(Path java, String classPath, List<String> commonJvmArgs) {
  public ChildJvm {
    commonJvmArgs = List.copyOf(commonJvmArgs);
  }

  /**
   * The JVM this code runs in, with embedkit's own jars copied into {@code libDir} first: a build elsewhere that
   * installs embedkit while the benchmark runs would otherwise replace a jar under a running child.
   */
  public static ChildJvm current(List<String> commonJvmArgs, Path libDir) throws IOException {
    return new ChildJvm(ClassPaths.currentJava(), ClassPaths.isolate(System.getProperty("java.class.path"), libDir),
        commonJvmArgs);
  }

  List<String> command(RunSpec spec, Path corpus, Path vectors, Path result, int warmup, int repeats, int singles) {
    return command(spec.jvmArgs(), TargetRun.class.getName(), List.of(spec.target().label(), corpus.toString(),
        vectors.toString(), result.toString(), Integer.toString(warmup), Integer.toString(repeats),
        Integer.toString(singles)));
  }

  /** The command line of a child running {@code mainClass} with these arguments, after the row's own JVM options. */
  public List<String> command(List<String> rowJvmArgs, String mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(java.toString());
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    // DJL probes for CUDA at start and warns when there is none: noise on a CPU benchmark.
    command.add("-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error");
    command.addAll(commonJvmArgs);
    command.addAll(rowJvmArgs);
    command.add("-cp");
    command.add(classPath);
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** Starts a child running {@code mainClass}, its output shown as it comes (ONNX Runtime telemetry off). */
  public Process start(List<String> rowJvmArgs, String mainClass, List<String> args) throws IOException {
    return start(command(rowJvmArgs, mainClass, args));
  }

  private static Process start(List<String> command) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
    builder.inheritIO();
    return builder.start();
  }

  /** Runs the child to the end, its output shown as it comes; returns its result. */
  RunResult run(RunSpec spec, Path corpus, Path vectors, Path result, int warmup, int repeats, int singles)
      throws IOException, InterruptedException {
    Files.deleteIfExists(result);
    Process process = start(command(spec, corpus, vectors, result, warmup, repeats, singles));
    int exit = process.waitFor();
    if (exit != 0 || !Files.exists(result)) {
      throw new IllegalStateException(spec.label() + ": child JVM exited with " + exit + " (its output is above)");
    }
    return RunResult.read(result);
  }
}
