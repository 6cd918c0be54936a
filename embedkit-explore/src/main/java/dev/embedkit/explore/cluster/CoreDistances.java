package dev.embedkit.explore.cluster;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Exact distance from each point to its k-th nearest other point, for HDBSCAN's core distances. Points are sorted
 * along their widest coordinate and each point scans outwards in that order until the gap along that coordinate alone
 * exceeds its current k-th distance: on 2-D map coordinates a point looks at about sqrt(n k) others instead of n,
 * with no tree to build. Still exact in any dimension, only slower.
 */
final class CoreDistances {
  private CoreDistances() {}

  static double[] of(float[][] points, int k) {
    int n = points.length;
    int dims = points[0].length;
    int axis = widestAxis(points);
    Integer[] boxed = IntStream.range(0, n).boxed().toArray(Integer[]::new);
    Arrays.sort(boxed, (a, b) -> Float.compare(points[a][axis], points[b][axis]));
    int[] order = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    // coordinates in sorted order, row-major, so the scan walks memory in order
    double[] coords = new double[n * dims];
    for (int p = 0; p < n; p++) {
      for (int d = 0; d < dims; d++) {
        coords[p * dims + d] = points[order[p]][d];
      }
    }
    double[] core = new double[n];
    IntStream.range(0, n).parallel().forEach(p -> {
      MaxHeap heap = new MaxHeap(k);
      double key = coords[p * dims + axis];
      int left = p - 1;
      int right = p + 1;
      // alternate sides, always taking the one nearer along the axis, so the heap tightens early
      while (left >= 0 || right < n) {
        double gapLeft = left >= 0 ? key - coords[left * dims + axis] : Double.POSITIVE_INFINITY;
        double gapRight = right < n ? coords[right * dims + axis] - key : Double.POSITIVE_INFINITY;
        int q;
        double gap;
        if (gapLeft <= gapRight) {
          q = left--;
          gap = gapLeft;
        } else {
          q = right++;
          gap = gapRight;
        }
        if (heap.full() && gap * gap >= heap.max()) {
          break; // every remaining point is at least this far along the axis alone
        }
        double sum = 0;
        for (int d = 0; d < dims; d++) {
          double diff = coords[p * dims + d] - coords[q * dims + d];
          sum += diff * diff;
        }
        heap.offer(sum);
      }
      core[order[p]] = Math.sqrt(heap.max());
    });
    return core;
  }

  private static int widestAxis(float[][] points) {
    int dims = points[0].length;
    int best = 0;
    double bestSpread = -1;
    for (int d = 0; d < dims; d++) {
      double min = Double.POSITIVE_INFINITY;
      double max = Double.NEGATIVE_INFINITY;
      for (float[] point : points) {
        min = Math.min(min, point[d]);
        max = Math.max(max, point[d]);
      }
      if (max - min > bestSpread) {
        bestSpread = max - min;
        best = d;
      }
    }
    return best;
  }

  /** The k smallest values offered so far; max() is the k-th smallest once full. */
  private static final class MaxHeap {
    private final double[] values;
    private int size;

    MaxHeap(int capacity) {
      values = new double[capacity];
    }

    boolean full() {
      return size == values.length;
    }

    double max() {
      return values[0];
    }

    void offer(double value) {
      if (size < values.length) {
        int i = size++;
        values[i] = value;
        while (i > 0 && values[(i - 1) / 2] < values[i]) {
          swap(i, (i - 1) / 2);
          i = (i - 1) / 2;
        }
      } else if (value < values[0]) {
        values[0] = value;
        int i = 0;
        while (true) {
          int largest = i;
          int l = 2 * i + 1;
          int r = l + 1;
          if (l < size && values[l] > values[largest]) {
            largest = l;
          }
          if (r < size && values[r] > values[largest]) {
            largest = r;
          }
          if (largest == i) {
            return;
          }
          swap(i, largest);
          i = largest;
        }
      }
    }

    private void swap(int a, int b) {
      double t = values[a];
      values[a] = values[b];
      values[b] = t;
    }
  }
}
