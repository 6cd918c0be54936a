package dev.embedkit.bench.serve;

import dev.embedkit.bench.ProcStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A process's VmRSS read at a fixed period on a daemon thread, from start to stop: memory that levels off (the heap
 * growing to its working size) looks different from memory that climbs for the whole run (a leak).
 */
final class RssSampler implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "rss-sampler");
    thread.setDaemon(true);
    return thread;
  });
  private final List<Long> samples = new ArrayList<>();

  private RssSampler() {}

  /** Samples {@code pid} now and then every {@code period}. */
  static RssSampler start(long pid, Duration period) {
    RssSampler sampler = new RssSampler();
    sampler.timer.scheduleAtFixedRate(() -> sampler.add(ProcStatus.rssKib(pid)), 0, period.toMillis(),
        TimeUnit.MILLISECONDS);
    return sampler;
  }

  private synchronized void add(long kib) {
    samples.add(kib);
  }

  /** Stops sampling (if {@link #close()} has not); the samples in KiB, oldest first. */
  List<Long> stop() {
    timer.shutdownNow();
    synchronized (this) {
      return List.copyOf(samples);
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
