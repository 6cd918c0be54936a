package dev.embedkit.model;

import dev.embedkit.EmbedkitException;
import dev.embedkit.model.PackManifest.FileEntry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks an extracted pack's folder before it is used. The manifest must be this version's and list what this
 * embedkit extracts for the pack: the graph with the pack's SHA-256, tokenizer.json, and the config files as this jar
 * ships them (so an upgrade that fixes a config file reaches the cache). Every listed file must be a regular file
 * with its recorded size and SHA-256; files nobody listed are ignored.
 *
 * <p>The small files (under a megabyte together) are hashed on every check. The graph (23-133 MB) is hashed when its
 * verified stamp, written after its last full hash, no longer matches its size, modification time and file key, or
 * when the caller asks for a full check because the folder failed to load: a file damaged in place with its
 * modification time put back passes the stamp, but not the hash.
 */
final class PackCheck {
  static final String GRAPH = "onnx/model.onnx";
  static final String TOKENIZER = "tokenizer.json";
  /** Side file holding the graph's stamp: "SHA256 SIZE MODIFIED FILEKEY" when it was last hashed. */
  static final String STAMP = ".verified";
  private static final Logger LOG = LoggerFactory.getLogger(PackCheck.class);
  private static final Map<BuiltinPack, Map<String, FileEntry>> SHIPPED = new ConcurrentHashMap<>();

  private PackCheck() {}

  enum Kind {
    /** Nothing extracted yet. */
    ABSENT,
    /** Written by an embedkit that extracted something else: replaced without alarm. */
    OUTDATED,
    /** A file is missing or its bytes changed. */
    DAMAGED
  }

  /** Why a folder cannot be used as it is: {@code file} (relative to the folder) {@code what}. */
  record Problem(Kind kind, String file, String what) {
    String describe() {
      return file + " " + what;
    }

    /** The problem with the file's full path: "/home/me/.embedkit/packs/NAME/modules.json is missing". */
    String in(Path folder) {
      return folder.resolve(file).normalize() + " " + what;
    }
  }

  /** Empty when the folder can be used; {@code hashGraph} hashes the graph even when its stamp matches. */
  static Optional<Problem> check(BuiltinPack pack, Path folder, boolean hashGraph) {
    if (!Files.isDirectory(folder)) {
      return problem(Kind.ABSENT, ".", "is not extracted");
    }
    PackManifest manifest;
    try {
      manifest = PackManifest.read(folder.resolve(PackCache.MANIFEST));
    } catch (NoSuchFileException e) {
      return problem(Kind.DAMAGED, PackCache.MANIFEST, "is missing");
    } catch (IOException e) {
      return problem(Kind.DAMAGED, PackCache.MANIFEST, "cannot be read: " + firstLine(e));
    }
    if (manifest == null || !manifest.wellFormed()) {
      return problem(Kind.DAMAGED, PackCache.MANIFEST, "is incomplete");
    }
    Optional<Problem> outdated = outdated(pack, manifest);
    if (outdated.isPresent()) {
      return outdated;
    }
    for (FileEntry entry : manifest.files()) {
      Optional<Problem> damaged = checkFile(folder, entry, hashGraph);
      if (damaged.isPresent()) {
        return damaged;
      }
    }
    return Optional.empty();
  }

  private static Optional<Problem> outdated(BuiltinPack pack, PackManifest manifest) {
    if (manifest.version() != PackManifest.VERSION || manifest.files() == null) {
      return problem(Kind.OUTDATED, PackCache.MANIFEST, "has version " + Math.max(manifest.version(), 1)
          + (manifest.files() == null ? " without a list of files" : "") + "; this embedkit writes version "
          + PackManifest.VERSION);
    }
    if (!pack.coordinates().equals(manifest.coordinates())) {
      return problem(Kind.OUTDATED, PackCache.MANIFEST, "records " + manifest.coordinates()
          + "; this embedkit extracts " + pack.coordinates());
    }
    Map<String, FileEntry> listed = new LinkedHashMap<>();
    manifest.files().forEach(entry -> listed.put(entry.path(), entry));
    Map<String, FileEntry> expected = shipped(pack);
    TreeSet<String> expectedPaths = new TreeSet<>(expected.keySet());
    expectedPaths.add(TOKENIZER); // its SHA-256 is the jar's, recorded at extraction
    if (!expectedPaths.equals(new TreeSet<>(listed.keySet())) || listed.size() != manifest.files().size()) {
      return problem(Kind.OUTDATED, PackCache.MANIFEST, "lists " + new TreeSet<>(listed.keySet())
          + "; this embedkit extracts " + expectedPaths);
    }
    for (FileEntry entry : expected.values()) {
      if (!entry.equals(listed.get(entry.path()))) {
        return problem(Kind.OUTDATED, entry.path(), "was extracted with SHA-256 " + listed.get(entry.path()).sha256()
            + "; this embedkit ships SHA-256 " + entry.sha256());
      }
    }
    return Optional.empty();
  }

