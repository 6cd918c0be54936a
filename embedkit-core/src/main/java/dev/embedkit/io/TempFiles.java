package dev.embedkit.io;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Temporary files and folders that must not outlive the process: an output being written before its rename, a model
 * pack being extracted. Registered paths are deleted by a shutdown hook, which the JVM runs on normal exit and on
 * SIGINT/SIGTERM (Ctrl-C), so an interrupted run leaves nothing behind. Release a path once it has been renamed into
 * place.
 *
 * <pre>{@code
 * Path temp = TempFiles.register(folder.resolve(".out.json.tmp"));
 * try { write(temp); Files.move(temp, target, ATOMIC_MOVE); } finally { TempFiles.release(temp); }
 * }</pre>
 */
public final class TempFiles {
  private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();
  private static volatile boolean hooked;

  private TempFiles() {}

  /** Deletes {@code path} (recursively for a folder) if it still exists when the JVM exits. Returns it. */
  public static Path register(Path path) {
    hook();
    PENDING.add(path.toAbsolutePath());
    return path;
  }

  /** Forgets a path: it was renamed into place or deleted already. */
  public static void release(Path path) {
    PENDING.remove(path.toAbsolutePath());
  }

  /** Deletes a path and, for a folder, what is inside it; symbolic links are deleted, never followed. */
  public static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }

  private static void hook() {
    if (hooked) {
      return;
    }
    synchronized (TempFiles.class) {
      if (!hooked) {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteAll, "embedkit-temp-cleanup"));
        hooked = true;
      }
    }
  }

  private static void deleteAll() {
    for (Path path : PENDING) {
      try {
        deleteRecursively(path);
      } catch (IOException | RuntimeException e) {
        // the JVM is exiting: nothing more can be done, and nothing may be printed over the user's output
      }
    }
    PENDING.clear();
  }
}
