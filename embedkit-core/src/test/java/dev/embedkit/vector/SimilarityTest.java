package dev.embedkit.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Properties of the metrics, matrices and exact top-k on seeded random vectors. */
class SimilarityTest {
  static final Random RANDOM = new Random(17);

  static float[] random(int dims) {
    float[] v = new float[dims];
    for (int i = 0; i < dims; i++) {
      v[i] = (float) RANDOM.nextGaussian();
    }
    return v;
  }

  @Test
  void dotWithItselfIsTheSquaredNorm() {
    float[] v = random(97);
    double squared = 0;
    for (float x : v) {
      squared += x * x;
    }
    assertEquals(squared, VectorMath.dot(v, v), 1e-3);
    assertEquals(Math.sqrt(squared), VectorMath.norm(v), 1e-4);
  }

  @Test
  void orthogonalVectorsScoreZeroAndScaledVectorsScoreOne() {
    float[] a = {1, 0, 0, 2};
    float[] b = {0, 3, 0, 0};
    assertEquals(0f, Metric.COSINE.compute(a, b), 0f);
    assertEquals(0f, Metric.DOT.compute(a, b), 0f);
    assertEquals(1f, Metric.COSINE.compute(a, new float[] {2, 0, 0, 4}), 1e-6f);
    assertEquals(0f, Metric.COSINE.compute(a, new float[4]), 0f, "a zero vector has cosine 0, as sentence-transformers' cos_sim");
  }

  @Test
  void distancesArePositiveAndMatchTheirDefinitions() {
    float[] a = {1, 2, 3};
    float[] b = {4, 6, 3};
    assertEquals(5f, Metric.EUCLIDEAN.compute(a, b), 1e-6f);
    assertEquals(7f, Metric.MANHATTAN.compute(a, b), 1e-6f);
    assertEquals(0f, Metric.EUCLIDEAN.compute(a, a), 0f);
  }

  @Test
  void mismatchedLengthsAreRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VectorMath.dot(new float[3], new float[4]));
    assertEquals("vector dimensions differ: 3 != 4", e.getMessage());
  }

  @Test
  void matrixOfOneListIsSymmetricAndMatchesTwoListForm() {
    List<float[]> vectors = List.of(random(16), random(16), random(16));
    float[][] one = Similarity.matrix(vectors, Metric.COSINE);
    float[][] two = Similarity.matrix(vectors, vectors, Metric.COSINE);
    for (int i = 0; i < 3; i++) {
      assertEquals(1f, one[i][i], 1e-6f);
      for (int j = 0; j < 3; j++) {
        assertEquals(one[i][j], one[j][i], 0f);
        assertEquals(two[i][j], one[i][j], 1e-6f);
      }
    }
    assertEquals(2, Similarity.matrix(vectors.subList(0, 2), vectors, Metric.DOT).length);
    assertEquals(3, Similarity.matrix(vectors.subList(0, 2), vectors, Metric.DOT)[0].length);
  }

  @ParameterizedTest
  @EnumSource(Metric.class)
  void topKEqualsSortingEveryCandidate(Metric metric) {
    float[] query = random(33);
    List<float[]> candidates = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      candidates.add(random(33));
    }
    List<Neighbor> top = Similarity.topK(query, candidates, 10, metric);
    List<Integer> expected = IntStream.range(0, 200).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> metric.rankingScore(query, candidates.get(i))).reversed())
        .limit(10).toList();
    assertEquals(expected, top.stream().map(Neighbor::index).toList());
    assertEquals(metric.compute(query, candidates.get(expected.get(0))), top.get(0).value(), 0f);
  }

  @Test
  void topKKeepsLowerIndexOnTiesAndHandlesKLargerThanTheSet() {
    float[] q = {1, 0};
    List<float[]> candidates = List.of(new float[] {0, 1}, new float[] {1, 0}, new float[] {1, 0});
    List<Neighbor> top = Similarity.topK(q, candidates, 5, Metric.COSINE);
    assertEquals(List.of(1, 2, 0), top.stream().map(Neighbor::index).toList());
    assertThrows(IllegalArgumentException.class, () -> Similarity.topK(q, candidates, 0, Metric.COSINE));
  }

  @Test
  void metricNamesParseAndUnknownOnesListTheValidOnes() {
    assertEquals(Metric.DOT, Metric.fromString("dot_product"));
    assertEquals(Metric.EUCLIDEAN, Metric.fromString("Euclidean"));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Metric.fromString("jaccard"));
    assertEquals("unknown metric 'jaccard'; valid metrics are: cosine, dot, euclidean, manhattan", e.getMessage());
    assertTrue(Metric.COSINE.isSimilarity() && !Metric.MANHATTAN.isSimilarity());
  }
}
