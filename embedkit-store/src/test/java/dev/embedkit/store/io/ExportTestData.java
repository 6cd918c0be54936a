package dev.embedkit.store.io;

import dev.embedkit.store.Chunk;
import dev.embedkit.store.Metadata;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.StoredDocument.StoredChunk;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Stored documents as a collection would return them, with awkward floats in their vectors. */
final class ExportTestData {
  static final int DIMENSIONS = 7;

  private ExportTestData() {}

  /** A whole text, a text split in three, an image, and a vector-only document: 6 chunks. */
  static List<StoredDocument> documents(long seed) {
    Random random = new Random(seed);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("lang", "en");
    metadata.put("year", 2024L);
    metadata.put("score", 0.1 + 0.2);
    metadata.put("tags", List.of("a", "b \"quoted\""));
    metadata.put("ok", true);
    String longText = "First part. Second part, longer. Third part\nwith a line break and \u00e9 \uD83D\uDE00.";
    return List.of(
        new StoredDocument("whole", "A short text.", Metadata.normalize(metadata), null,
            List.of(chunk(0, 0, 13, "A short text.", random))),
        new StoredDocument("split/\u00e9", longText, Map.of("n", -1L), null, List.of(
            chunk(0, 0, 11, longText, random), chunk(1, 12, 32, longText, random),
            chunk(2, 33, longText.length(), longText, random))),
        new StoredDocument("image", null, Map.of(), "/photos/cat.png", List.of(chunk(0, 0, 0, "", random))),
        new StoredDocument("42", null, Map.of("x", 1.5e-300), null, List.of(chunk(0, 0, 0, "", random))));
  }

  private static StoredChunk chunk(int index, int start, int end, String text, Random random) {
    return new StoredChunk(new Chunk(index, start, end, text.substring(start, end)), vector(random));
  }

  /** Floats whose decimals are easy to get wrong: subnormals, extremes, and random bit patterns. */
  static float[] vector(Random random) {
    float[] special = {Float.MIN_VALUE, -Float.MAX_VALUE, 1.17549435e-38f, 0.1f, -0.0f, 1e-45f * 3, 16777217f};
    float[] vector = new float[DIMENSIONS];
    for (int i = 0; i < DIMENSIONS; i++) {
      float bits;
      do {
        bits = Float.intBitsToFloat(random.nextInt());
      } while (!Float.isFinite(bits));
      vector[i] = random.nextBoolean() ? special[i] : bits;
    }
    return vector;
  }

  static long rows(List<StoredDocument> documents) {
    return documents.stream().mapToLong(d -> d.chunks().size()).sum();
  }

  static List<float[]> vectors(List<StoredDocument> documents) {
    List<float[]> all = new ArrayList<>();
    documents.forEach(d -> d.chunks().forEach(c -> all.add(c.vector())));
    return all;
  }
}
