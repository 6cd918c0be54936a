package dev.embedkit.explore.mine;

import java.util.Arrays;

/**
 * A min-heap of (score, i, j) ordered as Python compares the tuples that sentence-transformers puts in its
 * {@code queue.PriorityQueue}: by score, then i, then j. Primitive arrays, since it holds up to 500,000 entries.
 */
final class PairQueue {
  private float[] scores = new float[1024];
  private long[] pairs = new long[1024]; // i << 32 | j, both non-negative, so long order is (i, j) order
  private int size;

  int size() {
    return size;
  }

  void put(float score, int i, int j) {
    if (size == scores.length) {
      scores = Arrays.copyOf(scores, size * 2);
      pairs = Arrays.copyOf(pairs, size * 2);
    }
    int at = size++;
    scores[at] = score;
    pairs[at] = key(i, j);
    while (at > 0) {
      int up = (at - 1) / 2;
      if (!less(at, up)) {
        break;
      }
      swap(at, up);
      at = up;
    }
  }

  /** Removes the smallest entry and returns its score. */
  float popScore() {
    float score = scores[0];
    size--;
    scores[0] = scores[size];
    pairs[0] = pairs[size];
    int at = 0;
    while (true) {
      int smallest = at;
      int l = 2 * at + 1;
      int r = l + 1;
      if (l < size && less(l, smallest)) {
        smallest = l;
      }
      if (r < size && less(r, smallest)) {
        smallest = r;
      }
      if (smallest == at) {
        return score;
      }
      swap(at, smallest);
      at = smallest;
    }
  }

  float score(int index) {
    return scores[index];
  }

  long pair(int index) {
    return pairs[index];
  }

  static long key(int i, int j) {
    return ((long) i << 32) | j;
  }

  private boolean less(int a, int b) {
    // primitive comparison, not Float.compare: Python treats -0.0 and 0.0 as equal scores
    return scores[a] != scores[b] ? scores[a] < scores[b] : pairs[a] < pairs[b];
  }

  private void swap(int a, int b) {
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
    long p = pairs[a];
    pairs[a] = pairs[b];
    pairs[b] = p;
  }
}
