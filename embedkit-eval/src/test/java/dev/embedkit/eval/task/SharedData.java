package dev.embedkit.eval.task;

import java.nio.file.Files;
import java.nio.file.Path;

/** The team's shared datasets: beside the clone (embedkit.shared, set by the parent pom), EMBEDKIT_SHARED, /work/shared. */
public final class SharedData {
  private SharedData() {}

  /** The datasets folder; a path that does not exist when none is found, so tests' assumptions name it. */
  public static Path datasets() {
    for (String candidate : new String[] {System.getProperty("embedkit.shared"), System.getenv("EMBEDKIT_SHARED"), "/work/shared"}) {
      if (candidate != null && Files.isDirectory(Path.of(candidate, "datasets"))) {
        return Path.of(candidate, "datasets").toAbsolutePath().normalize();
      }
    }
    return Path.of("..", "..", "shared", "datasets");
  }
}
