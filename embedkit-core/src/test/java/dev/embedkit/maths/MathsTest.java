package dev.embedkit.maths;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shared maths (image's PCA, eval's and explore's k-means) on seeded data with an obvious answer. */
class MathsTest {
  static final float[][] CENTRES = {{5, 0, 0}, {0, 5, 0}, {0, 0, 5}};

  static List<float[]> blobs(int perClass, long seed) {
    Random random = new Random(seed);
    List<float[]> out = new ArrayList<>();
    for (float[] centre : CENTRES) {
      for (int i = 0; i < perClass; i++) {
        float[] v = centre.clone();
        for (int d = 0; d < v.length; d++) {
          v[d] += (float) random.nextGaussian() * 0.5f;
        }
        out.add(v);
      }
    }
    return out;
  }

  @Test
  void kMeansPutsEachBlobInItsOwnClusterAndIsDeterministic() {
    List<float[]> vectors = blobs(30, 1);
    int[] clusters = KMeans.cluster(vectors, 3, 42);
    Set<Integer> seen = new HashSet<>();
    for (int c = 0; c < CENTRES.length; c++) {
      int first = clusters[c * 30];
      for (int i = 0; i < 30; i++) {
        assertEquals(first, clusters[c * 30 + i], "point " + (c * 30 + i) + " left its blob's cluster");
      }
      assertTrue(seen.add(first), "two blobs share cluster " + first);
    }
    assertArrayEquals(clusters, KMeans.cluster(vectors, 3, 42));
  }

  @Test
  void pcaFindsTheAxesOfLargestVarianceInOrderWithSklearnSigns() {
    Random random = new Random(7);
    List<float[]> points = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      // variance 9 along z, 1 along x, 0.01 along y
      points.add(new float[] {(float) random.nextGaussian(), (float) random.nextGaussian() * 0.1f, 10 + (float) random.nextGaussian() * 3});
    }
    Pca pca = Pca.fit(points, 2);
    assertEquals(1, Math.abs(pca.components()[0][2]), 1e-3);
    assertEquals(1, Math.abs(pca.components()[1][0]), 1e-3);
    for (float[] row : pca.components()) {
      int largest = 0;
      for (int d = 1; d < row.length; d++) {
        largest = Math.abs(row[d]) > Math.abs(row[largest]) ? d : largest;
      }
      assertTrue(row[largest] > 0, "svd_flip: the largest entry of each component is positive");
    }
    assertEquals(10, pca.mean()[2], 0.5);
    float[] projected = pca.transform(new float[] {0, 0, pca.mean()[2] + 2});
    assertEquals(2, projected[0], 1e-2);
  }
}
