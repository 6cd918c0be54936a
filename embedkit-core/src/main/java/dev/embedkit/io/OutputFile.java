package dev.embedkit.io;

import dev.embedkit.EmbedkitException;
import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.UUID;

/**
 * A file the user asked us to write, written so that nothing at the path is lost or clobbered:
 *
 * <ul>
 *   <li>a regular file, or nothing yet: written to a temporary file in the same folder, synced, and renamed over the
 *       target by {@link #commit()} (readers see the old file or the whole new one; a failed or interrupted run leaves
 *       the old file untouched and no temporary file behind). A symbolic link is followed: its target is replaced and
 *       the link stays. An existing file keeps its permissions; a new one gets the umask's (0666 & ~umask), like a
 *       shell redirection;
 *   <li>anything else that exists (a FIFO, {@code /dev/null}, a terminal): written through, never replaced;
 *   <li>a folder, or a path whose folder does not exist: a one-line error before anything is written.
 * </ul>
 *
 * <pre>{@code
 * try (OutputFile file = OutputFile.open(Path.of("vectors.npy"))) {
 *   file.stream().write(bytes);
 *   file.commit();
 * } // not committed (an exception): the temporary file is deleted, the target untouched
 * }</pre>
 */
public final class OutputFile implements AutoCloseable {
  /** Symbolic links followed before giving up (Linux's own limit). */
  static final int MAXIMUM_LINK_HOPS = 40;

  private final Path requested;
  private final Path target;
  private final Path temp;
  private final FileChannel channel;
  private final OutputStream stream;
  private boolean committed;
  private boolean closed;

  private OutputFile(Path requested, Path target, Path temp, FileChannel channel, OutputStream stream) {
    this.requested = requested;
    this.target = target;
    this.temp = temp;
    this.channel = channel;
    this.stream = stream;
  }

  /**
   * Checks, before a long run, that {@link #open} will accept the path: it is not a folder and its folder exists.
   * Nothing is created.
   */
  public static void check(Path path) {
    Path target = followLinks(path);
    if (Files.isDirectory(target)) {
      throw EmbedkitException.invalidInput("cannot write " + path + ": it is a folder; give a file name");
    }
    Path folder = target.toAbsolutePath().getParent();
    if (!Files.exists(target) && !Files.isDirectory(folder)) {
      throw EmbedkitException.notFound("cannot write " + path + ": folder " + folder + " does not exist");
    }
  }

  /**
   * Checks the path and opens it for writing.
   *
   * @throws EmbedkitException INVALID_INPUT/NOT_FOUND for a folder, a missing parent folder or a path that may not be
   *     written; INTERNAL for other I/O failures
   */
  public static OutputFile open(Path path) {
    Path target = followLinks(path);
    if (Files.isDirectory(target)) {
      throw EmbedkitException.invalidInput("cannot write " + path + ": it is a folder; give a file name");
    }
    if (Files.exists(target) && !Files.isRegularFile(target)) {
      return direct(path, target);
    }
    Path folder = target.toAbsolutePath().getParent();
    if (!Files.isDirectory(folder)) {
      throw EmbedkitException.notFound("cannot write " + path + ": folder " + folder + " does not exist");
    }
    Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID().toString().substring(0, 8) + ".tmp");
    TempFiles.register(temp);
    try {
      // CREATE_NEW without attributes: the file gets 0666 less the umask, as any program's new file does
      FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      return new OutputFile(path, target, temp, channel, buffered(Channels.newOutputStream(channel)));
    } catch (IOException e) {
      TempFiles.release(temp);
      throw IoErrors.of("write", path, e);
    }
  }

  private static OutputFile direct(Path path, Path target) {
    try {
      return new OutputFile(path, target, null, null, buffered(Files.newOutputStream(target, StandardOpenOption.WRITE)));
    } catch (IOException e) {
      throw IoErrors.of("write", path, e);
    }
  }

  private static OutputStream buffered(OutputStream out) {
    return new BufferedOutputStream(out, 1 << 16);
  }

  /** The path as the user gave it. */
  public Path path() {
    return requested;
  }

  /** True when the output is renamed into place at {@link #commit()}, false when it is written through. */
  public boolean atomic() {
    return temp != null;
  }

  /** Where to write; closing it does not commit (use {@link #commit()}). */
  public OutputStream stream() {
    return new FilterOutputStream(stream) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  /** Flushes, syncs and renames the output into place. */
  public void commit() {
    if (closed) {
      throw new IllegalStateException("output " + requested + " is closed");
    }
    try {
      stream.flush();
      if (channel != null) {
        channel.force(true);
      }
      stream.close();
      closed = true;
      if (temp != null) {
        keepPermissions();
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        TempFiles.release(temp);
      }
      committed = true;
    } catch (IOException e) {
      discard();
      throw IoErrors.of("write", requested, e);
    }
  }

  /** Discards the output unless committed: the temporary file is deleted and the target left as it was. */
  @Override
  public void close() {
    if (!committed) {
      discard();
    }
  }

  private void discard() {
    try {
      if (!closed) {
        closed = true;
        stream.close();
      }
    } catch (IOException e) {
      // discarding: the write already failed or was abandoned
    } finally {
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException e) {
          // left for the shutdown hook
        }
        TempFiles.release(temp);
      }
    }
  }

  /** An existing file keeps its mode: replacing it must not widen or narrow who may read it. */
  private void keepPermissions() throws IOException {
    if (!Files.isRegularFile(target)) {
      return;
    }
    PosixFileAttributeView from = Files.getFileAttributeView(target, PosixFileAttributeView.class);
    PosixFileAttributeView to = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
    if (from != null && to != null) {
      to.setPermissions(from.readAttributes().permissions());
    }
  }

  /** The path with symbolic links followed, also when the last link dangles (its target is what gets written). */
  static Path followLinks(Path path) {
    Path current = path;
    for (int hops = 0; Files.isSymbolicLink(current); hops++) {
      if (hops == MAXIMUM_LINK_HOPS) {
        throw EmbedkitException.invalidInput("cannot write " + path + ": too many levels of symbolic links");
      }
      try {
        Path link = Files.readSymbolicLink(current);
        Path parent = current.toAbsolutePath().getParent();
        current = parent == null ? link : parent.resolve(link);
      } catch (IOException e) {
        throw IoErrors.of("write", path, e);
      }
    }
    return current;
  }
}
