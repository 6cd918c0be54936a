package dev.embedkit.bench.explore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.embedkit.explore.project.Trustworthiness;
import dev.embedkit.vector.VectorMath;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The explore benchmark's measuring parts: .npy files, the derivation, the sample, the quality figures. */
class ExploreBenchPartsTest {
  private static float[][] unitVectors(int n, int dims, long seed) {
    Random random = new Random(seed);
    float[][] vectors = new float[n][dims];
    for (float[] v : vectors) {
      for (int d = 0; d < dims; d++) {
        v[d] = (float) random.nextGaussian();
      }
      VectorMath.normalizeInPlace(v);
    }
    return vectors;
  }

  @Test
  void npyRoundTripsFloatsAndIntsInNumpysLayout(@TempDir Path dir) throws Exception {
    float[][] floats = unitVectors(5, 3, 1);
    Path f = dir.resolve("f.npy");
    Npy.writeFloats(f, floats);
    assertEquals(0, Npy.header(f).dataOffset() % 64, "data on a 64-byte boundary, as numpy.save writes it");
    assertEquals(Npy.header(f).dataOffset() + 5 * 3 * 4, Files.size(f));
    float[][] back = Npy.readFloats(f);
    for (int i = 0; i < floats.length; i++) {
      assertArrayEquals(floats[i], back[i]);
    }
    int[][] ints = {{1, 2}, {3, -4}, {Integer.MAX_VALUE, 0}};
    Path g = dir.resolve("g.npy");
    Npy.writeInts(g, ints);
    assertArrayEquals(ints, Npy.readInts(g));
  }

