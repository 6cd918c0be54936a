package dev.embedkit.bench.store;

import dev.embedkit.bench.store.StoreResults.Timing;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.IntConsumer;

/**
 * Runs queries back to back on {@code threads} threads for a fixed time: thread t starts at query
 * {@code t * count / threads} and cycles through all of them, so the threads do not run the same query at once.
 * Latency is per query; queries per second is all queries answered over the wall time until the last thread ends.
 */
final class QueryTimer {
  private QueryTimer() {}

  static Timing run(int threads, double seconds, int count, IntConsumer query) throws InterruptedException {
    long[][] latencies = new long[threads][];
    int[] done = new int[threads];
    CountDownLatch start = new CountDownLatch(1);
    Thread[] workers = new Thread[threads];
    long[] ends = new long[threads];
    for (int t = 0; t < threads; t++) {
      int id = t;
      workers[t] = new Thread(() -> {
        long[] mine = new long[4096];
        int n = 0;
        int next = (int) ((long) id * count / threads);
        try {
          start.await();
        } catch (InterruptedException e) {
          return;
        }
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long now = System.nanoTime();
        while (now < deadline) {
          query.accept(next);
          long after = System.nanoTime();
          if (n == mine.length) {
            mine = Arrays.copyOf(mine, n * 2);
          }
          mine[n++] = after - now;
          now = after;
          next = next + 1 == count ? 0 : next + 1;
        }
        latencies[id] = Arrays.copyOf(mine, n);
        done[id] = n;
        ends[id] = now;
      }, "query-" + t);
      workers[t].start();
    }
    long begin = System.nanoTime();
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }
    long end = Arrays.stream(ends).max().orElse(begin);
    long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
    double wall = (end - begin) / 1e9;
    return new Timing(threads, all.length, wall, all.length / wall, percentile(all, 50), percentile(all, 99),
        null);
  }

  /** Times each query of the list once on this thread (the exact search, too slow to cycle). */
  static Timing once(List<Integer> queries, IntConsumer query, Double recall) {
    long[] nanos = new long[queries.size()];
    long begin = System.nanoTime();
    for (int i = 0; i < nanos.length; i++) {
      long t0 = System.nanoTime();
      query.accept(queries.get(i));
      nanos[i] = System.nanoTime() - t0;
    }
    double wall = (System.nanoTime() - begin) / 1e9;
    Arrays.sort(nanos);
    return new Timing(1, nanos.length, wall, nanos.length / wall, percentile(nanos, 50), percentile(nanos, 99),
        recall);
  }

  /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
  static double percentile(long[] sortedNanos, double p) {
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
    return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
  }
}
