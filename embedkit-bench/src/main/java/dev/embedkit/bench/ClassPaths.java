package dev.embedkit.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Class paths for the child JVMs a benchmark starts. */
public final class ClassPaths {
  private ClassPaths() {}

  /**
   * {@code classPath} with embedkit's own jars copied into {@code libDir}: a build elsewhere that installs or packages
   * embedkit while the benchmark runs would otherwise replace a jar under a running child.
   */
  public static String isolate(String classPath, Path libDir) throws IOException {
    Files.createDirectories(libDir);
    List<String> entries = new ArrayList<>();
    for (String entry : classPath.split(File.pathSeparator)) {
      Path path = Path.of(entry);
      String name = path.getFileName() == null ? "" : path.getFileName().toString();
      if (name.startsWith("embedkit-") && name.endsWith(".jar") && Files.isRegularFile(path)) {
        Path copy = libDir.resolve(name);
        Files.copy(path, copy, StandardCopyOption.REPLACE_EXISTING);
        entries.add(copy.toString());
      } else {
        entries.add(entry);
      }
    }
    return String.join(File.pathSeparator, entries);
  }

  /** The java binary of the JVM this code runs in. */
  public static Path currentJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java");
  }
}
