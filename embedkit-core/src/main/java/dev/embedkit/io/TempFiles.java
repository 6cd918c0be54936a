package dev.embedkit.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * Temporary files and folders that must not outlive the JVM: one is registered while it is being written and
 * released once it has been renamed into place. A shutdown hook, which also runs on SIGINT and SIGTERM, deletes
 * whatever is still registered, folders with everything under them.
 *
 * <pre>{@code
 * Path temp = TempFiles.register(target.resolveSibling(".tmp-" + UUID.randomUUID()));
 * try {
 *   write(temp);
 *   Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
 * } finally {
 *   TempFiles.delete(temp); // nothing left to delete after the rename; releases it either way
 * }
 * }</pre>
 *
 * A JVM killed outright (SIGKILL, power loss) runs no hook; whoever owns the parent folder should still sweep old
 * leftovers.
 */
public final class TempFiles {
  private static final Set<Path> REGISTERED = ConcurrentHashMap.newKeySet();
  private static final AtomicBoolean HOOKED = new AtomicBoolean();

  private TempFiles() {}

  /** Deletes {@code path} (recursively) if the JVM exits before {@link #release} or {@link #delete}; returns it. */
  public static Path register(Path path) {
    if (HOOKED.compareAndSet(false, true)) {
      try {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFiles::deleteRegistered, "embedkit-temp-files"));
      } catch (IllegalStateException e) {
        // the JVM is already shutting down: there is nothing left to hook
      }
    }
    REGISTERED.add(path.toAbsolutePath());
    return path;
  }

  /** Keeps {@code path} at exit: it was renamed into place, or its owner deleted it. */
  public static void release(Path path) {
    REGISTERED.remove(path.toAbsolutePath());
  }

  /** Deletes {@code path} now, a folder with everything under it, and releases it; a missing path is fine. */
  public static void delete(Path path) throws IOException {
    try {
      deleteTree(path);
    } finally {
      release(path);
    }
  }

  private static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) { // does not follow links: a link is deleted, not its target
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static void deleteRegistered() {
    for (Path path : REGISTERED) {
      // The writer may still be running and add a file between the walk and the folder's deletion: try again.
      for (int attempt = 0; attempt < 3 && Files.exists(path, LinkOption.NOFOLLOW_LINKS); attempt++) {
        try {
          deleteTree(path);
        } catch (IOException | RuntimeException e) {
          // best effort: the owner's sweep removes what is left
        }
      }
    }
  }
}
