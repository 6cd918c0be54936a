package dev.embedkit.bench.explore;

import dev.embedkit.vector.VectorMath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The quality figures, computed after every run of a size (never timed), the same way for every engine's output.
 *
 * <p><b>Trustworthiness@k of a 2-D map</b>, scikit-learn's {@code sklearn.manifold.trustworthiness} restricted to a
 * fixed sample Q of m query points: for each query i, its k nearest other points in the map, {@code U(i)}, among
 * all n points; {@code r(i, j)} the rank of j among i's neighbours in the original space (1 = nearest; by cosine, the
 * same order as scikit-learn's Euclidean distance on unit vectors; ties in the order of the points); then
 * {@code T = 1 - 2 / (m k (2n - 3k - 1)) * sum over i in Q, j in U(i) of max(0, r(i, j) - k)}. With every point in
 * the sample (m = n) this is scikit-learn's figure; with a sample it is the same average over fewer rows, its
 * neighbours and ranks still over all n points (not trustworthiness of the sample as a set of its own).
 *
 * <p><b>Recall@k of a kNN graph</b>: over the same queries, the share of each row that is among the point's exact k
 * nearest others by cosine.
 */
final class Quality {
  private Quality() {}

  /** Every query's exact similarities to all points, handed to each consumer in turn. */
  interface Consumer {
    /** Called once per query, from any worker thread; {@code sims[i]} is -infinity. */
    void accept(int query, float[] sims, int[] exactTop);
  }

  /** Trustworthiness of one 2-D map over the queries. */
  static final class Map2d implements Consumer {
    private final float[][] map;
    private final int k;
    private final int n;
    private final AtomicInteger queries = new AtomicInteger();
    private final java.util.concurrent.atomic.DoubleAdder penalty = new java.util.concurrent.atomic.DoubleAdder();

    Map2d(float[][] map, int k) {
      this.map = map;
      this.k = k;
      this.n = map.length;
    }

    @Override
    public void accept(int i, float[] sims, int[] exactTop) {
      int[] near = nearestInMap(map, i, k);
      // r(i, j) <= k exactly when j is one of the k nearest in the original space: no counting needed.
      float kth = sims[exactTop[k - 1]];
      long sum = 0;
      for (int j : near) {
        if (sims[j] > kth) {
          continue;
        }
        int rank = rank(sims, j);
        sum += Math.max(0, rank - k);
      }
      penalty.add(sum);
      queries.incrementAndGet();
    }

    double value() {
      int m = queries.get();
      return 1 - penalty.sum() * 2.0 / ((double) m * k * (2.0 * n - 3.0 * k - 1.0));
    }
  }

  /** Recall@k of one kNN graph over the queries. */
  static final class Graph implements Consumer {
    private final int[][] indices;
    private final int k;
    private final AtomicInteger queries = new AtomicInteger();
    private final java.util.concurrent.atomic.DoubleAdder hits = new java.util.concurrent.atomic.DoubleAdder();

    Graph(int[][] indices, int k) {
      this.indices = indices;
      this.k = k;
    }

    @Override
    public void accept(int i, float[] sims, int[] exactTop) {
      int found = 0;
      int[] row = indices[i];
      for (int c = 0; c < Math.min(k, row.length); c++) {
        for (int e = 0; e < k; e++) {
          if (exactTop[e] == row[c]) {
            found++;
            break;
          }
        }
      }
      hits.add(found);
      queries.incrementAndGet();
    }

    double value() {
      return hits.sum() / ((double) queries.get() * k);
    }
  }

  /**
   * Computes each query's similarities to every point once and hands them to every consumer; {@code top} exact
   * nearest others are found per query (at least the largest k any consumer needs).
   */
  static void run(float[][] points, int[] queries, int top, List<? extends Consumer> consumers, int threads)
      throws Exception {
    if (consumers.isEmpty()) {
      return;
    }
    int n = points.length;
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        futures.add(pool.submit(() -> {
          float[] sims = new float[n];
          for (int q = next.getAndIncrement(); q < queries.length; q = next.getAndIncrement()) {
            int i = queries[q];
            float[] x = points[i];
            for (int j = 0; j < n; j++) {
              sims[j] = VectorMath.dot(x, points[j]);
            }
            sims[i] = Float.NEGATIVE_INFINITY;
            int[] exactTop = topBySimilarity(sims, top);
            for (Consumer c : consumers) {
              c.accept(i, sims, exactTop);
            }
          }
          return null;
        }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** 1 + the points before j in i's original-space order (higher similarity first, ties by index). */
  static int rank(float[] sims, int j) {
    float s = sims[j];
    int before = 0;
    for (int l = 0; l < sims.length; l++) {
      float v = sims[l];
      if (v > s || (v == s && l < j)) {
        before++;
      }
    }
    return before + 1;
  }

  /** The {@code k} highest similarities' indices, highest first, ties by index (sims[i] = -infinity excludes i). */
  static int[] topBySimilarity(float[] sims, int k) {
    int[] heap = new int[k]; // a min-heap on (sim, then larger index = worse) of the best k so far
    int size = 0;
    for (int j = 0; j < sims.length; j++) {
      if (sims[j] == Float.NEGATIVE_INFINITY) {
        continue;
      }
      if (size < k) {
        heap[size] = j;
        siftUp(heap, size++, sims);
      } else if (better(sims, j, heap[0])) {
        heap[0] = j;
        siftDown(heap, size, sims);
      }
    }
    int[] out = new int[size];
    for (int p = size - 1; p >= 0; p--) {
      out[p] = heap[0];
      heap[0] = heap[--size];
      siftDown(heap, size, sims);
    }
    return out;
  }

  /** The {@code k} nearest other points of {@code i} in the 2-D map, by Euclidean distance, ties by index. */
  static int[] nearestInMap(float[][] map, int i, int k) {
    float x = map[i][0];
    float y = map[i][1];
    float[] negDist = new float[map.length];
    for (int j = 0; j < map.length; j++) {
      float dx = map[j][0] - x;
      float dy = map[j][1] - y;
      negDist[j] = -(dx * dx + dy * dy);
    }
    negDist[i] = Float.NEGATIVE_INFINITY;
    return topBySimilarity(negDist, k);
  }

  private static boolean better(float[] s, int a, int b) {
    return s[a] > s[b] || (s[a] == s[b] && a < b);
  }

  private static void siftUp(int[] heap, int at, float[] s) {
    while (at > 0) {
      int parent = (at - 1) / 2;
      if (better(s, heap[parent], heap[at])) {
        swap(heap, parent, at);
        at = parent;
      } else {
        return;
      }
    }
  }

  private static void siftDown(int[] heap, int size, float[] s) {
    int at = 0;
    while (true) {
      int l = 2 * at + 1;
      int worst = at;
      if (l < size && better(s, heap[worst], heap[l])) {
        worst = l;
      }
      if (l + 1 < size && better(s, heap[worst], heap[l + 1])) {
        worst = l + 1;
      }
      if (worst == at) {
        return;
      }
      swap(heap, at, worst);
      at = worst;
    }
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
