package dev.embedkit.explore.mine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * The most similar pairs among unit vectors, with the semantics of sentence-transformers'
 * {@code util.paraphrase_mining_embeddings} (v5, retrieval.py): for each corpus chunk and each query chunk, every
 * query row keeps its topK + 1 best columns of that corpus chunk (the +1 makes room for itself); each (score, i, j)
 * with i != j and score above the queue's current floor enters a priority queue; once maxPairs entries have been
 * added, every further entry evicts the smallest and raises the floor to its score. Finally (i, j) and (j, i) are
 * merged, keeping the first popped, and the pairs are sorted by score, highest first.
 *
 * <p>Choices where sentence-transformers leaves the order to torch: among equal scores a row's top list prefers the
 * lower column index, a row's entries enter the queue best first, and equal final scores keep the queue's order
 * (ascending (i, j) of the entry that was kept). Scores come from {@link Similarities}, so they are symmetric. The
 * optional threshold is applied before the queue: a pair below it never takes one of the maxPairs places.
 *
 * <p>Memory is O(threads * queryChunk-rows-in-flight * corpusChunk + maxPairs), never n x n. Rows are scored in
 * parallel; entries still enter the queue in sentence-transformers' order, so the result does not depend on the
 * thread count.
 *
 * <pre>{@code
 * List<ScoredPair> pairs = ParaphraseMining.mine(unitVectors, MiningOptions.DEFAULT.withThreshold(0.8));
 * }</pre>
 */
public final class ParaphraseMining {
  /** Rows a worker scores together, so a worker's buffer is this many corpus-chunk-long rows. */
  private static final int ROWS_PER_TASK = 32;

  private ParaphraseMining() {}

  public static List<ScoredPair> mine(float[][] unit) {
    return mine(unit, MiningOptions.DEFAULT);
  }

  public static List<ScoredPair> mine(float[][] unit, MiningOptions options) {
    int n = unit.length;
    checkVectors(unit);
    int keep = options.topK() + 1;
    double threshold = options.threshold();
    PairQueue queue = new PairQueue();
    float minScore = -1f;
    long added = 0;
    for (int corpusStart = 0; corpusStart < n; corpusStart += options.corpusChunkSize()) {
      int corpusEnd = Math.min(n, corpusStart + options.corpusChunkSize());
      int k = Math.min(keep, corpusEnd - corpusStart);
      for (int queryStart = 0; queryStart < n; queryStart += options.queryChunkSize()) {
        int queryEnd = Math.min(n, queryStart + options.queryChunkSize());
        int[][] topIndex = new int[queryEnd - queryStart][];
        float[][] topScore = new float[queryEnd - queryStart][];
        int first = queryStart;
        int tasks = (queryEnd - queryStart + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
        int cs = corpusStart;
        IntStream.range(0, tasks).parallel().forEach(task -> {
          int from = first + task * ROWS_PER_TASK;
          int to = Math.min(queryEnd, from + ROWS_PER_TASK);
          int[] rows = IntStream.range(from, to).toArray();
          float[][] scores = new float[rows.length][corpusEnd - cs];
          Similarities.block(unit, rows, cs, corpusEnd, scores);
          for (int r = 0; r < rows.length; r++) {
            TopList top = TopList.of(scores[r], k);
            topIndex[rows[r] - first] = top.indices();
            topScore[rows[r] - first] = top.scores();
          }
        });
        // sequential, in sentence-transformers' order, so the queue's evictions do not depend on threads
        for (int q = 0; q < topIndex.length; q++) {
          int i = queryStart + q;
          for (int t = 0; t < topIndex[q].length; t++) {
            int j = corpusStart + topIndex[q][t];
            float score = topScore[q][t];
            if (i != j && score > minScore && score >= threshold) {
              queue.put(score, i, j);
              added++;
              if (added >= options.maxPairs()) {
                minScore = queue.popScore();
              }
            }
          }
        }
      }
    }
    return drain(queue);
  }

  /** Pops in ascending (score, i, j) order, keeps each unordered pair's first entry, then sorts best first. */
  private static List<ScoredPair> drain(PairQueue queue) {
    int size = queue.size();
    Integer[] order = IntStream.range(0, size).boxed().toArray(Integer[]::new);
    Arrays.sort(order, (a, b) -> queue.score(a) != queue.score(b)
        ? (queue.score(a) < queue.score(b) ? -1 : 1)
        : Long.compare(queue.pair(a), queue.pair(b)));
    Set<Long> seen = new HashSet<>();
    List<ScoredPair> out = new ArrayList<>();
    for (int index : order) {
      long pair = queue.pair(index);
      int i = (int) (pair >>> 32);
      int j = (int) pair;
      int first = Math.min(i, j);
      int second = Math.max(i, j);
      if (seen.add(PairQueue.key(first, second))) {
        out.add(new ScoredPair(first, second, queue.score(index)));
      }
    }
    // Python's sorted(reverse=True) is stable: equal scores keep the ascending queue order (and -0.0 == 0.0)
    out.sort((a, b) -> a.score() == b.score() ? 0 : a.score() > b.score() ? -1 : 1);
    return out;
  }

  static void checkVectors(float[][] unit) {
    if (unit.length == 0) {
      return;
    }
    int dims = unit[0].length;
    for (int i = 0; i < unit.length; i++) {
      if (unit[i].length != dims) {
        throw new IllegalArgumentException("all vectors need " + dims + " dimensions; vector " + i + " has " + unit[i].length);
      }
      double norm2 = 0;
      for (float x : unit[i]) {
        norm2 += (double) x * x;
      }
      // scores are dot products, equal to cosines only for unit vectors; 1e-3 allows float rounding of stored vectors
      if (!(Math.abs(norm2 - 1) <= 1e-3)) {
        throw new IllegalArgumentException("vectors must be unit length (normalise first); vector " + i + " has norm " + Math.sqrt(norm2));
      }
    }
  }
}
