package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.vector.Metric;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The similarities sentence-transformers publishes for all-MiniLM-L6-v2 (its README and docs). */
class ReferenceSimilarityTest {
  static final List<String> SENTENCES =
      List.of("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.");
  private static EmbeddingModel model;

  @BeforeAll
  static void load() {
    model = Embedkit.load(Embedkit.DEFAULT_MODEL);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  @Test
  void reproducesPublishedCosineSimilarities() {
    List<float[]> v = model.embed(SENTENCES).vectors();
    assertEquals(0.6660, Metric.COSINE.compute(v.get(0), v.get(1)), 5e-5);
    assertEquals(0.1046, Metric.COSINE.compute(v.get(0), v.get(2)), 5e-5);
    assertEquals(0.1411, Metric.COSINE.compute(v.get(1), v.get(2)), 5e-5);
  }

  @Test
  void defaultModelIsAll384DimensionalAndNormalised() {
    ModelInfo info = model.info();
    assertEquals(384, info.dimensions());
    assertEquals(256, info.maxSeqLength());
    float[] v = model.embed("The weather is lovely today.");
    assertEquals(1.0, dev.embedkit.vector.VectorMath.norm(v), 1e-5);
  }
}
