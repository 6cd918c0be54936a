package dev.embedkit.spi;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A place models come from beyond the built-in packs and local folders (the Hugging Face Hub client in
 * embedkit-hub). Found with {@link java.util.ServiceLoader}; {@link dev.embedkit.model.ModelResolver} asks each
 * source, in {@link #priority()} order, after built-in packs and existing folders.
 */
public interface ModelSource {
  /**
   * The local model folder for {@code name}, fetching it first if this source may, or empty when the name is not
   * this source's. Throws {@link dev.embedkit.EmbedkitException} when the name is this source's but cannot be had.
   */
  Optional<Path> resolve(String name);

  /** Names this source knows without a network, for "available models are" messages (may be empty). */
  default java.util.List<String> knownNames() {
    return java.util.List.of();
  }

  /** Lower runs first. */
  default int priority() {
    return 100;
  }
}
