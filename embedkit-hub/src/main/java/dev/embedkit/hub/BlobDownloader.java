package dev.embedkit.hub;

import dev.embedkit.progress.ByteSize;
import dev.embedkit.progress.ProgressBar;
import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one file into the cache the way huggingface_hub does: under a lock per blob, into {@code blobs/ETAG.incomplete}
 * (resumed with an HTTP Range when a previous run was cut short), checked against the size and hash the hub announced,
 * renamed into place in one step, then linked from the snapshot. A blob already there is checked the same way and
 * fetched again when it is corrupt.
 */
final class BlobDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(BlobDownloader.class);
  /** Threads of this process wait here; other processes wait on the file lock (which is per process). */
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();
  private static final int BUFFER = 1 << 16;
  private static final int ATTEMPTS = 2;

  private final HubClient client;
  private final HubCache cache;
  private final ProgressBar progress;
  private ProgressBar current = ProgressBar.SILENT;

  BlobDownloader(HubClient client, HubCache cache, ProgressBar progress) {
    this.client = client;
    this.cache = cache;
    this.progress = progress;
  }

  /** Makes snapshots/COMMIT/FILE point at a verified blob; returns the bytes downloaded. */
  long fetch(RepoId repo, String commit, String file, FileMetadata meta) {
    Path blob = cache.blob(repo, meta.etag());
    Path lockFile = cache.lockFile(repo, meta.etag());
    ReentrantLock local = IN_PROCESS.computeIfAbsent(lockFile.toAbsolutePath().normalize(), p -> new ReentrantLock());
    local.lock();
    try {
      Files.createDirectories(blob.getParent());
      Files.createDirectories(lockFile.getParent());
      try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        long downloaded = 0;
        if (Files.isRegularFile(blob)) {
          String problem = check(blob, meta);
          if (problem == null) {
            cache.link(repo, commit, file, meta.etag());
            return 0;
          }
          LOG.warn("{}: cached {} is corrupt ({}); fetching it again", repo, file, problem);
          Files.delete(blob);
        }
        for (int attempt = 1; ; attempt++) {
          Path incomplete = blob.resolveSibling(meta.etag() + ".incomplete");
          downloaded += transfer(repo, commit, file, meta, incomplete);
          String problem = check(incomplete, meta);
          if (problem == null) {
            HubCache.move(incomplete, blob);
            break;
          }
          Files.deleteIfExists(incomplete);
          if (attempt == ATTEMPTS) {
            throw EmbedkitException.model(repo + ": " + file + " downloaded from " + meta.location().getHost() + " is corrupt ("
                + problem + ") twice in a row; the server or a proxy alters it; try again later or another HF_ENDPOINT", null);
          }
          LOG.warn("{}: downloaded {} is corrupt ({}); downloading it again", repo, file, problem);
        }
        cache.link(repo, commit, file, meta.etag());
        return downloaded;
      }
    } catch (IOException e) {
      throw ioFailure(e, blob, file);
    } finally {
      local.unlock();
    }
  }

  private long transfer(RepoId repo, String commit, String file, FileMetadata meta, Path incomplete) throws IOException {
    long from = Files.isRegularFile(incomplete) ? Files.size(incomplete) : 0;
    if (meta.size() >= 0 && from > meta.size()) {
      Files.delete(incomplete);
      from = 0;
    }
    if (meta.size() >= 0 && from == meta.size()) {
      return 0;
    }
    checkSpace(incomplete, meta.size() < 0 ? 0 : meta.size() - from, file);
    if (from > 0) {
      LOG.info("{}: resuming {} at byte {}", repo, file, from);
    }
    HttpResponse<InputStream> response = client.download(meta.location(), from, repo, commit, file);
    if (response.statusCode() == 416) {
      HubClient.closeQuietly(response);
      return 0; // the partial file already holds everything; the check decides
    }
    boolean append = from > 0 && response.statusCode() == 206;
    if (!append) {
      from = 0; // the server ignored the Range: start over
    }
    current = progress.next(file.length() > 32 ? "..." + file.substring(file.length() - 29) : file, Math.max(0, meta.size()), from);
    long written = 0;
    try (InputStream in = response.body();
        OutputStream out = Files.newOutputStream(incomplete, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
            append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
      byte[] buffer = new byte[BUFFER];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        out.write(buffer, 0, n);
        written += n;
        current.advance(n);
      }
    } catch (IOException e) {
      current.finish();
      if (isDiskFull(e)) {
        throw ioFailure(e, incomplete, file);
      }
      throw EmbedkitException.internal(repo + ": download of " + file + " was cut off after " + (from + written)
          + " of " + (meta.size() < 0 ? "?" : meta.size()) + " bytes (" + e.getMessage() + "); run the same command again"
          + " to resume from there", e);
    }
    current.finish();
    return written;
  }

  /** Null when the file has the announced size and hash, else what is wrong. */
  static String check(Path file, FileMetadata meta) throws IOException {
    long size = Files.size(file);
    if (meta.size() >= 0 && size != meta.size()) {
      return "size " + size + ", expected " + meta.size();
    }
    if (meta.isSha256()) {
      String actual = digest(file, "SHA-256", null);
      return actual.equals(meta.etag()) ? null : "sha256 " + actual + ", expected " + meta.etag();
    }
    if (meta.isGitSha1()) {
      String actual = digest(file, "SHA-1", ("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
      return actual.equals(meta.etag()) ? null : "git sha1 " + actual + ", expected " + meta.etag();
    }
    return null;
  }

  static String digest(Path file, String algorithm, byte[] prefix) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    if (prefix != null) {
      digest.update(prefix);
    }
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 20];
      int n;
      while ((n = in.read(buffer)) >= 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static void checkSpace(Path file, long needed, String name) throws IOException {
    Path dir = file.getParent();
    long usable = Files.getFileStore(dir).getUsableSpace();
    if (needed > usable) {
      throw EmbedkitException.internal("not enough disk space for " + name + ": it needs " + ByteSize.human(needed)
          + " but " + dir + " has " + ByteSize.human(usable) + " free; free some space or point HF_HOME at a larger disk", null);
    }
  }

  private static boolean isDiskFull(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("No space left") || message.contains("Disk quota exceeded") || message.contains("not enough space");
  }

  private static EmbedkitException ioFailure(IOException e, Path where, String file) {
    if (isDiskFull(e)) {
      return EmbedkitException.internal("disk full while writing " + file + " to " + where.getParent()
          + "; free some space or point HF_HOME at a larger disk, then run again to resume", e);
    }
    return EmbedkitException.internal("cannot write " + file + " to the hub cache at " + where.getParent() + ": " + e, e);
  }
}
