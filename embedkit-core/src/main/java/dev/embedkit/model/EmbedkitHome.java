package dev.embedkit.model;

import java.nio.file.Path;

/**
 * Where embedkit keeps its caches: the system property embedkit.home, else {@code $EMBEDKIT_HOME}, else ~/.embedkit.
 * The property wins (as the hub's {@code embedkit.hub.*} properties do) so that an application or a test run that
 * sets it never writes into a user's home named by the variable. Every cache folder is named here, so the commands
 * that list and clear caches cannot drift from the code that fills them.
 */
public final class EmbedkitHome {
  public static final String ENV = "EMBEDKIT_HOME";
  public static final String PROPERTY = "embedkit.home";

  private EmbedkitHome() {}

  public static Path path() {
    String value = System.getProperty(PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(ENV);
    }
    if (value == null || value.isBlank()) {
      return Path.of(System.getProperty("user.home"), ".embedkit");
    }
    return Path.of(value);
  }

  /** Folder of extracted built-in packs. */
  public static Path packs() {
    return path().resolve("packs");
  }

  /** Folder of int8 rewrites of fp32 graphs, one sub-folder per source graph. */
  public static Path int8() {
    return path().resolve("int8");
  }

  /** Folder of evaluation embeddings. */
  public static Path evalCache() {
    return path().resolve("eval-cache");
  }

  /** Folder where DJL extracts the tokenizer's native library. */
  public static Path djl() {
    return path().resolve("djl");
  }

  /** Folder of hub model folders (links into the Hugging Face cache plus alias configs). */
  public static Path models() {
    return path().resolve("models");
  }
}
