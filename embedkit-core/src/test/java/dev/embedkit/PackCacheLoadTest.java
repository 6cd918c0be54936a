package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.PackCache;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loading a built-in pack through a damaged cache: the next load finds the damage (the manifest's sizes and hashes,
 * or the graph failing to load), extracts the pack again and works, with the files restored.
 */
class PackCacheLoadTest {
  static final BuiltinPack PACK = BuiltinPack.ALL_MINILM_L6_V2;
  static final String TEXT = "The weather is lovely today.";

  @TempDir Path root;
  PackCache cache;
  Path folder;

  @BeforeEach
  void extract() {
    cache = new PackCache(root);
    folder = cache.materialize(PACK);
  }

  @Test
  void aTokenizerDamagedInPlaceIsExtractedAgainOnTheNextLoad() throws Exception {
    Path tokenizer = folder.resolve("tokenizer.json");
    byte[] good = Files.readAllBytes(tokenizer);
    byte[] bad = good.clone();
    Arrays.fill(bad, 0, 64, (byte) '#'); // same size; no longer JSON
    Files.write(tokenizer, bad);
    assertEquals(384, embed().length);
    assertArrayEquals(good, Files.readAllBytes(tokenizer));
  }

  @Test
  void aTruncatedTokenizerIsExtractedAgainOnTheNextLoad() throws Exception {
    Path tokenizer = folder.resolve("tokenizer.json");
    byte[] good = Files.readAllBytes(tokenizer);
    Files.write(tokenizer, Arrays.copyOf(good, good.length / 2));
    assertEquals(384, embed().length);
    assertArrayEquals(good, Files.readAllBytes(tokenizer));
  }

  @Test
  void aDeletedModulesJsonIsExtractedAgainAndVectorsAreNormalisedAgain() throws Exception {
    Files.delete(folder.resolve("modules.json")); // without it the Normalize module is unknown
    assertEquals(1.0, norm(embed()), 1e-5);
    assertTrue(Files.isRegularFile(folder.resolve("modules.json")));
  }

  @Test
  void aGraphThatFailsToLoadIsHashedAndExtractedAgain() throws Exception {
    float[] before = embed();
    Path onnx = folder.resolve("onnx/model.onnx");
    FileTime modified = Files.getLastModifiedTime(onnx);
    byte[] garbage = new byte[16];
    Arrays.fill(garbage, (byte) 0xFF); // an endless varint where the protobuf's first field starts
    try (FileChannel channel = FileChannel.open(onnx, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(garbage), 0);
    }
    Files.setLastModifiedTime(onnx, modified); // size and stamp unchanged: only loading it shows the damage
    assertTrue(cache.isCached(PACK), "the quick check trusts the stamp; this test is about the load");
    assertArrayEquals(before, embed());
    assertTrue(Files.readAllBytes(onnx)[0] != (byte) 0xFF, "the graph was extracted again");
  }

  private float[] embed() {
    try (EmbeddingModel model = Embedkit.load(PACK.packName(), LoadOptions.DEFAULTS, cache)) {
      return model.embed(TEXT);
    }
  }

  private static double norm(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += x * x;
    }
    return Math.sqrt(sum);
  }
}
