package dev.embedkit.explore.mine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.explore.ExploreTestData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ParaphraseMiningTest {
  private static float[][] vectors;

  @BeforeAll
  static void sample() {
    vectors = Arrays.copyOf(ExploreTestData.stsbEmbeddings(), 300);
  }

  /** Every pair i < j, best first, ties by (i, j): what mining must return when no limit bites. */
  private static List<ScoredPair> allPairs(float[][] v) {
    List<ScoredPair> out = new ArrayList<>();
    for (int i = 0; i < v.length; i++) {
      for (int j = i + 1; j < v.length; j++) {
        out.add(new ScoredPair(i, j, Similarities.dot(v[i], v[j])));
      }
    }
    out.sort(Comparator.comparingDouble((ScoredPair p) -> -p.score()).thenComparingInt(ScoredPair::first).thenComparingInt(ScoredPair::second));
    return out;
  }

  private record Entry(float score, int i, int j) {}

  /**
   * sentence-transformers' loop line by line, over a precomputed full score matrix, with java.util.PriorityQueue
   * ordered as Python's tuples.
   */
  private static List<ScoredPair> stReference(float[][] v, int queryChunk, int corpusChunk, int maxPairs, int topK) {
    int n = v.length;
    float[][] scores = new float[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        scores[i][j] = Similarities.dot(v[i], v[j]);
      }
    }
    Comparator<Entry> tuple = Comparator.comparingDouble(Entry::score).thenComparingInt(Entry::i).thenComparingInt(Entry::j);
    PriorityQueue<Entry> pairs = new PriorityQueue<>(tuple);
    float minScore = -1;
    int added = 0;
    int k = topK + 1;
    for (int cs = 0; cs < n; cs += corpusChunk) {
      for (int qs = 0; qs < n; qs += queryChunk) {
        for (int i = qs; i < Math.min(n, qs + queryChunk); i++) {
          int row = i;
          List<Integer> columns = new ArrayList<>(IntStream.range(cs, Math.min(n, cs + corpusChunk)).boxed().toList());
          columns.sort(Comparator.comparingDouble((Integer j) -> -scores[row][j]).thenComparingInt(j -> j));
          for (int j : columns.subList(0, Math.min(k, columns.size()))) {
            if (i != j && scores[i][j] > minScore) {
              pairs.add(new Entry(scores[i][j], i, j));
              added++;
              if (added >= maxPairs) {
                minScore = pairs.poll().score();
              }
            }
          }
        }
      }
    }
    Set<List<Integer>> seen = new HashSet<>();
    List<ScoredPair> out = new ArrayList<>();
    while (!pairs.isEmpty()) {
      Entry e = pairs.poll();
      int a = Math.min(e.i(), e.j());
      int b = Math.max(e.i(), e.j());
      if (seen.add(List.of(a, b))) {
        out.add(new ScoredPair(a, b, e.score()));
      }
    }
    out.sort(Comparator.comparingDouble((ScoredPair p) -> -p.score())); // stable, as Python's sorted
    return out;
  }

  @Test
  void withoutLimitsEveryPairComesBackBestFirst() {
    List<ScoredPair> expected = allPairs(vectors);
    MiningOptions unlimited = MiningOptions.DEFAULT.withTopK(vectors.length).withMaxPairs(Integer.MAX_VALUE);
    assertEquals(expected, ParaphraseMining.mine(vectors, unlimited));
    assertEquals(expected, ParaphraseMining.mine(vectors, unlimited.withChunks(7, 11)));
  }

  @Test
  void matchesSentenceTransformersLoopWithSmallChunksTopKAndQueueBound() {
    int[][] settings = {{5000, 100000, 500000, 100}, {7, 11, 500000, 3}, {7, 11, 500000, 100}, {64, 300, 500000, 1},
        {13, 50, 200, 5}, {5000, 100000, 50, 2}};
    for (int[] s : settings) {
      List<ScoredPair> expected = stReference(vectors, s[0], s[1], s[2], s[3]);
      List<ScoredPair> actual = ParaphraseMining.mine(vectors, new MiningOptions(s[0], s[1], s[2], s[3], MiningOptions.NO_THRESHOLD));
      assertEquals(expected, actual, Arrays.toString(s));
    }
  }

  @Test
  void theThresholdDropsExactlyThePairsBelowIt() {
    MiningOptions unlimited = MiningOptions.DEFAULT.withTopK(vectors.length).withMaxPairs(Integer.MAX_VALUE);
    List<ScoredPair> expected = allPairs(vectors).stream().filter(p -> p.score() >= 0.6).toList();
    assertTrue(expected.size() > 10, "pairs above 0.6: " + expected.size());
    assertEquals(expected, ParaphraseMining.mine(vectors, unlimited.withThreshold(0.6)));
  }

  @Test
  void defaultsGivePairsBestFirstWithoutSelfPairsOrRepeats() {
    List<ScoredPair> pairs = ParaphraseMining.mine(vectors);
    Set<Long> seen = new HashSet<>();
    for (int p = 0; p < pairs.size(); p++) {
      ScoredPair pair = pairs.get(p);
      assertTrue(pair.first() < pair.second());
      assertTrue(seen.add((long) pair.first() << 32 | pair.second()));
      assertTrue(p == 0 || pairs.get(p - 1).score() >= pair.score());
    }
    assertEquals(pairs, ParaphraseMining.mine(vectors));
  }

  @Test
  void theBlockKernelEqualsTheSingleDotBitForBit() {
    Random random = new Random(2);
    float[][] v = new float[301][37]; // awkward sizes: rows not a multiple of 4, a partial column tile
    for (float[] row : v) {
      for (int d = 0; d < row.length; d++) {
        row[d] = (float) random.nextGaussian();
      }
    }
    int[] rows = {0, 5, 17, 299, 300, 3, 8};
    float[][] out = new float[rows.length][300 - 2];
    Similarities.block(v, rows, 2, 300, out);
    for (int r = 0; r < rows.length; r++) {
      for (int c = 2; c < 300; c++) {
        assertEquals(Similarities.dot(v[rows[r]], v[c]), out[r][c - 2], "row " + rows[r] + ", column " + c);
      }
    }
    assertEquals(Similarities.dot(v[4], v[9]), Similarities.dot(v[9], v[4]));
  }

  @Test
  void rejectsVectorsThatAreNotUnitAndBadOptions() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParaphraseMining.mine(new float[][] {{1, 0}, {3, 4}}));
    assertTrue(e.getMessage().contains("vector 1 has norm 5.0"), e.getMessage());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> MiningOptions.DEFAULT.withTopK(0)).getMessage().contains("topK=0"));
    assertArrayEquals(new Object[0], ParaphraseMining.mine(new float[0][]).toArray());
  }
}
