package dev.embedkit.model;

import java.nio.file.Path;

/** Where embedkit keeps its caches: {@code $EMBEDKIT_HOME}, else the system property embedkit.home, else ~/.embedkit. */
public final class EmbedkitHome {
  public static final String ENV = "EMBEDKIT_HOME";
  public static final String PROPERTY = "embedkit.home";

  private EmbedkitHome() {}

  public static Path path() {
    String value = System.getenv(ENV);
    if (value == null || value.isBlank()) {
      value = System.getProperty(PROPERTY);
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
}
