package dev.embedkit.explore.knn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.vector.VectorMath;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ExactKnnTest {

  @Test
  void equalsSortingAllDistancesOnRandomData() {
    // 1000 rows: not a multiple of the row or candidate blocks; 37 dimensions: not a multiple of the unroll
    float[][] x = randomUnitVectors(1000, 37, 7);
    KnnGraph graph = ExactKnn.build(x, 12);
    assertEquals(1000, graph.size());
    assertEquals(12, graph.k());
    for (int i = 0; i < x.length; i++) {
      int[] expected = naiveNeighbours(x, i, 12);
      assertArrayEquals(expected, graph.indices()[i], "neighbours of " + i);
      for (int m = 0; m < 12; m++) {
        assertEquals(1f - StrictDot.of(x[i], x[expected[m]]), graph.distances()[i][m], "distance " + m + " of " + i);
      }
    }
  }

  @Test
  void sameGraphOnOneThreadAsOnMany() throws Exception {
    float[][] x = randomUnitVectors(900, 20, 13);
    ForkJoinPool one = new ForkJoinPool(1);
    ForkJoinPool three = new ForkJoinPool(3);
    try {
      KnnGraph single = one.submit(() -> ExactKnn.build(x, 15)).get();
      KnnGraph many = three.submit(() -> ExactKnn.build(x, 15)).get();
      assertTrue(Arrays.deepEquals(single.indices(), many.indices()));
      assertTrue(Arrays.deepEquals(single.distances(), many.distances()));
    } finally {
      one.shutdown();
      three.shutdown();
    }
  }

  @Test
  void breaksTiesByIndex() {
    // copies of a few vectors give exactly equal distances, so only the tie rule decides the order
    float[][] base = randomUnitVectors(60, 16, 11);
    float[][] x = new float[240][];
    for (int i = 0; i < x.length; i++) {
      x[i] = base[i % base.length].clone();
    }
    KnnGraph graph = ExactKnn.build(x, 9);
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(naiveNeighbours(x, i, 9), graph.indices()[i], "neighbours of " + i);
      // each point's three copies are its nearest, at distance ~0, in index order
      int point = i;
      int[] copies = IntStream.range(0, 4).map(c -> point % 60 + 60 * c).filter(j -> j != point).toArray();
      assertArrayEquals(copies, Arrays.copyOf(graph.indices()[i], 3), "copies of " + i);
    }
  }

  @Test
  void distancesAscendWithoutThePointItself() {
    float[][] x = randomUnitVectors(300, 24, 3);
    KnnGraph graph = ExactKnn.build(x, 299);
    for (int i = 0; i < x.length; i++) {
      float[] d = graph.distances()[i];
      for (int m = 1; m < d.length; m++) {
        assertTrue(d[m - 1] <= d[m], "row " + i + " not ascending at " + m);
      }
      int self = i;
      assertTrue(Arrays.stream(graph.indices()[i]).noneMatch(j -> j == self), "row " + i + " holds itself");
      assertEquals(299, Arrays.stream(graph.indices()[i]).distinct().count());
    }
  }

  @Test
  void refusesKOutsideOneToNMinusOne() {
    float[][] x = randomUnitVectors(10, 4, 1);
    IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> ExactKnn.build(x, 10));
    assertTrue(tooMany.getMessage().contains("k=10"), tooMany.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ExactKnn.build(x, 0));
  }

  @Test
  void refusesMixedDimensions() {
    float[][] x = randomUnitVectors(10, 4, 1);
    x[5] = new float[] {1, 0, 0};
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ExactKnn.build(x, 3));
    assertTrue(e.getMessage().contains("vector 5 has 3"), e.getMessage());
  }

  /** All n - 1 distances sorted by (distance, index), the first k. */
  private static int[] naiveNeighbours(float[][] x, int i, int k) {
    float[] d = new float[x.length];
    for (int j = 0; j < x.length; j++) {
      d[j] = 1f - StrictDot.of(x[i], x[j]);
    }
    return IntStream.range(0, x.length).filter(j -> j != i).boxed()
        .sorted(Comparator.<Integer>comparingDouble(j -> d[j]).thenComparingInt(j -> j))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }

  static float[][] randomUnitVectors(int n, int dims, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[n][dims];
    for (float[] row : x) {
      for (int d = 0; d < dims; d++) {
        row[d] = (float) random.nextGaussian();
      }
      VectorMath.normalizeInPlace(row);
    }
    return x;
  }
}
