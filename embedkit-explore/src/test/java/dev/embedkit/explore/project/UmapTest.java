package dev.embedkit.explore.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.explore.ExploreTestData;
import dev.embedkit.explore.knn.SyntheticClusters;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class UmapTest {
  @Test
  void realEmbeddingsKeepTheirNeighboursAndTheSameSeedGivesTheSameMap() {
    float[][] vectors = ExploreTestData.stsbEmbeddings();
    long start = System.nanoTime();
    float[][] map = Umap.project(vectors, UmapOptions.DEFAULTS);
    long millis = (System.nanoTime() - start) / 1_000_000;
    double trust = Trustworthiness.of(vectors, map, 10);
    double pcaTrust = Trustworthiness.of(vectors, PcaProjection.project(vectors), 10);
    System.out.printf("UMAP on %d STS-B embeddings: %d ms, trustworthiness@10 %.4f (PCA %.4f)%n", vectors.length,
        millis, trust, pcaTrust);
    assertTrue(trust >= 0.9, "trustworthiness " + trust);
    assertTrue(trust > pcaTrust, "UMAP " + trust + " should keep neighbours better than PCA " + pcaTrust);
    float[][] again = Umap.project(vectors, UmapOptions.DEFAULTS);
    for (int i = 0; i < map.length; i++) {
      assertArrayEquals(map[i], again[i], "point " + i);
      assertTrue(Float.isFinite(map[i][0]) && Float.isFinite(map[i][1]), "point " + i);
    }
  }

  @Test
  void aDifferentSeedGivesADifferentMap() {
    float[][] vectors = SyntheticClusters.generate(400, 48, 4, 6);
    float[][] first = Umap.project(vectors, UmapOptions.DEFAULTS.withSeed(1));
    float[][] second = Umap.project(vectors, UmapOptions.DEFAULTS.withSeed(2));
    assertFalse(Arrays.deepEquals(first, second));
    assertTrue(Arrays.deepEquals(first, Umap.project(vectors, UmapOptions.DEFAULTS.withSeed(1))));
  }

  @Test
  void wellSeparatedBlobsStaySeparated() {
    int blobs = 5;
    float[][] vectors = SyntheticClusters.generate(750, 64, blobs, 12);
    float[][] map = Umap.project(vectors, UmapOptions.DEFAULTS);
    double[][] centroids = new double[blobs][2];
    for (int i = 0; i < map.length; i++) {
      int c = SyntheticClusters.clusterOf(i, blobs);
      centroids[c][0] += map[i][0] / (map.length / blobs);
      centroids[c][1] += map[i][1] / (map.length / blobs);
    }
    for (int i = 0; i < map.length; i++) {
      int own = SyntheticClusters.clusterOf(i, blobs);
      for (int c = 0; c < blobs; c++) {
        if (c != own) {
          assertTrue(squared(map[i], centroids[own]) < squared(map[i], centroids[c]),
              "point " + i + " of blob " + own + " lies nearer blob " + c + "'s centroid");
        }
      }
    }
  }

  @Test
  void tooFewPointsAreRefusedSayingHowManyAreNeeded() {
    float[][] vectors = SyntheticClusters.generate(15, 8, 2, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Umap.project(vectors, UmapOptions.DEFAULTS));
    assertTrue(e.getMessage().contains("at least 16 points") && e.getMessage().contains("got 15"), e.getMessage());
    float[][] sixteen = SyntheticClusters.generate(16, 8, 2, 1);
    assertEquals(16, Umap.project(sixteen, UmapOptions.DEFAULTS).length, "16 points are enough for 15 neighbours");
  }

  @Test
  void identicalVectorsGiveFiniteCoordinates() {
    float[][] vectors = new float[40][];
    Arrays.setAll(vectors, i -> new float[] {0.6f, 0.8f, 0});
    for (float[] p : Umap.project(vectors, UmapOptions.DEFAULTS)) {
      assertTrue(Float.isFinite(p[0]) && Float.isFinite(p[1]), Arrays.toString(p));
    }
  }

  @Test
  void epochsFollowUmapLearnUnlessSet() {
    assertEquals(500, Umap.epochs(10_000, UmapOptions.DEFAULTS));
    assertEquals(200, Umap.epochs(10_001, UmapOptions.DEFAULTS));
    assertEquals(30, Umap.epochs(100, new UmapOptions(15, 0.1, 30, 42)));
  }

  private static double squared(float[] p, double[] c) {
    double dx = p[0] - c[0];
    double dy = p[1] - c[1];
    return dx * dx + dy * dy;
  }
}
