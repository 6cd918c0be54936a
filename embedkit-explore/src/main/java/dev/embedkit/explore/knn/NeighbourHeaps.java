package dev.embedkit.explore.knn;

import java.util.Arrays;

/**
 * One bounded max-heap of candidate neighbours per point, all in three flat arrays (pynndescent's heap layout): the
 * farthest kept neighbour sits at the root, so a candidate is rejected with one comparison. Each entry carries
 * NN-descent's "new" flag. Not thread-safe: callers push from one thread in a fixed order, which keeps NN-descent
 * deterministic.
 */
final class NeighbourHeaps {
  private final int k;
  final int[] indices;
  final float[] distances;
  final boolean[] isNew;

  NeighbourHeaps(int points, int k) {
    this.k = k;
    this.indices = new int[points * k];
    this.distances = new float[points * k];
    this.isNew = new boolean[points * k];
    Arrays.fill(indices, -1);
    Arrays.fill(distances, Float.POSITIVE_INFINITY);
  }

  int k() {
    return k;
  }

  /** The distance a candidate must beat to enter this point's heap. */
  float threshold(int point) {
    return distances[point * k];
  }

  /** Offers {@code candidate} at {@code distance} to {@code point}'s heap; 1 if it was taken, else 0. */
  int push(int point, float distance, int candidate, boolean flag) {
    int base = point * k;
    if (!(distance < distances[base])) {
      return 0;
    }
    // k is small (tens), so a linear scan for duplicates is cheaper than any side index
    for (int j = base, end = base + k; j < end; j++) {
      if (indices[j] == candidate) {
        return 0;
      }
    }
    int i = 0;
    while (true) {
      int left = 2 * i + 1;
      int right = left + 1;
      int swap;
      if (left >= k) {
        break;
      } else if (right >= k) {
        if (distances[base + left] > distance) {
          swap = left;
        } else {
          break;
        }
      } else if (distances[base + left] >= distances[base + right]) {
        if (distance < distances[base + left]) {
          swap = left;
        } else {
          break;
        }
      } else if (distance < distances[base + right]) {
        swap = right;
      } else {
        break;
      }
      distances[base + i] = distances[base + swap];
      indices[base + i] = indices[base + swap];
      isNew[base + i] = isNew[base + swap];
      i = swap;
    }
    distances[base + i] = distance;
    indices[base + i] = candidate;
    isNew[base + i] = flag;
    return 1;
  }

  /** The heaps as a graph, each row sorted nearest first (ties by index, so the order is reproducible). */
  KnnGraph toGraph() {
    int n = indices.length / k;
    int[][] outIndices = new int[n][];
    float[][] outDistances = new float[n][];
    Integer[] order = new Integer[k];
    for (int p = 0; p < n; p++) {
      int base = p * k;
      for (int j = 0; j < k; j++) {
        order[j] = j;
      }
      Arrays.sort(order, (x, y) -> {
        int byDistance = Float.compare(distances[base + x], distances[base + y]);
        return byDistance != 0 ? byDistance : Integer.compare(indices[base + x], indices[base + y]);
      });
      outIndices[p] = new int[k];
      outDistances[p] = new float[k];
      for (int j = 0; j < k; j++) {
        outIndices[p][j] = indices[base + order[j]];
        outDistances[p][j] = distances[base + order[j]];
      }
    }
    return new KnnGraph(outIndices, outDistances);
  }
}
