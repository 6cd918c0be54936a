package dev.embedkit.explore.cluster;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.explore.mine.Similarities;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CommunityDetectionTest {

  /** sentence-transformers' algorithm over the full n x n matrix, written with lists. */
  private static List<int[]> reference(float[][] unit, double threshold, int minSize) {
    int n = unit.length;
    int m = Math.min(minSize, n);
    List<List<Integer>> extracted = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      float[] row = new float[n];
      for (int j = 0; j < n; j++) {
        row[j] = Similarities.dot(unit[i], unit[j]);
      }
      List<Integer> close = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (row[j] >= (float) threshold) {
          close.add(j);
        }
      }
      if (close.size() >= m) {
        close.sort(Comparator.comparingDouble((Integer j) -> -row[j]).thenComparingInt(j -> j));
        extracted.add(close);
      }
    }
    extracted.sort(Comparator.comparingInt(c -> -c.size()));
    Set<Integer> taken = new HashSet<>();
    List<int[]> unique = new ArrayList<>();
    for (List<Integer> community : extracted) {
      List<Integer> left = community.stream().filter(j -> !taken.contains(j)).toList();
      if (left.size() >= m) {
        taken.addAll(left);
        unique.add(left.stream().mapToInt(Integer::intValue).toArray());
      }
    }
    unique.sort(Comparator.comparingInt(c -> -c.length));
    return unique;
  }

  @Test
  void equalsTheFullMatrixReferenceAcrossBatchesThresholdsAndSizes() {
    // 1,300 points: more than one 1,024-row batch
    PlantedData data = PlantedData.directions(12, 8, 150, 24, 2.5, 100);
    for (double threshold : new double[] {0.6, 0.75, 0.9}) {
      for (int minSize : new int[] {1, 10, 40}) {
        List<int[]> expected = reference(data.points, threshold, minSize);
        List<int[]> actual = CommunityDetection.detect(data.points, threshold, minSize);
        assertEquals(expected.size(), actual.size(), "threshold " + threshold + ", min size " + minSize);
        for (int c = 0; c < expected.size(); c++) {
          assertArrayEquals(expected.get(c), actual.get(c), "community " + c);
        }
      }
    }
  }

  @Test
  void recoversPlantedDirectionsAndLeavesTheRestUnclustered() {
    PlantedData data = PlantedData.directions(3, 6, 80, 32, 1.5, 60);
    List<int[]> communities = CommunityDetection.detect(data.points, 0.75, 10);
    Clusters clusters = CommunityDetection.asClusters(data.points.length, communities);
    assertTrue(PlantedData.ariOnPlanted(data.truth, clusters.labels()) >= 0.9);
    for (int[] community : communities) {
      assertTrue(community.length >= 10);
    }
    for (int c = 1; c < communities.size(); c++) {
      assertTrue(communities.get(c - 1).length >= communities.get(c).length);
    }
  }

  @Test
  void inputsAreNormalisedAndTheResultIsDeterministic() {
    PlantedData data = PlantedData.directions(5, 3, 40, 16, 2, 0);
    float[][] scaled = new float[data.points.length][];
    for (int i = 0; i < scaled.length; i++) {
      scaled[i] = data.points[i].clone();
      for (int d = 0; d < scaled[i].length; d++) {
        scaled[i][d] *= 4f; // a power of two: normalising gives back the same floats
      }
    }
    List<int[]> plain = CommunityDetection.detect(data.points, 0.7, 5);
    List<int[]> fromScaled = CommunityDetection.detect(scaled, 0.7, 5);
    assertEquals(plain.size(), fromScaled.size());
    for (int c = 0; c < plain.size(); c++) {
      assertArrayEquals(plain.get(c), fromScaled.get(c));
    }
  }

  @Test
  void asClustersRejectsOverlapAndBadArgumentsNameTheValue() {
    assertThrows(IllegalArgumentException.class, () -> CommunityDetection.asClusters(3, List.of(new int[] {0, 1}, new int[] {1, 2})));
    assertArrayEquals(new int[] {1, 0, 0, -1}, CommunityDetection.asClusters(4, List.of(new int[] {0}, new int[] {2, 1})).labels());
    assertTrue(assertThrows(IllegalArgumentException.class, () -> CommunityDetection.detect(new float[][] {{1}}, 0.5, 0))
        .getMessage().contains("minCommunitySize=0"));
  }
}
