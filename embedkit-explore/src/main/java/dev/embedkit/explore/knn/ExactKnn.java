package dev.embedkit.explore.knn;

import dev.embedkit.vector.VectorMath;
import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours by brute force: every pair's cosine distance (1 - dot of unit vectors), O(n^2 d).
 * The reference for approximate search and the right choice for a few thousand points.
 *
 * <p>Rows are split into fixed blocks of {@value #ROW_BLOCK}; each block is one task on the common fork-join pool
 * and writes only its own rows, so the graph does not depend on how many threads ran or in what order. Inside a
 * task the candidates are visited {@value #CANDIDATE_BLOCK} at a time, so a candidate block stays in cache while
 * every row of the task is scored against it.
 *
 * <pre>{@code
 * KnnGraph graph = ExactKnn.build(unitVectors, 15);
 * int nearest = graph.indices()[0][0];
 * }</pre>
 */
public final class ExactKnn {
  static final int ROW_BLOCK = 64;
  // 256 rows of 384 floats is 384 KiB: within a core's L2 on the machines we run on
  static final int CANDIDATE_BLOCK = 256;

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
    int[][] indices = new int[n][];
    float[][] distances = new float[n][];
    int blocks = (n + ROW_BLOCK - 1) / ROW_BLOCK;
    IntStream.range(0, blocks).parallel().forEach(b -> searchBlock(unitVectors, k, b * ROW_BLOCK,
        Math.min(n, (b + 1) * ROW_BLOCK), indices, distances));
    return new KnnGraph(indices, distances);
  }

  private static void searchBlock(float[][] x, int k, int rowStart, int rowEnd, int[][] indices, float[][] distances) {
    int rows = rowEnd - rowStart;
    BoundedHeap[] heaps = new BoundedHeap[rows];
    for (int r = 0; r < rows; r++) {
      heaps[r] = new BoundedHeap(k);
    }
    for (int c0 = 0; c0 < x.length; c0 += CANDIDATE_BLOCK) {
      int c1 = Math.min(x.length, c0 + CANDIDATE_BLOCK);
      for (int r = 0; r < rows; r++) {
        int i = rowStart + r;
        float[] row = x[i];
        BoundedHeap heap = heaps[r];
        for (int j = c0; j < c1; j++) {
          if (j != i) {
            heap.offer(1f - VectorMath.dot(row, x[j]), j);
          }
        }
      }
    }
    for (int r = 0; r < rows; r++) {
      int[] idx = new int[k];
      float[] dist = new float[k];
      heaps[r].drainAscending(idx, dist);
      indices[rowStart + r] = idx;
      distances[rowStart + r] = dist;
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
