package dev.embedkit.bench.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the outcomes of many requests: latencies of good answers and of 429s apart, every status, and the first
 * few problems word for word. One per client thread (not thread-safe), merged at the end.
 */
final class Tally {
  static final int EXAMPLES = 5;

  private final Map<Integer, Long> statuses = new TreeMap<>();
  private final LongList okNanos = new LongList();
  private final LongList rejectedNanos = new LongList();
  private final List<String> examples = new ArrayList<>();
  private long okTexts;
  private long invalid;
  private long rejectedWithoutRetryAfter;
  private double minCosine = Double.NaN;
  private double maxAbsDiff = Double.NaN;

  void add(Outcome outcome) {
    statuses.merge(outcome.status(), 1L, Long::sum);
    minCosine = minOf(minCosine, outcome.minCosine());
    maxAbsDiff = maxOf(maxAbsDiff, outcome.maxAbsDiff());
    if (outcome.ok()) {
      okNanos.add(outcome.nanos());
      okTexts += outcome.texts();
      return;
    }
    if (outcome.rejected()) {
      rejectedNanos.add(outcome.nanos());
      if (!outcome.retryAfter()) {
        rejectedWithoutRetryAfter++;
        example("429 without a valid Retry-After header");
      }
      return;
    }
    if (outcome.status() == Outcome.OK) {
      invalid++;
    }
    example((outcome.status() == Outcome.NO_RESPONSE ? "no response" : "HTTP " + outcome.status()) + ": "
        + outcome.problem());
  }

  void addAll(Tally other) {
    other.statuses.forEach((status, count) -> statuses.merge(status, count, Long::sum));
    okNanos.addAll(other.okNanos);
    rejectedNanos.addAll(other.rejectedNanos);
    other.examples.forEach(this::example);
    okTexts += other.okTexts;
    invalid += other.invalid;
    rejectedWithoutRetryAfter += other.rejectedWithoutRetryAfter;
    minCosine = minOf(minCosine, other.minCosine);
    maxAbsDiff = maxOf(maxAbsDiff, other.maxAbsDiff);
  }

  long requests() {
    return statuses.values().stream().mapToLong(Long::longValue).sum();
  }

  long ok() {
    return okNanos.size();
  }

  long okTexts() {
    return okTexts;
  }

  long rejected() {
    return rejectedNanos.size();
  }

  /** Everything that was neither a good 200 nor a 429: other statuses, no response, 200s with a wrong body. */
  long failures() {
    return requests() - ok() - rejected();
  }

  /** 200s whose body was wrong (count, order, a vector far from its reference). */
  long invalid() {
    return invalid;
  }

  long rejectedWithoutRetryAfter() {
    return rejectedWithoutRetryAfter;
  }

  /** Requests by HTTP status; -1 counts requests that got no response. */
  Map<Integer, Long> statuses() {
    return Map.copyOf(statuses);
  }

  Latencies okLatencies() {
    return Latencies.of(okNanos.toArray());
  }

  Latencies rejectedLatencies() {
    return Latencies.of(rejectedNanos.toArray());
  }

  List<String> examples() {
    return List.copyOf(examples);
  }

  double minCosine() {
    return minCosine;
  }

  double maxAbsDiff() {
    return maxAbsDiff;
  }

  private void example(String text) {
    if (examples.size() < EXAMPLES) {
      examples.add(text);
    }
  }

  private static double minOf(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
  }

  private static double maxOf(double a, double b) {
    return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
  }

  /** A growable array of longs, so a minute of latencies is not a minute of boxed Longs. */
  private static final class LongList {
    private long[] values = new long[1024];
    private int size;

    void add(long value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = value;
    }

    void addAll(LongList other) {
      for (int i = 0; i < other.size; i++) {
        add(other.values[i]);
      }
    }

    int size() {
      return size;
    }

    long[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
