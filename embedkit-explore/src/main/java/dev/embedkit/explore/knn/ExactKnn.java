package dev.embedkit.explore.knn;

import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours by brute force: every pair's cosine distance (1 - dot of unit vectors), O(n^2 d).
 * The reference for approximate search and the right choice for a few thousand points.
 *
 * <p>Rows are split into fixed blocks of {@value #BLOCK}, and each dot product is computed once, for a pair of
 * blocks (a tile of the upper triangle, so a tile's rows stay in cache), and offered to both rows' neighbour heaps.
 * Each block of the upper triangle's rows is one task on the common fork-join pool; a heap block is locked while a
 * tile's distances are offered to it. A heap keeps the k smallest (distance, index) pairs whatever order they
 * arrive in, so the graph does not depend on how many threads ran or how they interleaved.
 *
 * <pre>{@code
 * KnnGraph graph = ExactKnn.build(unitVectors, 15);
 * int nearest = graph.indices()[0][0];
 * }</pre>
 */
public final class ExactKnn {
  // 128 rows of 384 floats is 192 KiB: a tile's two blocks stay within a core's L2 on the machines we run on
  static final int BLOCK = 128;

  private ExactKnn() {}

  /**
   * The k nearest neighbours of each vector by cosine distance (1 - dot), nearest first, the point itself
   * excluded; equal distances are ordered by index, so the graph is a pure function of the input.
   *
   * @param unitVectors n unit vectors of one dimension
   * @param k neighbours per point, 1 to n - 1
   */
  public static KnnGraph build(float[][] unitVectors, int k) {
    int n = unitVectors.length;
    if (k < 1 || k >= n) {
      throw new IllegalArgumentException("k must be in [1, n - 1] with n = " + n + " vectors; k=" + k);
    }
    int dims = unitVectors[0].length;
    for (int i = 0; i < n; i++) {
      if (unitVectors[i].length != dims) {
        throw new IllegalArgumentException(
            "all vectors need " + dims + " dimensions; vector " + i + " has " + unitVectors[i].length);
      }
    }
    int blocks = (n + BLOCK - 1) / BLOCK;
    BoundedHeap[][] heaps = new BoundedHeap[blocks][];
    for (int b = 0; b < blocks; b++) {
      heaps[b] = new BoundedHeap[Math.min(n, (b + 1) * BLOCK) - b * BLOCK];
      for (int r = 0; r < heaps[b].length; r++) {
        heaps[b][r] = new BoundedHeap(k);
      }
    }
    IntStream.range(0, blocks).parallel().forEach(a -> {
      float[] tile = new float[BLOCK * BLOCK];
      for (int b = a; b < blocks; b++) {
        scoreTile(unitVectors, a, b, tile, heaps);
      }
    });
    int[][] indices = new int[n][k];
    float[][] distances = new float[n][k];
    for (int i = 0; i < n; i++) {
      heaps[i / BLOCK][i % BLOCK].drainAscending(indices[i], distances[i]);
    }
    return new KnnGraph(indices, distances);
  }

  /** Distances between blocks a <= b, offered to a's rows and (the transpose) to b's rows. */
  private static void scoreTile(float[][] x, int a, int b, float[] tile, BoundedHeap[][] heaps) {
    int rowsA = heaps[a].length;
    int rowsB = heaps[b].length;
    for (int r = 0; r < rowsA; r++) {
      float[] row = x[a * BLOCK + r];
      // on the diagonal tile only the upper half is computed; the lower half is its transpose
      for (int c = a == b ? r + 1 : 0; c < rowsB; c++) {
        tile[r * BLOCK + c] = 1f - StrictDot.of(row, x[b * BLOCK + c]);
      }
    }
    synchronized (heaps[a]) {
      for (int r = 0; r < rowsA; r++) {
        BoundedHeap heap = heaps[a][r];
        for (int c = a == b ? r + 1 : 0; c < rowsB; c++) {
          heap.offer(tile[r * BLOCK + c], b * BLOCK + c);
        }
      }
    }
    synchronized (heaps[b]) {
      for (int c = 0; c < rowsB; c++) {
        BoundedHeap heap = heaps[b][c];
        for (int r = 0; r < (a == b ? c : rowsA); r++) {
          heap.offer(tile[r * BLOCK + c], a * BLOCK + r);
        }
      }
    }
  }

  /** The k smallest (distance, index) pairs seen: a max-heap whose root is the worst kept pair. */
  static final class BoundedHeap {
    private final float[] dist;
    private final int[] idx;
    private int size;

    BoundedHeap(int capacity) {
      dist = new float[capacity];
      idx = new int[capacity];
    }

    void offer(float d, int j) {
      if (size < dist.length) {
        int at = size++;
        // sift up
        while (at > 0) {
          int parent = (at - 1) >>> 1;
          if (!worse(d, j, dist[parent], idx[parent])) {
            break;
          }
          dist[at] = dist[parent];
          idx[at] = idx[parent];
          at = parent;
        }
        dist[at] = d;
        idx[at] = j;
      } else if (worse(dist[0], idx[0], d, j)) {
        siftDown(d, j, size);
      }
    }

    /** Empties the heap into the arrays, nearest first. */
    void drainAscending(int[] outIdx, float[] outDist) {
      for (int last = size - 1; last >= 0; last--) {
        outIdx[last] = idx[0];
        outDist[last] = dist[0];
        siftDown(dist[last], idx[last], last);
      }
      size = 0;
    }

    /** Places (d, j) at the root of the first {@code n} slots and restores the heap order. */
    private void siftDown(float d, int j, int n) {
      int at = 0;
      while (true) {
        int child = 2 * at + 1;
        if (child >= n) {
          break;
        }
        if (child + 1 < n && worse(dist[child + 1], idx[child + 1], dist[child], idx[child])) {
          child++;
        }
        if (!worse(dist[child], idx[child], d, j)) {
          break;
        }
        dist[at] = dist[child];
        idx[at] = idx[child];
        at = child;
      }
      dist[at] = d;
      idx[at] = j;
    }

    /** Whether (d1, j1) ranks after (d2, j2): farther, or as far with a larger index. */
    private static boolean worse(float d1, int j1, float d2, int j2) {
      return d1 > d2 || (d1 == d2 && j1 > j2);
    }
  }
}
