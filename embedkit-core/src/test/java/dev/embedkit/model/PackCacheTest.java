package dev.embedkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction of built-in packs: once, verified, atomic, safe under concurrent first use. */
class PackCacheTest {
  static final BuiltinPack PACK = BuiltinPack.ALL_MINILM_L6_V2_INT8; // the smallest pack

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
}