  private static Optional<Problem> checkFile(Path folder, FileEntry entry, boolean hashGraph) {
    Path file = folder.resolve(entry.path());
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      return problem(Kind.DAMAGED, entry.path(), "is missing");
    }
    if (!attributes.isRegularFile()) {
      return problem(Kind.DAMAGED, entry.path(), "is not a regular file");
    }
    if (attributes.size() != entry.size()) {
      return problem(Kind.DAMAGED, entry.path(), "has " + attributes.size() + " bytes, expected " + entry.size());
    }
    boolean graph = entry.path().equals(GRAPH);
    String stamp = stamp(entry.sha256(), attributes);
    if (graph && !hashGraph && stamp.equals(readStamp(folder))) {
      return Optional.empty();
    }
    String sha256;
    try (InputStream in = Files.newInputStream(file)) {
      sha256 = sha256(in, OutputStream.nullOutputStream());
    } catch (IOException e) {
      return problem(Kind.DAMAGED, entry.path(), "cannot be read: " + firstLine(e));
    }
    if (!sha256.equals(entry.sha256())) {
      return problem(Kind.DAMAGED, entry.path(), "has SHA-256 " + sha256 + ", expected " + entry.sha256());
    }
    if (graph) {
      writeStamp(folder, stamp);
    }
    return Optional.empty();
  }

  /** Records the graph as verified in {@code folder} (after extraction hashed it). */
  static void stampGraph(Path folder, String sha256) throws IOException {
    BasicFileAttributes attributes = Files.readAttributes(folder.resolve(GRAPH), BasicFileAttributes.class);
    Files.writeString(folder.resolve(STAMP), stamp(sha256, attributes), StandardCharsets.UTF_8);
  }

  /** What identifies the graph's bytes without reading them; the file key (device and inode) changes on a copy. */
  private static String stamp(String sha256, BasicFileAttributes attributes) {
    return sha256 + " " + attributes.size() + " " + attributes.lastModifiedTime() + " " + attributes.fileKey();
  }

  private static String readStamp(Path folder) {
    try {
      return Files.readString(folder.resolve(STAMP), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return null;
    }
  }

  // A torn or concurrent write only makes the next check hash the graph again, so no temp file and rename.
  private static void writeStamp(Path folder, String stamp) {
    try {
      Files.writeString(folder.resolve(STAMP), stamp, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.debug("cannot record the verified graph in {} ({}); it will be hashed again next time", folder, e.toString());
    }
  }

  /** The files this jar ships for the pack, by path: the graph (the pack's SHA-256) and the config resources. */
  static Map<String, FileEntry> shipped(BuiltinPack pack) {
    return SHIPPED.computeIfAbsent(pack, p -> {
      Map<String, FileEntry> files = new LinkedHashMap<>();
      files.put(GRAPH, new FileEntry(GRAPH, p.onnxSize(), p.onnxSha256()));
      for (String name : PackCache.CONFIG_FILES) {
        try (InputStream in = PackCheck.class.getClassLoader().getResourceAsStream(p.configResourceFolder() + name)) {
          if (in != null) {
            byte[] bytes = in.readAllBytes();
            files.put(name, new FileEntry(name, bytes.length, HexFormat.of().formatHex(digest().digest(bytes))));
          }
        } catch (IOException e) {
          throw EmbedkitException.internal("cannot read resource " + p.configResourceFolder() + name + ": " + e.getMessage(), e);
        }
      }
      return Map.copyOf(files);
    });
  }

  /** Copies {@code in} to {@code out}, returning the SHA-256 of the bytes, in hex. */
  static String sha256(InputStream in, OutputStream out) throws IOException {
    MessageDigest digest = digest();
    byte[] buffer = new byte[1 << 16];
    for (int n; (n = in.read(buffer)) > 0; ) {
      digest.update(buffer, 0, n);
      out.write(buffer, 0, n);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  private static String firstLine(IOException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse(message);
  }

  private static Optional<Problem> problem(Kind kind, String file, String what) {
    return Optional.of(new Problem(kind, file, what));
  }
}
