package dev.embedkit.dist;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code bin/embedkit} of an unpacked release, run as a user with nothing but a Java runtime would run it: an empty
 * environment except PATH (a folder holding a {@code java} link, then the system's tools without Maven), and HOME and
 * EMBEDKIT_HOME in fresh temporary folders, so no model cache, ~/.m2 or build output is reused. The JVM's user.home
 * (read from the password database, not HOME) is pointed at the same HOME, so ~/.m2 is the empty one too, and
 * HF_HUB_OFFLINE=1 forbids any download: whatever runs, runs from the tarball alone.
 *
 * <p>A started process is always ended: {@link #close()} kills it (and any child) if it is still running.
 */
final class ReleaseProcess implements AutoCloseable {
  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final List<String> command;

  private ReleaseProcess(Process process, Path stdout, Path stderr, List<String> command) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.command = command;
  }

  /**
   * The PATH of a machine with only Java, made in {@code folder}: a folder holding a {@code java} link, then the
   * system's tools without Maven. Shared by the runs of a test class; {@link #removeLinks} takes it down.
   */
  static String javaOnlyPath(Path folder) throws IOException {
    Path javaBin = Files.createDirectories(folder.resolve("java-bin"));
    Files.createSymbolicLink(javaBin.resolve("java"), Path.of(System.getProperty("java.home"), "bin", "java"));
    return javaBin + File.pathSeparator + systemToolsWithoutMaven(folder);
  }

  /** The environment of a run: see the class comment. {@code work} (fresh per run) holds HOME and EMBEDKIT_HOME. */
  static Map<String, String> minimalEnvironment(String path, Path work) throws IOException {
    Path home = Files.createDirectories(work.resolve("home"));
    return Map.of(
        "PATH", path,
        "HOME", home.toString(),
        "EMBEDKIT_HOME", work.resolve("embedkit-home").toString(),
        "EMBEDKIT_JAVA_OPTS", "-Duser.home=" + home,
        "HF_HUB_OFFLINE", "1");
  }

  /** Deletes the links {@link #javaOnlyPath} made (JUnit's temporary-folder cleanup warns about each link). */
  static void removeLinks(Path folder) throws IOException {
    for (String sub : List.of("java-bin", "system-bin")) {
      Path dir = folder.resolve(sub);
      if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
        try (var links = Files.list(dir)) {
          for (Path link : (Iterable<Path>) links::iterator) {
            Files.delete(link);
          }
        }
      }
    }
  }

  /**
   * /usr/bin and /bin as they are, less Maven and the JDK: links to every command there but {@code mvn*} and those
   * that lead into a JDK (java, javac, jar...), so that a launcher that tried to build, or to use a JDK's tools, would
   * fail here instead of quietly using this machine's.
   */
  private static Path systemToolsWithoutMaven(Path work) throws IOException {
    Path tools = Files.createDirectories(work.resolve("system-bin"));
    Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
    for (String dir : List.of("/usr/bin", "/bin")) {
      try (var entries = Files.list(Path.of(dir))) {
        for (Path tool : (Iterable<Path>) entries::iterator) {
          String name = tool.getFileName().toString();
          Path link = tools.resolve(name);
          if (name.startsWith("mvn") || Files.exists(link, LinkOption.NOFOLLOW_LINKS) || leadsIntoAJdk(tool, javaHome)) {
            continue;
          }
          Files.createSymbolicLink(link, tool);
        }
      }
    }
    return tools;
  }

  private static boolean leadsIntoAJdk(Path tool, Path javaHome) {
    try {
      Path real = tool.toRealPath();
      return real.startsWith(javaHome) || real.startsWith("/usr/lib/jvm");
    } catch (IOException e) {
      return true; // a dangling link: nothing a launcher could use
    }
  }

  static ReleaseProcess start(Path release, Map<String, String> environment, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(release.resolve("bin").resolve("embedkit").toString());
    command.addAll(List.of(args));
    return startCommand(release, environment, command);
  }

  /** Any command (e.g. {@code bash -c ...}) in the same environment, from the release folder. */
  static ReleaseProcess startCommand(Path release, Map<String, String> environment, List<String> command) throws IOException {
    Path out = Files.createTempFile("release", ".out");
    Path err = Files.createTempFile("release", ".err");
    ProcessBuilder builder = new ProcessBuilder(command).directory(release.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().clear();
    builder.environment().putAll(environment);
    return new ReleaseProcess(builder.start(), out, err, command);
  }

  /** Runs to the end, within the timeout (killed and failed otherwise). */
  static Result run(Path release, Map<String, String> environment, Duration timeout, String... args)
      throws IOException, InterruptedException {
    try (ReleaseProcess process = start(release, environment, args)) {
      return process.await(timeout);
    }
  }

  Result await(Duration timeout) throws IOException, InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + timeout.toSeconds() + " s; stderr:\n" + stderr());
    }
    return new Result(process.exitValue(), stdout(), stderr());
  }

  /** Waits for a line on stderr matching the pattern; fails if the process ends first or the time runs out. */
  Matcher awaitStderr(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Matcher matcher = pattern.matcher(stderr());
      if (matcher.find()) {
        return matcher;
      }
      if (!process.isAlive()) {
        throw new AssertionError(String.join(" ", command) + " exited with " + process.exitValue() + " before printing "
            + pattern + "; stderr:\n" + stderr());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(String.join(" ", command) + " printed no " + pattern + " in " + timeout.toSeconds()
            + " s; stderr:\n" + stderr());
      }
      Thread.sleep(100);
    }
  }

  Process process() {
    return process;
  }

  String stdout() throws IOException {
    return Files.readString(stdout, StandardCharsets.UTF_8);
  }

  String stderr() throws IOException {
    return Files.readString(stderr, StandardCharsets.UTF_8);
  }

  private void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  @Override
  public void close() throws IOException {
    if (process.isAlive()) {
      kill();
    }
    Files.deleteIfExists(stdout);
    Files.deleteIfExists(stderr);
  }

  record Result(int exitCode, String stdout, String stderr) {}
}
