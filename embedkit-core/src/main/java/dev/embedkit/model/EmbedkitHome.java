package dev.embedkit.model;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.io.IoErrors;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where embedkit keeps its caches: the system property embedkit.home, else {@code $EMBEDKIT_HOME}, else ~/.embedkit.
 * The property wins (as the hub's {@code embedkit.hub.*} properties do) so that an application or a test run that
 * sets it never writes into a user's home named by the variable. Every cache folder is named here, so the commands
 * that list and clear caches cannot drift from the code that fills them, and created through {@link #folder} or
 * {@link #createFolder}, so a home that is a file or not writable gives one error, {@link #unusable}, that names the
 * setting to fix.
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

  /**
   * The cache folder {@code name} under the home ("int8", "eval-cache"), created when missing.
   *
   * @throws EmbedkitException {@link #unusable} when it cannot be created
   */
  public static Path folder(String name) {
    return createFolder(path().resolve(name));
  }

  /**
   * Creates a cache folder (under the home, or wherever the caller keeps one) when missing.
   *
   * @throws EmbedkitException {@link #unusable} when it cannot be created
   */
  public static Path createFolder(Path folder) {
    try {
      return Files.createDirectories(folder);
    } catch (IOException e) {
      throw unusable(folder, e);
    }
  }

  /**
   * The one error for a cache folder that cannot be created or written (kind INVALID_INPUT: the user fixes it with a
   * setting): what is in the way and, for a folder under the home, which setting chose the home. For example
   * "cannot use /data/x/packs as a cache folder: /data/x is a file; EMBEDKIT_HOME=/data/x must name a folder embedkit
   * can create and write in".
   */
  public static EmbedkitException unusable(Path folder, IOException cause) {
    Optional<Path> file = fileInTheWay(folder);
    String problem = file.map(f -> f + " is a file").orElseGet(() -> IoErrors.reason(cause));
    if (file.isEmpty() && !settingCanFix(cause)) {
      // a full disk or a failing device: the machine's problem, not the setting's
      return new EmbedkitException(ErrorKind.INTERNAL, "cannot use " + folder + " as a cache folder: " + problem, cause);
    }
    String fix = folder.toAbsolutePath().startsWith(path().toAbsolutePath()) ? "; " + howToFix() : "";
    return new EmbedkitException(ErrorKind.INVALID_INPUT, "cannot use " + folder + " as a cache folder: " + problem + fix,
        cause);
  }

  /** Permission denied, a read-only file system, or a path that is not a folder: choosing another home fixes it. */
  private static boolean settingCanFix(IOException e) {
    String reason = e instanceof FileSystemException fs && fs.getReason() != null ? fs.getReason() : "";
    return e instanceof AccessDeniedException || e instanceof java.nio.file.FileAlreadyExistsException
        || e instanceof java.nio.file.NotDirectoryException || reason.contains("Read-only file system")
        || reason.contains("Not a directory");
  }

  /** Names the setting that chose the home, as the user would write it. */
  private static String howToFix() {
    String wanted = " must name a folder embedkit can create and write in";
    if (isSet(System.getProperty(PROPERTY))) {
      return "-D" + PROPERTY + "=" + System.getProperty(PROPERTY) + wanted;
    }
    if (isSet(System.getenv(ENV))) {
      return ENV + "=" + System.getenv(ENV) + wanted;
    }
    return "set " + ENV + " to a folder embedkit can create and write in (the default is " + path() + ")";
  }

  /** The first existing ancestor of {@code folder} (or itself) when it is not a folder. */
  private static Optional<Path> fileInTheWay(Path folder) {
    for (Path p = folder.toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p)) {
        return Files.isDirectory(p) ? Optional.empty() : Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }

  /** Folder of int8 rewrites of fp32 graphs, one sub-folder per source graph. */
  public static Path int8() {
    return path().resolve("int8");
  }

  /** Folder of evaluation embeddings. */
  public static Path evalCache() {
    return path().resolve("eval-cache");
  }

  /** Folder of finished evaluations' JSON reports, one file per {@code embedkit eval} run (the web page shows them). */
  public static Path evalReports() {
    return path().resolve("eval-reports");
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
