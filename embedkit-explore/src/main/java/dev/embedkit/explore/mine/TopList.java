package dev.embedkit.explore.mine;

import java.util.Arrays;

/**
 * The k best entries of a score row, best first; equal scores prefer the lower index (torch.topk leaves ties
 * unspecified, a fixed rule keeps results reproducible).
 */
record TopList(int[] indices, float[] scores) {

  static TopList of(float[] row, int k) {
    // min-heap of the k best so far, worst (lowest score, then highest index) at the root
    int[] heap = new int[k];
    int size = 0;
    for (int c = 0; c < row.length; c++) {
      float s = row[c];
      if (size < k) {
        heap[size] = c;
        int at = size++;
        while (at > 0 && worse(row, heap[at], heap[(at - 1) / 2])) {
          swap(heap, at, (at - 1) / 2);
          at = (at - 1) / 2;
        }
      } else if (s > row[heap[0]]) { // c is the highest index so far, so an equal score loses the tie
        heap[0] = c;
        int at = 0;
        while (true) {
          int worst = at;
          int l = 2 * at + 1;
          int r = l + 1;
          if (l < size && worse(row, heap[l], heap[worst])) {
            worst = l;
          }
          if (r < size && worse(row, heap[r], heap[worst])) {
            worst = r;
          }
          if (worst == at) {
            break;
          }
          swap(heap, at, worst);
          at = worst;
        }
      }
    }
    Integer[] boxed = new Integer[size];
    for (int i = 0; i < size; i++) {
      boxed[i] = heap[i];
    }
    Arrays.sort(boxed, (a, b) -> row[a] != row[b] ? (row[a] > row[b] ? -1 : 1) : Integer.compare(a, b));
    int[] indices = new int[size];
    float[] scores = new float[size];
    for (int i = 0; i < size; i++) {
      indices[i] = boxed[i];
      scores[i] = row[boxed[i]];
    }
    return new TopList(indices, scores);
  }

  private static boolean worse(float[] row, int a, int b) {
    return row[a] != row[b] ? row[a] < row[b] : a > b;
  }

  private static void swap(int[] heap, int a, int b) {
    int t = heap[a];
    heap[a] = heap[b];
    heap[b] = t;
  }
}