  @Test
  void npyReadsFloat64AndInt64AsNumpyWritesThem(@TempDir Path dir) throws Exception {
    String dict = "{'descr': '<f8', 'fortran_order': False, 'shape': (2, 2), }";
    Path f = dir.resolve("d.npy");
    Files.write(f, npy(dict, ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN).putDouble(1.5).putDouble(-2)
        .putDouble(3).putDouble(0.25).array()));
    float[][] rows = Npy.readFloats(f);
    assertArrayEquals(new float[] {1.5f, -2f}, rows[0]);
    assertArrayEquals(new float[] {3f, 0.25f}, rows[1]);
    Path g = dir.resolve("l.npy");
    Files.write(g, npy("{'descr': '<i8', 'fortran_order': False, 'shape': (1, 2), }",
        ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(7).putLong(99).array()));
    assertArrayEquals(new int[][] {{7, 99}}, Npy.readInts(g));
  }

  private static byte[] npy(String dict, byte[] data) {
    String padded = dict + " ".repeat((64 - (10 + dict.length() + 1) % 64) % 64) + "\n";
    ByteBuffer b = ByteBuffer.allocate(10 + padded.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) padded.length());
    b.put(padded.getBytes(java.nio.charset.StandardCharsets.US_ASCII)).put(data);
    return b.array();
  }

  @Test
  void copiesSitAtTheAskedCosineToTheirSourceAndRepeatForASeed() {
    List<float[]> real = List.of(unitVectors(50, 384, 2));
    ExploreData a = ExploreData.derive(real, 2000, 0.9, 7);
    ExploreData b = ExploreData.derive(real, 2000, 0.9, 7);
    assertEquals(0.9, a.meanCosine(), 0.005);
    assertArrayEquals(a.points()[1999], b.points()[1999]);
    assertArrayEquals(a.sources(), b.sources());
    for (float[] p : a.points()) {
      assertEquals(1, VectorMath.norm(p), 1e-5);
    }
  }

  @Test
  void theSampleIsFixedSortedAndDistinct() {
    int[] s = ExploreData.sample(100_000, 2000, 43);
    assertArrayEquals(s, ExploreData.sample(100_000, 2000, 43));
    assertEquals(2000, IntStream.of(s).distinct().count());
    assertTrue(IntStream.range(1, s.length).allMatch(i -> s[i - 1] < s[i]));
    assertArrayEquals(IntStream.range(0, 10).toArray(), ExploreData.sample(10, 2000, 43));
  }

  /** scikit-learn's trustworthiness, written as it is: full rankings by argsort. */
  private static double sklearnTrustworthiness(float[][] x, float[][] y, int k, int[] queries) {
    int n = x.length;
    double sum = 0;
    for (int i : queries) {
      int fi = i;
      Integer[] byOriginal = IntStream.range(0, n).filter(j -> j != fi).boxed().toArray(Integer[]::new);
      Arrays.sort(byOriginal, Comparator.comparingDouble((Integer j) -> -VectorMath.dot(x[fi], x[j]))
          .thenComparingInt(j -> j));
      int[] rank = new int[n];
      for (int r = 0; r < byOriginal.length; r++) {
        rank[byOriginal[r]] = r + 1;
      }
      Integer[] byMap = IntStream.range(0, n).filter(j -> j != fi).boxed().toArray(Integer[]::new);
      Arrays.sort(byMap, Comparator.comparingDouble((Integer j) -> {
        double dx = y[fi][0] - y[j][0];
        double dy = y[fi][1] - y[j][1];
        return dx * dx + dy * dy;
      }).thenComparingInt(j -> j));
      for (int c = 0; c < k; c++) {
        sum += Math.max(0, rank[byMap[c]] - k);
      }
    }
    return 1 - sum * 2.0 / ((double) queries.length * k * (2.0 * n - 3.0 * k - 1.0));
  }

  private static float[][] noisyMap(float[][] x, long seed, double noise) {
    Random random = new Random(seed);
    float[][] y = new float[x.length][2];
    for (int i = 0; i < x.length; i++) {
      y[i][0] = (float) (x[i][0] + noise * random.nextGaussian());
      y[i][1] = (float) (x[i][1] + noise * random.nextGaussian());
    }
    return y;
  }

  @Test
  void trustworthinessIsScikitLearnsFormulaOverTheQueries() throws Exception {
    float[][] x = unitVectors(300, 8, 3);
    float[][] y = noisyMap(x, 4, 0.2);
    int k = 10;
    int[] all = IntStream.range(0, x.length).toArray();
    int[] some = ExploreData.sample(x.length, 60, 5);
    for (int[] queries : List.of(all, some)) {
      Quality.Map2d map = new Quality.Map2d(y, k);
      Quality.run(x, queries, 15, List.of(map), 2);
      assertEquals(sklearnTrustworthiness(x, y, k, queries), map.value(), 1e-9);
    }
    float[][] flat = unitVectors(200, 2, 6); // 2-D points as their own map
    Quality.Map2d perfect = new Quality.Map2d(flat, 5);
    Quality.run(flat, IntStream.range(0, 200).toArray(), 5, List.of(perfect), 1);
    assertEquals(1.0, perfect.value(), 1e-12, "a map that keeps every neighbourhood");
  }

  @Test
  void trustworthinessAgreesWithEmbedkitExploresOnceItIsImplemented() throws Exception {
    float[][] x = unitVectors(300, 8, 3);
    float[][] y = noisyMap(x, 4, 0.2);
    double theirs;
    try {
      theirs = Trustworthiness.of(x, y, 10);
    } catch (UnsupportedOperationException stub) {
      assumeTrue(false, "Trustworthiness is still a stub");
      return;
    }
    Quality.Map2d map = new Quality.Map2d(y, 10);
    Quality.run(x, IntStream.range(0, x.length).toArray(), 10, List.of(map), 2);
    assertEquals(theirs, map.value(), 1e-6);
  }

  @Test
  void recallCountsEachRowsExactNeighbours() throws Exception {
    float[][] x = unitVectors(120, 8, 8);
    int k = 5;
    int[][] exact = new int[x.length][];
    for (int i = 0; i < x.length; i++) {
      int fi = i;
      exact[i] = IntStream.range(0, x.length).filter(j -> j != fi).boxed()
          .sorted(Comparator.comparingDouble((Integer j) -> -VectorMath.dot(x[fi], x[j])))
          .limit(k).mapToInt(Integer::intValue).toArray();
    }
    int[][] half = new int[x.length][];
    for (int i = 0; i < x.length; i++) {
      half[i] = exact[i].clone();
      half[i][k - 1] = i; // one wrong neighbour per row (the point itself)
    }
    Quality.Graph right = new Quality.Graph(exact, k);
    Quality.Graph wrong = new Quality.Graph(half, k);
    Quality.run(x, IntStream.range(0, x.length).toArray(), k, new ArrayList<>(List.of(right, wrong)), 2);
    assertEquals(1.0, right.value(), 1e-12);
    assertEquals(1.0 - 1.0 / k, wrong.value(), 1e-12);
  }
}
