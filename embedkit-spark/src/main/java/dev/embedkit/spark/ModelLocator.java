package dev.embedkit.spark;

import dev.embedkit.model.BuiltinPack;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.SparkFiles;

/**
 * Where an executor finds a model: a built-in pack name as is; a path that exists on this machine (shared storage, or
 * an archive that YARN unpacked into the container's folder) as is; else a file or unpacked archive shipped with
 * {@code --files}/{@code --archives} under that name ({@link SparkFiles#get}); else the name as given, for the hub
 * cache or for {@code Embedkit.load}'s own one-line error.
 */
final class ModelLocator {
  private ModelLocator() {}

  static String locate(String model) {
    if (BuiltinPack.find(model).isPresent() || exists(model)) {
      return model;
    }
    if (SparkEnv.get() != null && isPlainName(model)) {
      try {
        String shipped = SparkFiles.get(model);
        if (exists(shipped)) {
          return shipped;
        }
      } catch (RuntimeException e) {
        // no SparkFiles folder in this JVM: the name is not a shipped file
      }
    }
    return model;
  }

  private static boolean isPlainName(String model) {
    return !model.contains("/") && !model.contains("\\");
  }

  private static boolean exists(String path) {
    try {
      return Files.exists(Path.of(path));
    } catch (RuntimeException e) {
      return false;
    }
  }
}
