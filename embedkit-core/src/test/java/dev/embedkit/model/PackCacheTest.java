package dev.embedkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction of built-in packs: once, verified, atomic, safe under concurrent first use; a cached folder whose files
 * no longer match its manifest is extracted again. Loading through a damaged cache: {@code dev.embedkit.PackCacheLoadTest}.
 */
class PackCacheTest {
  static final BuiltinPack PACK = BuiltinPack.ALL_MINILM_L6_V2_INT8; // the smallest pack
  static final BuiltinPack MINILM = BuiltinPack.ALL_MINILM_L6_V2;

  @Test
  void extractsAnOrdinaryModelFolder(@TempDir Path root) {
    PackCache cache = new PackCache(root);
    assertFalse(cache.isCached(PACK));
    Path folder = cache.materialize(PACK);
    assertTrue(cache.isCached(PACK));
    for (String file : List.of("onnx/model.onnx", "tokenizer.json", "modules.json", "1_Pooling/config.json",
        "sentence_bert_config.json", "config_sentence_transformers.json", "config.json")) {
      assertTrue(Files.isRegularFile(folder.resolve(file)), file);
    }
    assertEquals(256, ModelFolder.read("x", folder, LoadOptions.DEFAULTS).maxSeqLength());
  }

  @Test
  void concurrentFirstUseEndsWithOneCompleteFolder(@TempDir Path root) throws Exception {
    PackCache cache = new PackCache(root);
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<Path>> results = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      results.add(pool.submit(() -> {
        start.await();
        return cache.materialize(PACK);
      }));
    }
    start.countDown();
    for (Future<Path> result : results) {
      assertEquals(cache.folderOf(PACK), result.get());
    }
    pool.shutdown();
    assertTrue(cache.isCached(PACK));
    try (Stream<Path> entries = Files.list(root)) {
      assertEquals(List.of(PACK.packName()), entries.map(p -> p.getFileName().toString()).toList(),
          "no temporary folders are left behind");
    }
  }

  @Test
  void twoProcessesExtractingAtOnceLeaveOneCompleteFolder(@TempDir Path root) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      processes.add(new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
          ExtractPackMain.class.getName(), root.toString(), PACK.name()).redirectErrorStream(true).start());
    }
    for (Process process : processes) {
      assertTrue(process.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
      String output = new String(process.getInputStream().readAllBytes()).strip();
      assertEquals(0, process.exitValue(), output);
      assertTrue(output.endsWith("ok"), output);
    }
    assertTrue(new PackCache(root).isCached(PACK));
    try (Stream<Path> entries = Files.list(root)) {
      assertEquals(List.of(PACK.packName()), entries.map(p -> p.getFileName().toString()).toList());
    }
  }

  @Test
  void aCorruptCachedFileIsDetectedAndExtractedAgain(@TempDir Path root) throws Exception {
    PackCache cache = new PackCache(root);
    Path onnx = cache.materialize(PACK).resolve("onnx/model.onnx");
    Files.write(onnx, new byte[] {1, 2, 3}); // e.g. a disk that filled up mid-copy in another tool
    assertFalse(cache.isCached(PACK));
    cache.materialize(PACK);
    assertEquals(PACK.onnxSize(), Files.size(onnx));
    assertTrue(cache.isCached(PACK));
  }

  @Test
  void aGraphChangedInPlaceWithANewModificationTimeIsExtractedAgain(@TempDir Path root) throws Exception {
    PackCache cache = new PackCache(root);
    Path onnx = cache.materialize(MINILM).resolve("onnx/model.onnx");
    FileTime modified = Files.getLastModifiedTime(onnx);
    overwrite(onnx, Files.size(onnx) / 2, new byte[] {1, 2, 3, 4}); // weights, not structure: ONNX Runtime would load it
    Files.setLastModifiedTime(onnx, FileTime.from(modified.toInstant().plusSeconds(10)));
    assertEquals(MINILM.onnxSize(), Files.size(onnx));
    assertFalse(cache.isCached(MINILM));
    cache.materialize(MINILM);
    assertEquals(MINILM.onnxSha256(), sha256(onnx));
    assertTrue(cache.isCached(MINILM));
  }

  @Test
  void aGraphWithOnlyANewModificationTimeIsHashedAndKept(@TempDir Path root) throws Exception {
    PackCache cache = new PackCache(root);
    Path onnx = cache.materialize(MINILM).resolve("onnx/model.onnx");
    Object fileKey = Files.readAttributes(onnx, BasicFileAttributes.class).fileKey();
    assumeTrue(fileKey != null, "this file system has no file keys to tell a re-extracted file by");
    Files.setLastModifiedTime(onnx, FileTime.from(Instant.now().plusSeconds(10)));
    assertTrue(cache.isCached(MINILM), "same bytes: the stamp is renewed, not the folder");
    cache.materialize(MINILM);
    assertEquals(fileKey, Files.readAttributes(onnx, BasicFileAttributes.class).fileKey());
  }

  @Test
  void aManifestWithoutAFileListIsExtractedAgain(@TempDir Path root) throws Exception {
    PackCache cache = new PackCache(root);
    Path folder = cache.materialize(MINILM);
    // What embedkit wrote before manifests listed files: nothing would notice the missing modules.json.
    new ObjectMapper().writeValue(folder.resolve("embedkit-pack.json").toFile(), Map.of("name", MINILM.packName(),
        "coordinates", MINILM.coordinates(), "repoId", MINILM.repoId(), "weights", MINILM.weights(),
        "onnxSha256", MINILM.onnxSha256()));
    Files.delete(folder.resolve("modules.json"));
    assertFalse(cache.isCached(MINILM));
    cache.materialize(MINILM);
    assertTrue(Files.isRegularFile(folder.resolve("modules.json")));
    assertEquals(2, new ObjectMapper().readTree(folder.resolve("embedkit-pack.json").toFile()).get("version").asInt());
    assertTrue(cache.isCached(MINILM));
  }

  @Test
  void filesNobodyListedAreIgnored(@TempDir Path root) throws Exception {
    PackCache cache = new PackCache(root);
    Path folder = cache.materialize(MINILM);
    Files.writeString(folder.resolve("notes.txt"), "mine");
    assertTrue(cache.isCached(MINILM));
    cache.materialize(MINILM);
    assertTrue(Files.isRegularFile(folder.resolve("notes.txt")), "the folder was not extracted again");
  }

  @Test
  void leftoverTemporaryFoldersOlderThanAnHourAreSweptWhenExtracting(@TempDir Path root) throws Exception {
    FileTime twoHoursAgo = FileTime.from(Instant.now().minus(Duration.ofHours(2)));
    Path deadTemp = root.resolve(".tmp-" + MINILM.packName() + "-dead");
    Path deadStale = root.resolve(".stale-dead");
    Path running = root.resolve(".tmp-" + MINILM.packName() + "-running"); // another process, extracting now
    for (Path folder : List.of(deadTemp, deadStale, running)) {
      Files.createDirectories(folder.resolve("onnx"));
      Files.write(folder.resolve("onnx/model.onnx"), new byte[1000]);
    }
    Files.setLastModifiedTime(deadTemp, twoHoursAgo);
    Files.setLastModifiedTime(deadStale, twoHoursAgo);
    new PackCache(root).materialize(MINILM);
    assertFalse(Files.exists(deadTemp));
    assertFalse(Files.exists(deadStale));
    assertTrue(Files.exists(running));
  }

  @Test
  void anExtractionStoppedBySigtermLeavesNoTemporaryFolder(@TempDir Path root) throws Exception {
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        ExtractPackMain.class.getName(), root.toString(), MINILM.name()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (temporaryFolders(root).isEmpty() && child.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(2);
    }
    child.destroy(); // SIGTERM on Unix: the JVM runs its shutdown hooks
    assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
    assumeTrue(child.exitValue() != 0, "the extraction finished before the signal arrived");
    assertEquals(List.of(), temporaryFolders(root));
  }

  private static List<String> temporaryFolders(Path root) throws Exception {
    try (Stream<Path> entries = Files.list(root)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".tmp-")).toList();
    }
  }

  static void overwrite(Path file, long position, byte[] bytes) throws Exception {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(bytes), position);
    }
  }

  static String sha256(Path file) throws Exception {
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    try (InputStream in = Files.newInputStream(file)) {
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
