package dev.embedkit.bench.store;

import dev.embedkit.vector.VectorMath;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Exact top-k by inner product (cosine, for unit vectors), by brute force: the ground truth recall is measured
 * against. The data is streamed in blocks small enough to stay in cache while every query is scored against the
 * block, so a million vectors are read from memory once, not once per query; the queries are split over threads.
 * Ties go to the lower id.
 */
final class ExactTopK {
  private static final int BLOCK = 512;

  private ExactTopK() {}

  /**
   * @param queries the query vectors
   * @param data the vectors searched, in id order (id = position)
   * @param k neighbours per query
   * @param skipSelf when true, data id {@code q} is never a neighbour of query {@code q} (the data's own kNN)
   * @return per query, the ids of its k best vectors, best first
   */
  static int[][] search(List<float[]> queries, Iterator<float[]> data, int k, boolean skipSelf, int threads)
      throws InterruptedException {
    int q = queries.size();
    float[][] scores = new float[q][k];
    int[][] ids = new int[q][k];
    for (int i = 0; i < q; i++) {
      java.util.Arrays.fill(scores[i], Float.NEGATIVE_INFINITY);
      java.util.Arrays.fill(ids[i], -1);
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      int base = 0;
      float[][] block = new float[BLOCK][];
      long reported = 0;
      long start = System.nanoTime();
      while (data.hasNext()) {
        int size = 0;
        while (size < BLOCK && data.hasNext()) {
          block[size++] = data.next();
        }
        int blockBase = base;
        int blockSize = size;
        List<Future<?>> parts = new ArrayList<>();
        int per = (q + threads - 1) / threads;
        for (int t = 0; t < threads; t++) {
          int from = t * per;
          int to = Math.min(q, from + per);
          parts.add(pool.submit(() -> {
            for (int qi = from; qi < to; qi++) {
              float[] query = queries.get(qi);
              float[] s = scores[qi];
              int[] id = ids[qi];
              for (int b = 0; b < blockSize; b++) {
                int docId = blockBase + b;
                if (skipSelf && docId == qi) {
                  continue;
                }
                float score = VectorMath.dot(query, block[b]);
                if (score > s[k - 1]) {
                  insert(s, id, score, docId);
                }
              }
            }
          }));
        }
        for (Future<?> part : parts) {
          try {
            part.get();
          } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("exact search failed", e.getCause());
          }
        }
        base += size;
        if (base - reported >= 100_000) {
          reported = base;
          System.err.printf("store bench: exact top-%d of %,d queries over %,d vectors (%.0f s)%n", k, q, base,
              (System.nanoTime() - start) / 1e9);
        }
      }
    } finally {
      pool.shutdownNow();
    }
    return ids;
  }

  /** Inserts into a list sorted best first; a score equal to one held goes after it (the lower id wins ties). */
  private static void insert(float[] scores, int[] ids, float score, int id) {
    int i = scores.length - 1;
    while (i > 0 && scores[i - 1] < score) {
      scores[i] = scores[i - 1];
      ids[i] = ids[i - 1];
      i--;
    }
    scores[i] = score;
    ids[i] = id;
  }
}
