package dev.embedkit.explore.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.explore.knn.ExactKnn;
import dev.embedkit.explore.knn.KnnGraph;
import dev.embedkit.vector.VectorMath;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AffinitiesTest {

  @Test
  void eachConditionalRowHasThePerplexity() {
    KnnGraph graph = ExactKnn.build(randomUnitVectors(800, 20, 5), 91);
    for (double perplexity : new double[] {5, 30}) {
      for (int i = 0; i < graph.size(); i++) {
        double[] p = Affinities.conditionalRow(graph.distances()[i], perplexity);
        double sum = 0;
        double entropy = 0;
        for (double v : p) {
          sum += v;
          entropy -= v > 0 ? v * Math.log(v) : 0;
        }
        assertEquals(1, sum, 1e-12, "row " + i);
        assertEquals(perplexity, Math.exp(entropy), 1e-3 * perplexity, "perplexity of row " + i);
        // nearer neighbours weigh at least as much
        for (int m = 1; m < p.length; m++) {
          assertTrue(p[m - 1] >= p[m], "row " + i + " at " + m);
        }
      }
    }
  }

  @Test
  void jointProbabilitiesAreSymmetricAndSumToOne() {
    KnnGraph graph = ExactKnn.build(randomUnitVectors(500, 12, 8), 31);
    Affinities p = Affinities.fromNeighbours(graph, 10);
    Map<Long, Double> entries = new HashMap<>();
    double sum = 0;
    for (int i = 0; i < p.size(); i++) {
      for (int a = p.rowStart()[i]; a < p.rowStart()[i + 1]; a++) {
        if (a > p.rowStart()[i]) {
          assertTrue(p.columns()[a - 1] < p.columns()[a], "row " + i + " columns not ascending");
        }
        assertTrue(p.values()[a] > 0);
        assertTrue(p.columns()[a] != i, "diagonal entry in row " + i);
        entries.put((long) i * p.size() + p.columns()[a], p.values()[a]);
        sum += p.values()[a];
      }
    }
    assertEquals(1, sum, 1e-12);
    entries.forEach((key, value) -> {
      long i = key / p.size();
      long j = key % p.size();
      assertEquals(value, entries.get(j * p.size() + i), 1e-18, "p(" + i + "," + j + ") vs p(" + j + "," + i + ")");
    });
    // each neighbour pair is stored once per direction; in both rows when mutual
    for (int i = 0; i < graph.size(); i++) {
      for (int j : graph.indices()[i]) {
        assertTrue(entries.containsKey((long) i * p.size() + j));
      }
    }
  }

  private static float[][] randomUnitVectors(int n, int dims, long seed) {
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
