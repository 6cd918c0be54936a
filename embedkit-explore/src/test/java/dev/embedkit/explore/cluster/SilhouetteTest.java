package dev.embedkit.explore.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SilhouetteTest {

  /** scikit-learn's definition, point by point, in doubles, straight from the coordinates. */
  private static double reference(float[][] v, int[] labels) {
    double total = 0;
    for (int i = 0; i < v.length; i++) {
      int own = labels[i];
      long ownCount = Arrays.stream(labels).filter(l -> l == own).count();
      if (ownCount == 1) {
        continue;
      }
      double a = 0;
      double b = Double.POSITIVE_INFINITY;
      for (int other : Arrays.stream(labels).distinct().toArray()) {
        double sum = 0;
        int count = 0;
        for (int j = 0; j < v.length; j++) {
          if (labels[j] == other && j != i) {
            double s = 0;
            for (int d = 0; d < v[i].length; d++) {
              s += Math.pow(v[i][d] - v[j][d], 2);
            }
            sum += Math.sqrt(s);
            count++;
          }
        }
        if (other == own) {
          a = sum / count;
        } else {
          b = Math.min(b, sum / count);
        }
      }
      total += (b - a) / Math.max(a, b);
    }
    return total / v.length;
  }

  @Test
  void matchesTheDirectDefinitionOnSeededData() {
    PlantedData data = PlantedData.blobs(5, 4, 30, 6, 2.5, 0);
    assertEquals(reference(data.points, data.truth), Silhouette.score(data.points, data.truth), 1e-5);
    Random random = new Random(9);
    int[] randomLabels = IntStream.range(0, data.points.length).map(i -> random.nextInt(3)).toArray();
    assertEquals(reference(data.points, randomLabels), Silhouette.score(data.points, randomLabels), 1e-5);
  }

  @Test
  void separatedClustersScoreNearOneAndRandomLabelsNearZero() {
    PlantedData tight = PlantedData.blobs(6, 3, 40, 4, 0.1, 0);
    assertTrue(Silhouette.score(tight.points, tight.truth) > 0.9);
    Random random = new Random(1);
    int[] randomLabels = IntStream.range(0, tight.points.length).map(i -> random.nextInt(3)).toArray();
    assertTrue(Math.abs(Silhouette.score(tight.points, randomLabels)) < 0.15);
  }

  @Test
  void noisePointsAreLeftOutAsPointsAndAsNeighbours() {
    PlantedData data = PlantedData.blobs(8, 3, 25, 5, 1.5, 20);
    int[] kept = IntStream.range(0, data.truth.length).filter(i -> data.truth[i] != Clusters.NOISE).toArray();
    float[][] points = Arrays.stream(kept).mapToObj(i -> data.points[i]).toArray(float[][]::new);
    int[] labels = Arrays.stream(kept).map(i -> data.truth[i]).toArray();
    assertEquals(reference(points, labels), Silhouette.score(data.points, data.truth), 1e-5);
  }

  @Test
  void singletonsCountAsZeroAndOneClusterIsRejected() {
    float[][] points = {{0, 0}, {0, 1}, {10, 0}};
    // point 2 alone: s=0; points 0 and 1: a=1, b=mean(10, sqrt(101))
    assertEquals(reference(points, new int[] {0, 0, 1}), Silhouette.score(points, new int[] {0, 0, 1}), 1e-6);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Silhouette.score(points, new int[] {4, 4, 4}));
    assertTrue(e.getMessage().contains("clusters=1"), e.getMessage());
  }
}
