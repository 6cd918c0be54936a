package dev.embedkit.explore.project;

import dev.embedkit.explore.knn.KnnGraph;

/**
 * UMAP's high-dimensional graph, as umap-learn's {@code fuzzy_simplicial_set}: each point's kNN distances become
 * memberships {@code exp(-(d - rho) / sigma)}, where rho is the distance to the nearest neighbour (local connectivity
 * 1) and sigma is found by binary search so the memberships sum to log2(neighbours); the directed graph A is then
 * symmetrised by fuzzy union {@code A + A^T - A * A^T}.
 *
 * <p>As in umap-learn, the neighbour count includes the point itself at distance 0, so the kNN graph given here
 * (which excludes it) has {@code neighbours - 1} columns.
 */
final class FuzzySimplicialSet {
  private static final int SEARCH_STEPS = 64;
  private static final double TOLERANCE = 1e-5;
  private static final double MIN_SCALE = 1e-3;

  /**
   * A symmetric graph as directed edges in both directions, sorted by head then tail.
   *
   * @param head the edge's first point
   * @param tail the edge's second point
   * @param weight its membership in (0, 1]
   */
  record Edges(int[] head, int[] tail, float[] weight) {
    int size() {
      return head.length;
    }

    /** Drops edges too weak to be sampled even once in {@code epochs} epochs, as umap-learn does before its SGD. */
    Edges pruned(int epochs) {
      float max = 0;
      for (float w : weight) {
        max = Math.max(max, w);
      }
      float floor = max / epochs;
      int kept = 0;
      for (float w : weight) {
        kept += w >= floor ? 1 : 0;
      }
      int[] h = new int[kept];
      int[] t = new int[kept];
      float[] w = new float[kept];
      for (int e = 0, o = 0; e < weight.length; e++) {
        if (weight[e] >= floor) {
          h[o] = head[e];
          t[o] = tail[e];
          w[o++] = weight[e];
        }
      }
      return new Edges(h, t, w);
    }
  }

  private FuzzySimplicialSet() {}

  static Edges of(KnnGraph knn, int neighbours) {
    int n = knn.size();
    int k = knn.k();
    float[][] memberships = memberships(knn, neighbours);
    int[][] indices = knn.indices();
    // a row gains an entry for each point that has it as a neighbour but is not its neighbour
    int[] degree = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        degree[i]++;
        if (position(indices[indices[i][j]], i) < 0) {
          degree[indices[i][j]]++;
        }
      }
    }
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + degree[i];
    }
    int[] fill = start.clone();
    int[] head = new int[start[n]];
    int[] tail = new int[start[n]];
    float[] weight = new float[start[n]];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < k; j++) {
        int other = indices[i][j];
        int back = position(indices[other], i);
        double forward = memberships[i][j];
        double reverse = back < 0 ? 0 : memberships[other][back];
        float union = (float) (forward + reverse - forward * reverse);
        head[fill[i]] = i;
        tail[fill[i]] = other;
        weight[fill[i]++] = union;
        if (back < 0) {
          head[fill[other]] = other;
          tail[fill[other]] = i;
          weight[fill[other]++] = union;
        }
      }
    }
    for (int i = 0; i < n; i++) {
      sortByTail(tail, weight, start[i], start[i + 1]);
    }
    return dropZeros(new Edges(head, tail, weight));
  }

  /** The directed memberships of each point's neighbours (umap-learn's smooth_knn_dist and membership strengths). */
  static float[][] memberships(KnnGraph knn, int neighbours) {
    int n = knn.size();
    int k = knn.k();
    float[][] distances = knn.distances();
    double target = Math.log(neighbours) / Math.log(2);
    double meanOfAll = 0;
    for (float[] row : distances) {
      for (float d : row) {
        meanOfAll += d;
      }
    }
    meanOfAll /= (double) n * (k + 1); // umap-learn's mean includes each point's zero distance to itself
    float[][] out = new float[n][k];
    for (int i = 0; i < n; i++) {
      float[] row = distances[i];
      double rho = 0;
      for (float d : row) {
        if (d > 0) {
          rho = d; // rows are sorted, so the first positive distance is the nearest
          break;
        }
      }
      double lo = 0;
      double hi = Double.POSITIVE_INFINITY;
      double sigma = 1;
      for (int step = 0; step < SEARCH_STEPS; step++) {
        double sum = 0;
        for (float d : row) {
          double excess = d - rho;
          sum += excess > 0 ? Math.exp(-excess / sigma) : 1;
        }
        if (Math.abs(sum - target) < TOLERANCE) {
          break;
        }
        if (sum > target) {
          hi = sigma;
          sigma = (lo + hi) / 2;
        } else {
          lo = sigma;
          sigma = hi == Double.POSITIVE_INFINITY ? sigma * 2 : (lo + hi) / 2;
        }
      }
      // a floor on sigma keeps memberships finite for points whose neighbours are all at almost the same distance
      double mean = 0;
      for (float d : row) {
        mean += d;
      }
      mean /= k + 1;
      sigma = Math.max(sigma, MIN_SCALE * (rho > 0 ? mean : meanOfAll));
      for (int j = 0; j < k; j++) {
        double excess = row[j] - rho;
        out[i][j] = excess <= 0 || sigma == 0 ? 1f : (float) Math.exp(-excess / sigma);
      }
    }
    return out;
  }

  private static int position(int[] row, int value) {
    for (int j = 0; j < row.length; j++) {
      if (row[j] == value) {
        return j;
      }
    }
    return -1;
  }

  private static void sortByTail(int[] tail, float[] weight, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      int t = tail[i];
      float w = weight[i];
      int j = i - 1;
      while (j >= from && tail[j] > t) {
        tail[j + 1] = tail[j];
        weight[j + 1] = weight[j];
        j--;
      }
      tail[j + 1] = t;
      weight[j + 1] = w;
    }
  }

  private static Edges dropZeros(Edges edges) {
    int kept = 0;
    for (float w : edges.weight()) {
      kept += w > 0 ? 1 : 0;
    }
    if (kept == edges.size()) {
      return edges;
    }
    int[] h = new int[kept];
    int[] t = new int[kept];
    float[] w = new float[kept];
    for (int e = 0, o = 0; e < edges.size(); e++) {
      if (edges.weight()[e] > 0) {
        h[o] = edges.head()[e];
        t[o] = edges.tail()[e];
        w[o++] = edges.weight()[e];
      }
    }
    return new Edges(h, t, w);
  }
}
