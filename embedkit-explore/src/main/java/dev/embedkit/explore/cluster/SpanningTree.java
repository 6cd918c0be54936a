package dev.embedkit.explore.cluster;

/**
 * Minimum spanning tree of the mutual reachability graph, max(core(a), core(b), |a - b|), by Prim's algorithm over
 * the points themselves. O(n^2) time and O(n) memory: no distance matrix, since HDBSCAN maps reach 100,000 points.
 * The points not yet in the tree are kept packed at the front of column arrays (swap-remove), so each step is one
 * linear pass over contiguous memory.
 *
 * @param from edge i joins {@code from[i]} (already in the tree)
 * @param to ... and {@code to[i]} (added at step i)
 * @param weight ... at this mutual reachability distance
 */
record SpanningTree(int[] from, int[] to, double[] weight) {

  static SpanningTree prim(float[][] points, double[] core) {
    int n = points.length;
    int dims = points[0].length;
    // squared distances throughout: max and < commute with squaring, one sqrt per edge at the end
    double[][] columns = new double[dims][n];
    double[] core2 = new double[n];
    double[] best = new double[n];
    int[] bestFrom = new int[n];
    int[] id = new int[n];
    for (int i = 0; i < n; i++) {
      for (int d = 0; d < dims; d++) {
        columns[d][i] = points[i][d];
      }
      core2[i] = core[i] * core[i];
      best[i] = Double.POSITIVE_INFINITY;
      id[i] = i;
    }
    int[] from = new int[n - 1];
    int[] to = new int[n - 1];
    double[] weight = new double[n - 1];
    double[] current = new double[dims];
    double[] distance2 = new double[n];
    // start from point 0: move it out of the packed range
    int remaining = n;
    int currentId = 0;
    double currentCore2 = core2[0];
    for (int d = 0; d < dims; d++) {
      current[d] = columns[d][0];
    }
    remove(0, --remaining, columns, core2, best, bestFrom, id);
    for (int step = 0; step < n - 1; step++) {
      // pass 1: squared Euclidean distances, one coordinate at a time (vectorises)
      double c0 = current[0];
      double[] column0 = columns[0];
      for (int j = 0; j < remaining; j++) {
        double diff = column0[j] - c0;
        distance2[j] = diff * diff;
      }
      for (int d = 1; d < dims; d++) {
        double c = current[d];
        double[] column = columns[d];
        for (int j = 0; j < remaining; j++) {
          double diff = column[j] - c;
          distance2[j] += diff * diff;
        }
      }
      // pass 2: mutual reachability, relax, and find the nearest point outside the tree
      double nearest = Double.POSITIVE_INFINITY;
      int nearestAt = 0;
      for (int j = 0; j < remaining; j++) {
        double reach = Math.max(Math.max(distance2[j], currentCore2), core2[j]);
        double b = best[j];
        if (reach < b) {
          b = reach;
          best[j] = reach;
          bestFrom[j] = currentId;
        }
        if (b < nearest) {
          nearest = b;
          nearestAt = j;
        }
      }
      from[step] = bestFrom[nearestAt];
      to[step] = id[nearestAt];
      weight[step] = Math.sqrt(nearest);
      currentId = id[nearestAt];
      currentCore2 = core2[nearestAt];
      for (int d = 0; d < dims; d++) {
        current[d] = columns[d][nearestAt];
      }
      remove(nearestAt, --remaining, columns, core2, best, bestFrom, id);
    }
    return new SpanningTree(from, to, weight);
  }

  /** Moves the last packed entry into slot {@code at}. */
  private static void remove(int at, int last, double[][] columns, double[] core2, double[] best, int[] bestFrom, int[] id) {
    for (double[] column : columns) {
      column[at] = column[last];
    }
    core2[at] = core2[last];
    best[at] = best[last];
    bestFrom[at] = bestFrom[last];
    id[at] = id[last];
  }
}
