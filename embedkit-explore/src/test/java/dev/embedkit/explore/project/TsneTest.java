package dev.embedkit.explore.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.explore.ExploreTestData;
import dev.embedkit.vector.VectorMath;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TsneTest {
  private static float[][] stsb;
  private static TsneResult stsbMap;

  @BeforeAll
  static void mapStsb() {
    stsb = ExploreTestData.stsbEmbeddings();
    stsbMap = Tsne.run(stsb, TsneOptions.DEFAULTS);
  }

  @Test
  void keepsStsbNeighbourhoods() {
    double t = trustworthiness(stsb, stsbMap.coordinates(), 10);
    System.out.printf("t-SNE on STS-B (%d sentences): trustworthiness(10) = %.4f, KL = %.4f after %d steps%n",
        stsb.length, t, stsbMap.finalKlDivergence(), stsbMap.iterations());
    assertTrue(t >= 0.9, "trustworthiness " + t);
  }

  @Test
  void klDivergenceFallsAfterEarlyExaggeration() {
    List<TsneResult.Checkpoint> checkpoints = stsbMap.checkpoints();
    TsneResult.Checkpoint atEndOfExaggeration = checkpoints.stream()
        .filter(c -> c.iteration() == Tsne.EXPLORATION_ITERATIONS).findFirst().orElseThrow();
    TsneResult.Checkpoint last = checkpoints.get(checkpoints.size() - 1);
    assertEquals(TsneOptions.DEFAULTS.iterations(), last.iteration(), "checkpoints " + checkpoints);
    assertTrue(last.klDivergence() < atEndOfExaggeration.klDivergence(), "checkpoints " + checkpoints);
    // and nowhere after exaggeration does it climb back above where it started
    checkpoints.stream().filter(c -> c.iteration() > Tsne.EXPLORATION_ITERATIONS).forEach(c ->
        assertTrue(c.klDivergence() < atEndOfExaggeration.klDivergence(), "checkpoints " + checkpoints));
    assertTrue(last.klDivergence() > 0, "checkpoints " + checkpoints);
  }

  @Test
  void sameSeedSameMapOtherSeedOtherMap() {
    float[][] x = blobs(4, 80, 30, 0.5, 21);
    TsneOptions options = new TsneOptions(20, 300, 0.5, 7);
    float[][] first = Tsne.project(x, options);
    float[][] again = Tsne.project(x, options);
    float[][] other = Tsne.project(x, options.withSeed(8));
    for (int i = 0; i < x.length; i++) {
      assertArrayEquals(first[i], again[i], "point " + i);
    }
    assertFalse(Arrays.deepEquals(first, other));
  }

  @Test
  void sameMapOnOneThreadAsOnMany() throws Exception {
    float[][] x = blobs(3, 150, 24, 0.7, 5);
    TsneOptions options = new TsneOptions(15, 300, 0.5, 3);
    // parallel streams run in the pool of the task that starts them
    ForkJoinPool one = new ForkJoinPool(1);
    ForkJoinPool three = new ForkJoinPool(3);
    try {
      TsneResult single = one.submit(() -> Tsne.run(x, options)).get();
      TsneResult many = three.submit(() -> Tsne.run(x, options)).get();
      assertTrue(Arrays.deepEquals(single.coordinates(), many.coordinates()));
      assertEquals(single.checkpoints(), many.checkpoints());
    } finally {
      one.shutdown();
      three.shutdown();
    }
  }

  @Test
  void plantedBlobsStaySeparated() {
    int perBlob = 100;
    float[][] x = blobs(5, perBlob, 50, 0.6, 4);
    float[][] map = Tsne.project(x, TsneOptions.DEFAULTS);
    // every point's 10 nearest in the map come from its own blob
    for (int i = 0; i < map.length; i++) {
      int blob = i / perBlob;
      for (int j : mapNeighbours(map, i, 10)) {
        assertEquals(blob, j / perBlob, "point " + i + " has a neighbour from another blob");
      }
    }
    // and the blobs are far apart for their size
    double[][] centres = new double[5][2];
    double[] radius = new double[5];
    for (int i = 0; i < map.length; i++) {
      centres[i / perBlob][0] += map[i][0] / perBlob;
      centres[i / perBlob][1] += map[i][1] / perBlob;
    }
    for (int i = 0; i < map.length; i++) {
      double[] c = centres[i / perBlob];
      radius[i / perBlob] = Math.max(radius[i / perBlob], Math.hypot(map[i][0] - c[0], map[i][1] - c[1]));
    }
    for (int a = 0; a < 5; a++) {
      for (int b = a + 1; b < 5; b++) {
        double gap = Math.hypot(centres[a][0] - centres[b][0], centres[a][1] - centres[b][1]);
        assertTrue(gap > radius[a] + radius[b], "blobs " + a + " and " + b + ": gap " + gap + ", radii " + radius[a]
            + ", " + radius[b]);
      }
    }
  }

  @Test
  void fewPointsUseFewerNeighboursAndStillMap() {
    // 12 points, perplexity 5: 3 * 5 + 1 = 16 neighbours do not exist, so it takes all 11
    assertEquals(11, Tsne.neighbourCount(12, 5));
    assertEquals(91, Tsne.neighbourCount(2000, 30));
    float[][] map = Tsne.project(blobs(2, 6, 10, 0.3, 3), new TsneOptions(5, 250, 0.5, 1));
    assertEquals(12, map.length);
    for (float[] p : map) {
      assertTrue(Float.isFinite(p[0]) && Float.isFinite(p[1]), Arrays.toString(p));
    }
  }

  @Test
  void refusesTooFewPoints() {
    IllegalArgumentException three = assertThrows(IllegalArgumentException.class,
        () -> Tsne.project(blobs(1, 3, 8, 0.5, 1), new TsneOptions(2, 250, 0.5, 1)));
    assertTrue(three.getMessage().contains("needs at least 4 points") && three.getMessage().contains("got 3"),
        three.getMessage());
    IllegalArgumentException belowPerplexity = assertThrows(IllegalArgumentException.class,
        () -> Tsne.project(blobs(2, 10, 8, 0.5, 1), TsneOptions.DEFAULTS));
    assertTrue(belowPerplexity.getMessage().contains("needs at least 31 points")
        && belowPerplexity.getMessage().contains("got 20"), belowPerplexity.getMessage());
  }

  /**
   * scikit-learn's trustworthiness, directly: T(k) = 1 - 2 / (n k (2n - 3k - 1)) sum_i sum_{j in map kNN(i)}
   * max(0, r(i, j) - k), r(i, j) the rank of j among i's neighbours in the original space; Euclidean in both.
   */
  static double trustworthiness(float[][] original, float[][] embedded, int k) {
    int n = original.length;
    double penalty = IntStream.range(0, n).parallel().mapToDouble(i -> {
      // rank by (distance, index): squared distances are non-negative floats, whose bits sort as they compare
      long[] byDistance = new long[n - 1];
      for (int j = 0, at = 0; j < n; j++) {
        if (j != i) {
          byDistance[at++] = (long) Float.floatToIntBits(VectorMath.squareDistance(original[i], original[j])) << 32 | j;
        }
      }
      Arrays.sort(byDistance);
      int[] rank = new int[n];
      for (int r = 0; r < byDistance.length; r++) {
        rank[(int) byDistance[r]] = r + 1;
      }
      double sum = 0;
      for (int j : mapNeighbours(embedded, i, k)) {
        sum += Math.max(0, rank[j] - k);
      }
      return sum;
    }).sum();
    return 1 - 2.0 / ((double) n * k * (2.0 * n - 3.0 * k - 1.0)) * penalty;
  }

  /** Point i's k nearest in the map by (distance, index), kept sorted by insertion. */
  private static int[] mapNeighbours(float[][] map, int i, int k) {
    int[] best = new int[k];
    double[] bestDistance = new double[k];
    Arrays.fill(bestDistance, Double.POSITIVE_INFINITY);
    for (int j = 0; j < map.length; j++) {
      double d = Math.pow(map[i][0] - map[j][0], 2) + Math.pow(map[i][1] - map[j][1], 2);
      if (j == i || d >= bestDistance[k - 1]) {
        continue;
      }
      int at = k - 1;
      while (at > 0 && bestDistance[at - 1] > d) {
        best[at] = best[at - 1];
        bestDistance[at] = bestDistance[at - 1];
        at--;
      }
      best[at] = j;
      bestDistance[at] = d;
    }
    return best;
  }

  /** {@code count} blobs of {@code size} unit vectors: random centres plus Gaussian noise of {@code noise} per unit. */
  static float[][] blobs(int count, int size, int dims, double noise, long seed) {
    Random random = new Random(seed);
    float[][] x = new float[count * size][dims];
    for (int b = 0; b < count; b++) {
      double[] centre = new double[dims];
      for (int d = 0; d < dims; d++) {
        centre[d] = random.nextGaussian() / Math.sqrt(dims);
      }
      for (int m = 0; m < size; m++) {
        float[] row = x[b * size + m];
        for (int d = 0; d < dims; d++) {
          row[d] = (float) (centre[d] + noise * random.nextGaussian() / Math.sqrt(dims));
        }
        VectorMath.normalizeInPlace(row);
      }
    }
    return x;
  }
}
