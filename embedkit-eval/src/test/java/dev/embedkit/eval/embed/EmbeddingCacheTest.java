package dev.embedkit.eval.embed;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingCacheTest {
  @TempDir Path dir;

  @Test
  void storedVectorsComeBackBitForBit() {
    EmbeddingCache cache = new EmbeddingCache(dir);
    List<float[]> vectors = List.of(new float[] {1.5f, -0f, Float.MIN_VALUE}, new float[] {3, 4, 5});
    String key = EmbeddingCache.key("model|fp32", "query: ", List.of("a", "b"));
    cache.put("some/model", key, vectors);
    List<float[]> back = cache.get("some/model", key, 2).orElseThrow();
    assertArrayEquals(vectors.get(0), back.get(0));
    assertArrayEquals(vectors.get(1), back.get(1));
    assertTrue(cache.get("some/model", key, 3).isEmpty(), "a row-count mismatch is a miss");
  }

  @Test
  void theKeyChangesWithPromptTextsAndModel() {
    String base = EmbeddingCache.key("m", "", List.of("a", "b"));
    assertNotEquals(base, EmbeddingCache.key("m", "query: ", List.of("a", "b")));
    assertNotEquals(base, EmbeddingCache.key("m", "", List.of("b", "a")));
    assertNotEquals(base, EmbeddingCache.key("m", "", List.of("ab")));
    assertNotEquals(base, EmbeddingCache.key("m2", "", List.of("a", "b")));
  }

  @Test
  void aCorruptFileIsAMissNotAnError() throws Exception {
    EmbeddingCache cache = new EmbeddingCache(dir);
    String key = EmbeddingCache.key("m", "", List.of("a"));
    cache.put("m", key, List.of(new float[] {1, 2}));
    try (var files = Files.walk(dir)) {
      Path file = files.filter(p -> p.toString().endsWith(".f32")).findFirst().orElseThrow();
      Files.write(file, new byte[] {1, 2, 3});
    }
    assertTrue(cache.get("m", key, 1).isEmpty());
  }

  @Test
  void aCacheThatCannotBeWrittenIsSkippedNotFatal() throws Exception {
    // What an evaluation meets when 'embedkit cache clear eval' runs meanwhile, the disk is full or the home read-only:
    // here the cache root is a file, so no folder can be made in it.
    Path notAFolder = Files.writeString(dir.resolve("eval-cache"), "a file where the folder should be");
    EmbeddingCache cache = new EmbeddingCache(notAFolder);
    String key = EmbeddingCache.key("m", "", List.of("a"));
    cache.put("m", key, List.of(new float[] {1, 2}));
    assertTrue(cache.get("m", key, 1).isEmpty());
  }
}
