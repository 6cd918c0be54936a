package dev.embedkit.hub;

import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The Hugging Face hub cache, in huggingface_hub's own layout so either tool reuses what the other fetched:
 *
 * <pre>
 * models--ORG--NAME/
 *   blobs/ETAG                       file contents, named by ETag (git sha1, or sha256 for LFS files)
 *   snapshots/COMMIT/PATH -> ../../blobs/ETAG   relative symbolic links, one tree per commit
 *   refs/REVISION                    the commit a branch or tag pointed to when last fetched
 * .locks/models--ORG--NAME/ETAG.lock
 * </pre>
 */
public final class HubCache {
  private final Path root;

  public HubCache(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  public Path repoDir(RepoId repo) {
    return root.resolve(repo.folderName());
  }

  public Path blob(RepoId repo, String etag) {
    return repoDir(repo).resolve("blobs").resolve(etag);
  }

  Path lockFile(RepoId repo, String etag) {
    return root.resolve(".locks").resolve(repo.folderName()).resolve(etag + ".lock");
  }

  public Path snapshotDir(RepoId repo, String commit) {
    return repoDir(repo).resolve("snapshots").resolve(commit);
  }

  /** The commit a revision stands for in the cache: the revision itself when it is a commit, else refs/REVISION. */
  public Optional<String> commitFor(RepoId repo, String revision) {
    if (RepoPaths.isCommit(revision)) {
      return Files.isDirectory(snapshotDir(repo, revision)) ? Optional.of(revision) : Optional.empty();
    }
    Path ref = repoDir(repo).resolve("refs").resolve(revision);
    try {
      if (!Files.isRegularFile(ref)) {
        return Optional.empty();
      }
      String commit = Files.readString(ref, StandardCharsets.UTF_8).trim();
      return RepoPaths.isCommit(commit) ? Optional.of(commit) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Records that {@code revision} points at {@code commit}; a no-op when the revision is the commit. */
  void writeRef(RepoId repo, String revision, String commit) throws IOException {
    if (revision.equals(commit) || commitFor(repo, revision).filter(commit::equals).isPresent()) {
      return;
    }
    Path ref = repoDir(repo).resolve("refs").resolve(revision);
    Files.createDirectories(ref.getParent());
    Path temp = ref.resolveSibling(".tmp-" + UUID.randomUUID());
    // huggingface_hub writes the bare hash, without a newline.
    Files.writeString(temp, commit, StandardCharsets.UTF_8);
    move(temp, ref);
  }

  /** Points snapshots/COMMIT/PATH at the blob with a relative link, replacing what was there. */
  void link(RepoId repo, String commit, String file, String etag) throws IOException {
    Path pointer = snapshotDir(repo, commit).resolve(file);
    Path blob = blob(repo, etag);
    Files.createDirectories(pointer.getParent());
    Path target = pointer.getParent().relativize(blob);
    if (Files.isSymbolicLink(pointer) && Files.readSymbolicLink(pointer).equals(target)) {
      return;
    }
    Path temp = pointer.resolveSibling(".tmp-" + UUID.randomUUID());
    try {
      Files.createSymbolicLink(temp, target);
    } catch (UnsupportedOperationException | FileSystemException e) {
      // No symbolic links here (Windows without developer mode): a copy, as huggingface_hub does.
      Files.copy(blob, temp);
    }
    move(temp, pointer);
  }

  /** The files of a cached snapshot that resolve to readable content, as repo-relative names with '/'. */
  public List<String> snapshotFiles(RepoId repo, String commit) {
    Path dir = snapshotDir(repo, commit);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(name -> !name.contains(".tmp-")).sorted().collect(Collectors.toList());
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }

  /** Every model repo in the cache. */
  public List<RepoId> repos() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(root)) {
      return list.filter(Files::isDirectory).map(p -> RepoId.fromFolderName(p.getFileName().toString()))
          .filter(r -> r != null).sorted(Comparator.comparing(RepoId::value)).collect(Collectors.toList());
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot read the hub cache at " + root + ": " + e.getMessage(), e);
    }
  }

  /** Revisions recorded under refs/, with the commit each points at. */
  public List<String[]> refs(RepoId repo) {
    Path refs = repoDir(repo).resolve("refs");
    if (!Files.isDirectory(refs)) {
      return List.of();
    }
    List<String[]> result = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(refs)) {
      for (Path ref : walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
        String name = refs.relativize(ref).toString().replace('\\', '/');
        commitFor(repo, name).ifPresent(c -> result.add(new String[] {name, c}));
      }
    } catch (IOException e) {
      return result;
    }
    return result;
  }

  /** Bytes the repo takes on disk (its blobs, partial downloads included). */
  public long sizeOf(RepoId repo) {
    Path blobs = repoDir(repo).resolve("blobs");
    if (!Files.isDirectory(blobs)) {
      return 0;
    }
    try (Stream<Path> list = Files.list(blobs)) {
      return list.filter(Files::isRegularFile).mapToLong(p -> {
        try {
          return Files.size(p);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      return 0;
    }
  }

  /** Removes a repo from the cache: first renamed away in one step, so no reader sees half a repo. */
  public boolean remove(RepoId repo) throws IOException {
    Path dir = repoDir(repo);
    if (!Files.exists(dir)) {
      return false;
    }
    Path aside = root.resolve(".trash-" + UUID.randomUUID());
    Files.move(dir, aside, StandardCopyOption.ATOMIC_MOVE);
    deleteRecursively(aside);
    deleteRecursively(root.resolve(".locks").resolve(repo.folderName()));
    return true;
  }

  static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
        Files.deleteIfExists(p);
      }
    }
  }
}
