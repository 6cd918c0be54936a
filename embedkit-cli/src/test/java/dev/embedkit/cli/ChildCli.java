package dev.embedkit.cli;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real CLI in its own JVM: for what only a process shows (its exit code when stdout is a full device, its
 * locale, signals, the connections it opens). Uses this test's class path and model cache.
 */
record ChildCli(int exitCode, String stdout, String stderr) {
  static final long TIMEOUT_SECONDS = 120;

  /** The command line that starts the CLI: java, the test class path, the test's model cache. */
  static List<String> command(List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dembedkit.home=" + System.getProperty("embedkit.home"));
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath());
    command.add(EmbedkitCli.class.getName());
    command.addAll(List.of(args));
    return command;
  }

  static String classPath() {
    return System.getProperty("java.class.path");
  }

  static ProcessBuilder builder(Map<String, String> env, List<String> jvmOptions, String... args) {
    ProcessBuilder builder = new ProcessBuilder(command(jvmOptions, args));
    builder.environment().putAll(env);
    builder.environment().put("ORT_DISABLE_TELEMETRY", "1");
    return builder;
  }

  /** Runs to the end with stdin empty; stdout goes to {@code stdoutTarget} when given (e.g. /dev/full). */
  static ChildCli run(Map<String, String> env, File stdoutTarget, String... args) throws IOException, InterruptedException {
    ProcessBuilder builder = builder(env, List.of(), args).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    Path out = Files.createTempFile("child-cli", ".out");
    Path err = Files.createTempFile("child-cli", ".err");
    try {
      builder.redirectOutput(stdoutTarget != null ? stdoutTarget : out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the CLI did not finish in " + TIMEOUT_SECONDS + " s: " + String.join(" ", args));
      }
      return new ChildCli(process.exitValue(), stdoutTarget != null ? "" : Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  static ChildCli run(String... args) throws IOException, InterruptedException {
    return run(Map.of(), null, args);
  }
}
