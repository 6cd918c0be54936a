package dev.embedkit.bench.serve;

import java.util.Arrays;

/**
 * A sample of request latencies, summarised by nearest-rank percentiles: the p-th percentile is the smallest sample
 * with at least p% of the samples at or below it, always a latency that was measured.
 */
final class Latencies {
  private final long[] sortedNanos;

  private Latencies(long[] sortedNanos) {
    this.sortedNanos = sortedNanos;
  }

  static Latencies of(long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return new Latencies(sorted);
  }

  int count() {
    return sortedNanos.length;
  }

  /** The nearest-rank percentile in milliseconds, {@code 0 < p <= 100}; NaN for an empty sample. */
  double percentileMillis(double p) {
    if (!(p > 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in (0, 100]; p=" + p);
    }
    if (sortedNanos.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
    return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
  }

  double maxMillis() {
    return sortedNanos.length == 0 ? Double.NaN : sortedNanos[sortedNanos.length - 1] / 1e6;
  }

  double meanMillis() {
    return sortedNanos.length == 0 ? Double.NaN : Arrays.stream(sortedNanos).average().orElse(0) / 1e6;
  }

  /** p50, p90, p99, max and mean, in milliseconds, for the report. */
  Summary summary() {
    return new Summary(count(), percentileMillis(50), percentileMillis(90), percentileMillis(99), maxMillis(),
        meanMillis());
  }

  /**
   * A latency sample as reported.
   *
   * @param count requests measured
   * @param p50Ms median
   * @param p90Ms 90th percentile
   * @param p99Ms 99th percentile
   * @param maxMs slowest request
   * @param meanMs mean
   */
  record Summary(int count, double p50Ms, double p90Ms, double p99Ms, double maxMs, double meanMs) {}
}
