package dev.embedkit.bench.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.bench.store.StoreResults.SweepPoint;
import dev.embedkit.bench.store.StoreResults.Timing;
import dev.embedkit.vector.VectorMath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store benchmark's measuring parts: files, ground truth, recall, the derivation, interpolation. */
class StoreBenchPartsTest {
  private static List<float[]> unitVectors(int n, int dims, long seed) {
    Random random = new Random(seed);
    List<float[]> vectors = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] v = new float[dims];
      for (int d = 0; d < dims; d++) {
        v[d] = (float) random.nextGaussian();
      }
      VectorMath.normalizeInPlace(v);
      vectors.add(v);
    }
    return vectors;
  }

  @Test
  void fvecsAndIvecsRoundTripInTheTexmexLayout(@TempDir Path dir) throws Exception {
    List<float[]> vectors = unitVectors(3, 7, 1);
    Path file = dir.resolve("v.fvecs");
    Fvecs.write(file, vectors);
    assertEquals(3 * (4 + 4 * 7), Files.size(file));
    assertEquals(7, Integer.reverseBytes(new java.io.DataInputStream(Files.newInputStream(file)).readInt()));
    List<float[]> back = Fvecs.readAll(file);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(vectors.get(i), back.get(i));
    }
    int[][] ids = {{3, 1, 2}, {0, 5, 9}};
    Fvecs.writeInts(dir.resolve("t.ivecs"), ids);
    assertArrayEquals(ids, Fvecs.readInts(dir.resolve("t.ivecs")));
  }

  @Test
  void blockedExactSearchEqualsSortingEveryScore() throws Exception {
    // 1,300 data vectors: more than two blocks, the last one partial; 97 dimensions (odd, for the SIMD tail).
    List<float[]> data = unitVectors(1300, 97, 2);
    List<float[]> queries = unitVectors(13, 97, 3);
    int[][] found = ExactTopK.search(queries, data.iterator(), 10, false, 3);
    for (int q = 0; q < queries.size(); q++) {
      float[] query = queries.get(q);
      int[] expected = IntStream.range(0, data.size()).boxed()
          .sorted(Comparator.comparingDouble(i -> -VectorMath.dot(query, data.get(i)))).limit(10)
          .mapToInt(Integer::intValue).toArray();
      assertArrayEquals(expected, found[q], "query " + q);
    }
  }

  @Test
  void theDataOwnNeighboursLeaveEachVectorOut() throws Exception {
    List<float[]> data = unitVectors(50, 16, 4);
    int[][] found = ExactTopK.search(data, data.iterator(), 5, true, 2);
    for (int i = 0; i < data.size(); i++) {
      for (int id : found[i]) {
        assertEquals(true, id != i && id >= 0);
      }
    }
  }

  @Test
  void recallCountsTheTrueNeighboursFoundInAnyOrder() {
    assertEquals(1.0, Recall.of(new int[] {3, 2, 1}, new int[] {1, 2, 3}, 3));
    assertEquals(2.0 / 3, Recall.of(new int[] {3, 9, 1}, new int[] {1, 2, 3}, 3), 1e-12);
    assertEquals(0.5, Recall.of(new int[] {1}, new int[] {1, 2}, 2));
  }

  @Test
  void derivedVectorsAreUnitLengthStartWithTheRealOnesAndRepeatForASeed(@TempDir Path dir) throws Exception {
    List<float[]> base = unitVectors(1200, 24, 5);
    DerivedVectors derivation = new DerivedVectors(3000, 20, 0.1, 7);
    assertEquals(1000, derivation.bases(base.size()));
    derivation.write(base, dir.resolve("a.fvecs"), 2);
    derivation.write(base, dir.resolve("b.fvecs"), 2);
    assertArrayEquals(Files.readAllBytes(dir.resolve("a.fvecs")), Files.readAllBytes(dir.resolve("b.fvecs")));
    List<float[]> vectors = Fvecs.readAll(dir.resolve("a.fvecs"));
    assertEquals(3000, vectors.size());
    for (float[] v : vectors) {
      assertEquals(1.0, VectorMath.norm(v), 1e-5);
    }
    List<float[]> shuffled = new ArrayList<>(base);
    java.util.Collections.shuffle(shuffled, new Random(7));
    assertArrayEquals(shuffled.get(0), vectors.get(0));
    assertArrayEquals(shuffled.get(999), vectors.get(999));
  }

  private static SweepPoint point(int ef, double recall, double qps) {
    return new SweepPoint(ef, recall, List.of(new Timing(1, 100, 1, qps, 1, 2, null)));
  }

  @Test
  void queriesPerSecondAtTheTargetAreInterpolatedBetweenTheSweepPointsAroundIt() {
    List<SweepPoint> sweep = List.of(point(10, 0.80, 4000), point(20, 0.90, 3000), point(40, 1.00, 1000));
    AtRecall at = AtRecall.of(sweep, 1, 0.95);
    assertEquals(AtRecall.Kind.INTERPOLATED, at.kind());
    assertEquals(2000, at.qps(), 1e-9);
    assertEquals(30, at.ef(), 1e-9);
    assertEquals(AtRecall.Kind.LOWER_BOUND, AtRecall.of(sweep, 1, 0.5).kind());
    assertEquals(AtRecall.Kind.NOT_REACHED, AtRecall.of(sweep.subList(0, 2), 1, 0.95).kind());
  }
}
