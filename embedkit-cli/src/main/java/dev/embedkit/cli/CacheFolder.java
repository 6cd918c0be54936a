package dev.embedkit.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Measures and clears one cache folder without ever following a symbolic link inside it: a link is counted as its own
 * few bytes and deleted as a link, so the hub folders' links into the Hugging Face cache never take their targets
 * with them. (A cache folder that is itself a link, say packs -> /big/disk/packs, is where the cache lives: its
 * entries are cleared, the link stays.)
 *
 * <p>Safe while other processes use the cache: each entry is first renamed to a {@code .trash-} name in one step and
 * only then deleted, so no reader ever sees half an entry; the writers (pack extraction, int8 graphs, hub folders,
 * eval vectors) build under temporary names and rename into place, so they re-create what is missing on their next
 * use. A temporary {@code .tmp-} entry younger than {@link #IN_PROGRESS} is another process's build in progress and
 * is left alone.
 */
final class CacheFolder {
  /** A temporary entry younger than this is being written by someone. */
  static final Duration IN_PROGRESS = Duration.ofMinutes(10);
  private static final String TRASH_PREFIX = ".trash-";
  private static final String TEMP_PREFIX = ".tmp-";

  /**
   * What a cache folder holds.
   *
   * @param exists whether the folder exists
   * @param entries top-level entries, not counting hidden (temporary, leftover) ones
   * @param bytes bytes of the regular files in it, leftovers included; links count nothing, their targets are not counted
   */
  record Usage(boolean exists, int entries, long bytes) {}

  /**
   * What clearing freed.
   *
   * @param existed whether there was a folder to clear
   * @param entries top-level entries removed, not counting hidden leftovers
   * @param bytes bytes freed
   * @param skipped entries left alone: in progress in another process, or not removable
   * @param foreign entries left alone because embedkit did not make them
   */
  record Cleared(boolean existed, int entries, long bytes, int skipped, int foreign) {}

  private CacheFolder() {}

  static Usage usage(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return new Usage(false, 0, 0);
    }
    int entries = 0;
    long bytes = 0;
    try (DirectoryStream<Path> list = Files.newDirectoryStream(folder)) {
      for (Path entry : list) {
        entries += isHidden(entry) ? 0 : 1;
        bytes += sizeOf(entry);
      }
    }
    return new Usage(true, entries, bytes);
  }

  /**
   * Deletes what embedkit made in a cache folder ({@code ours}); anything else found there is the user's and is left
   * alone and counted. Entries are listed first, then each is renamed aside in one step and deleted.
   */
  static Cleared clear(Path folder, Instant now, Predicate<Path> ours) throws IOException {
    if (!Files.isDirectory(folder)) {
      return new Cleared(false, 0, 0, 0, 0);
    }
    Path root = folder.toRealPath();
    List<Path> listed = new ArrayList<>();
    try (DirectoryStream<Path> list = Files.newDirectoryStream(root)) {
      list.forEach(listed::add);
    }
    int entries = 0;
    int skipped = 0;
    int foreign = 0;
    long bytes = 0;
    for (Path entry : listed) {
      if (!ours.test(entry)) {
        foreign++;
        continue;
      }
      if (isInProgress(entry, now)) {
        skipped++;
        continue;
      }
      long size = sizeOf(entry);
      boolean leftOverTrash = entry.getFileName().toString().startsWith(TRASH_PREFIX);
      Path aside = leftOverTrash ? entry : root.resolve(TRASH_PREFIX + UUID.randomUUID());
      try {
        if (!leftOverTrash) {
          Files.move(entry, aside, StandardCopyOption.ATOMIC_MOVE);
        }
      } catch (NoSuchFileException e) {
        continue; // another process removed it first
      } catch (IOException e) {
        skipped++; // in use where the system forbids moving it (Windows); left for next time
        continue;
      }
      entries += isHidden(entry) ? 0 : 1;
      deleteTree(aside);
      bytes += size;
    }
    return new Cleared(true, entries, bytes, skipped, foreign);
  }

  private static boolean isHidden(Path entry) {
    return entry.getFileName().toString().startsWith(".");
  }

  private static boolean isInProgress(Path entry, Instant now) throws IOException {
    if (!entry.getFileName().toString().startsWith(TEMP_PREFIX)) {
      return false;
    }
    try {
      Instant modified = Files.getLastModifiedTime(entry, LinkOption.NOFOLLOW_LINKS).toInstant();
      return modified.isAfter(now.minus(IN_PROGRESS));
    } catch (NoSuchFileException e) {
      return false;
    }
  }

  /** Bytes of the regular files under {@code path}, links not followed. */
  static long sizeOf(Path path) throws IOException {
    long[] total = {0};
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        total[0] += attrs.isRegularFile() ? attrs.size() : 0;
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        return FileVisitResult.CONTINUE; // vanished or unreadable: it frees nothing we can count
      }
    });
    return total[0];
  }

  /** Deletes a tree bottom-up; a link is deleted as a link (walkFileTree does not follow links unless told to). */
  private static void deleteTree(Path path) throws IOException {
    Files.walkFileTree(path, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.deleteIfExists(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
        if (e instanceof NoSuchFileException) {
          return FileVisitResult.CONTINUE; // another process deleted it meanwhile: the goal either way
        }
        throw e;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
        if (e != null && !(e instanceof NoSuchFileException)) {
          throw e;
        }
        Files.deleteIfExists(dir);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
