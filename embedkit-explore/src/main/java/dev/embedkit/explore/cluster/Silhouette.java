package dev.embedkit.explore.cluster;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Mean silhouette coefficient with Euclidean distance, as scikit-learn's {@code silhouette_score}: for each point,
 * a = mean distance to the other members of its cluster, b = the smallest mean distance to another cluster's members,
 * s = (b - a) / max(a, b), and s = 0 for a point alone in its cluster. Points labelled {@link Clusters#NOISE} are left
 * out entirely (as points and as neighbours), since noise is not a cluster.
 *
 * <p>Cost is O(n^2 d): callers with many points score a sample (see {@link KMeansClustering#auto}).
 *
 * <pre>{@code
 * double s = Silhouette.score(vectors, labels); // in [-1, 1], higher is better separated
 * }</pre>
 */
public final class Silhouette {
  private Silhouette() {}

  /** Mean silhouette over the non-noise points; needs 2..m-1 distinct clusters among the m non-noise points. */
  public static double score(float[][] vectors, int[] labels) {
    if (vectors.length != labels.length) {
      throw new IllegalArgumentException("vectors and labels differ in length: " + vectors.length + " != " + labels.length);
    }
    int[] kept = IntStream.range(0, labels.length).filter(i -> labels[i] != Clusters.NOISE).toArray();
    float[][] points = new float[kept.length][];
    int[] keptLabels = new int[kept.length];
    for (int i = 0; i < kept.length; i++) {
      points[i] = vectors[kept[i]];
      keptLabels[i] = labels[kept[i]];
    }
    return fromDistances(new Distances(points), keptLabels);
  }

  /** Euclidean distances between a fixed set of points, computed once so several labellings can be scored. */
  static final class Distances {
    private final int n;
    private final float[] upper; // row-major strict upper triangle

    Distances(float[][] points) {
      n = points.length;
      upper = new float[Math.toIntExact((long) n * (n - 1) / 2)];
      int at = 0;
      for (int i = 0; i < n; i++) {
        for (int j = i + 1; j < n; j++) {
          double sum = 0;
          float[] a = points[i];
          float[] b = points[j];
          for (int d = 0; d < a.length; d++) {
            double diff = a[d] - b[d];
            sum += diff * diff;
          }
          upper[at++] = (float) Math.sqrt(sum);
        }
      }
    }

    int size() {
      return n;
    }

    float get(int i, int j) {
      if (i == j) {
        return 0;
      }
      int a = Math.min(i, j);
      int b = Math.max(i, j);
      return upper[(int) ((long) a * (2L * n - a - 1) / 2 + (b - a - 1))];
    }
  }

  static double fromDistances(Distances distances, int[] labels) {
    int n = distances.size();
    int[] dense = denseLabels(labels);
    int k = Arrays.stream(dense).max().orElse(-1) + 1;
    if (k < 2 || k > n - 1) {
      throw new IllegalArgumentException("silhouette needs 2 to n-1 clusters (as scikit-learn); clusters=" + k + ", points=" + n);
    }
    int[] size = new int[k];
    for (int label : dense) {
      size[label]++;
    }
    double total = 0;
    double[] sums = new double[k];
    for (int i = 0; i < n; i++) {
      Arrays.fill(sums, 0);
      for (int j = 0; j < n; j++) {
        sums[dense[j]] += distances.get(i, j);
      }
      int own = dense[i];
      if (size[own] == 1) {
        continue; // sklearn: a singleton's silhouette is 0
      }
      double a = sums[own] / (size[own] - 1);
      double b = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != own) {
          b = Math.min(b, sums[c] / size[c]);
        }
      }
      double denominator = Math.max(a, b);
      total += denominator == 0 ? 0 : (b - a) / denominator; // sklearn's nan_to_num for coincident points
    }
    return total / n;
  }

  private static int[] denseLabels(int[] labels) {
    Map<Integer, Integer> ids = new HashMap<>();
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = ids.computeIfAbsent(labels[i], key -> ids.size());
    }
    return out;
  }
}
