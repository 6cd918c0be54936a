package dev.embedkit.explore.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.explore.ExploreTestData;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class NnDescentTest {
  private static final int K = 15;

  @Test
  void recallOnRealEmbeddingsForcedThroughNnDescentIsAtLeast95Percent() {
    float[][] vectors = ExploreTestData.stsbEmbeddings();
    KnnGraph approximate = NnDescent.build(vectors, K, NnDescentOptions.DEFAULTS);
    KnnGraph exact = NearestNeighbours.exact(vectors, K);
    double recall = recall(approximate, exact, allRows(vectors.length));
    System.out.printf("NN-descent recall@%d on %d STS-B embeddings: %.4f%n", K, vectors.length, recall);
    assertTrue(recall >= 0.95, "recall " + recall);
  }

  @Test
  void recallOnRealEmbeddingsFromARandomStartIsAtLeast95Percent() {
    // without trees the local joins alone must find the neighbours, which tests the join rather than the forest
    float[][] vectors = ExploreTestData.stsbEmbeddings();
    KnnGraph approximate = NnDescent.build(vectors, K, NnDescentOptions.DEFAULTS.withTrees(0));
    double recall = recall(approximate, NearestNeighbours.exact(vectors, K), allRows(vectors.length));
    System.out.printf("NN-descent recall@%d from a random start: %.4f%n", K, recall);
    assertTrue(recall >= 0.95, "recall " + recall);
  }

  @Test
  void recallOnTwentyThousandSyntheticClusteredVectorsIsAtLeast95Percent() {
    float[][] vectors = SyntheticClusters.generate(20_000, 128, 40, 3);
    long start = System.nanoTime();
    KnnGraph approximate = NearestNeighbours.build(vectors, K, 11);
    long millis = (System.nanoTime() - start) / 1_000_000;
    // the exact answer for a seeded sample of rows keeps the test fast; the sample is an unbiased recall estimate
    int[] rows = new SplittableRandom(5).ints(600, 0, vectors.length).distinct().toArray();
    KnnGraph exact = exactRows(vectors, rows, K);
    double recall = recall(approximate, exact, rows);
    System.out.printf("NN-descent recall@%d on 20,000 x 128 synthetic: %.4f in %d ms%n", K, recall, millis);
    assertTrue(recall >= 0.95, "recall " + recall);
  }

  @Test
  void theSameSeedGivesTheSameGraph() {
    float[][] vectors = SyntheticClusters.generate(6_000, 64, 12, 8);
    KnnGraph first = NnDescent.build(vectors, 10, NnDescentOptions.DEFAULTS.withSeed(4));
    KnnGraph second = NnDescent.build(vectors, 10, NnDescentOptions.DEFAULTS.withSeed(4));
    for (int i = 0; i < vectors.length; i++) {
      assertArrayEquals(first.indices()[i], second.indices()[i], "row " + i);
      assertArrayEquals(first.distances()[i], second.distances()[i], "row " + i);
    }
  }

  @Test
  void rowsAreSortedNearestFirstWithoutThePointItselfOrRepeats() {
    float[][] vectors = SyntheticClusters.generate(5_000, 64, 10, 2);
    KnnGraph graph = NearestNeighbours.build(vectors, 12, 1);
    assertEquals(5_000, graph.size());
    assertEquals(12, graph.k());
    for (int i = 0; i < graph.size(); i++) {
      int[] row = graph.indices()[i];
      assertEquals(row.length, java.util.Arrays.stream(row).distinct().count(), "repeat in row " + i);
      for (int j = 0; j < row.length; j++) {
        assertFalse(row[j] == i, "point " + i + " is its own neighbour");
        double expected = 1 - dot(vectors[i], vectors[row[j]]);
        assertEquals(Math.max(0, expected), graph.distances()[i][j], 1e-5);
        if (j > 0) {
          assertTrue(graph.distances()[i][j - 1] <= graph.distances()[i][j], "row " + i + " out of order");
        }
      }
    }
  }

  @Test
  void smallSetsAreExact() {
    float[][] vectors = SyntheticClusters.generate(500, 32, 5, 9);
    KnnGraph graph = NearestNeighbours.build(vectors, 7, 3);
    assertEquals(1.0, recall(graph, exactRows(vectors, allRows(500), 7), allRows(500)), 1e-12);
  }

  @Test
  void kOfAtLeastTheNumberOfPointsIsRefused() {
    float[][] vectors = SyntheticClusters.generate(10, 8, 2, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NearestNeighbours.build(vectors, 10, 1));
    assertTrue(e.getMessage().contains("k=10") && e.getMessage().contains("points=10"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> NnDescent.build(vectors, 12, NnDescentOptions.DEFAULTS));
    assertThrows(IllegalArgumentException.class, () -> NearestNeighbours.build(vectors, 0, 1));
  }

  /** The exact neighbours of the given rows by a plain double-precision scan (row r of the result is rows[r]). */
  private static KnnGraph exactRows(float[][] vectors, int[] rows, int k) {
    int[][] indices = new int[rows.length][];
    float[][] distances = new float[rows.length][];
    java.util.stream.IntStream.range(0, rows.length).parallel().forEach(r -> {
      int i = rows[r];
      Integer[] order = new Integer[vectors.length];
      double[] d = new double[vectors.length];
      for (int j = 0; j < vectors.length; j++) {
        order[j] = j;
        d[j] = j == i ? Double.POSITIVE_INFINITY : 1 - dot(vectors[i], vectors[j]);
      }
      java.util.Arrays.sort(order, (x, y) -> Double.compare(d[x], d[y]));
      indices[r] = new int[k];
      distances[r] = new float[k];
      for (int j = 0; j < k; j++) {
        indices[r][j] = order[j];
        distances[r][j] = (float) d[order[j]];
      }
    });
    return new KnnGraph(indices, distances);
  }

  /**
   * Share of true neighbours found; a found neighbour tied in distance with the true k-th also counts, since either
   * is a correct answer.
   */
  private static double recall(KnnGraph approximate, KnnGraph exact, int[] rows) {
    long hits = 0;
    long total = 0;
    for (int r = 0; r < rows.length; r++) {
      int[] truth = exact.indices()[r];
      int k = truth.length;
      float kth = exact.distances()[r][k - 1];
      int[] found = approximate.indices()[rows[r]];
      for (int j = 0; j < Math.min(k, found.length); j++) {
        boolean hit = approximate.distances()[rows[r]][j] <= kth + 1e-6f;
        for (int t : truth) {
          hit |= t == found[j];
        }
        hits += hit ? 1 : 0;
      }
      total += k;
    }
    return (double) hits / total;
  }

  private static int[] allRows(int n) {
    return java.util.stream.IntStream.range(0, n).toArray();
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += (double) a[i] * b[i];
    }
    return s;
  }
}
