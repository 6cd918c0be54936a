package dev.embedkit.bench.serve;

import dev.embedkit.bench.serve.ServeResults.Check;
import dev.embedkit.bench.serve.ServeResults.OverloadRun;
import dev.embedkit.bench.serve.ServeResults.ServerRun;
import java.util.ArrayList;
import java.util.List;

/** Issue 10's targets for the server, each checked against one run's numbers. */
final class ServeTargets {
  static final double MIN_THROUGHPUT_RATIO = 0.90;
  static final double MAX_SINGLE_P50_MS = 5.0;
  static final double MAX_REJECTED_P99_MS = 50.0;
  static final double DEFAULT_RSS_GROWTH = 0.10;

  private ServeTargets() {}

  /**
   * @param inProcessTextsPerSecond the peer's bulk throughput (mean of its runs before and after the server)
   * @param cpuRatio server texts per CPU-second over the peer's, shown beside the wall-clock ratio
   * @param rssGrowthAllowed largest RSS growth from after warm-up to the end, as a fraction
   */
  static List<Check> check(double inProcessTextsPerSecond, double cpuRatio, ServerRun server, OverloadRun overload,
      double rssGrowthAllowed) {
    List<Check> checks = new ArrayList<>();
    long errors = server.warmup().errors() + server.load().errors() + server.single().errors();
    checks.add(new Check("errors under load (warm-up, load, single queries)", "0",
        errors + " of " + (server.warmup().requests() + server.load().requests() + server.single().requests()),
        errors == 0));
    double ratio = server.load().textsPerSecond() / inProcessTextsPerSecond;
    checks.add(new Check("throughput vs in-process bulk", String.format(">= %.2fx", MIN_THROUGHPUT_RATIO),
        String.format("%.2fx (%.1f / %.1f texts/s, in-process mean of before and after); per CPU-second %.2fx",
            ratio, server.load().textsPerSecond(), inProcessTextsPerSecond, cpuRatio),
        ratio >= MIN_THROUGHPUT_RATIO));
    double p50 = server.single().okLatency().p50Ms();
    checks.add(new Check("single short query p50", String.format("<= %.0f ms", MAX_SINGLE_P50_MS),
        String.format("%.2f ms", p50), p50 <= MAX_SINGLE_P50_MS));
    checks.add(new Check("RSS growth, after warm-up to end", String.format("<= %.0f%%", rssGrowthAllowed * 100),
        String.format("%+.1f%% (%s -> %s)", server.rssGrowth() * 100, Mib.of(server.rssAfterWarmupKib()),
            Mib.of(server.rssEndKib())), server.rssGrowth() <= rssGrowthAllowed));
    checks.add(new Check("listens on loopback only", "yes", String.join(", ", server.listening()),
        server.loopbackOnly()));
    checks.add(new Check("SIGTERM stops it with exit 0", "0", Integer.toString(server.exitCode()),
        server.exitCode() == 0));
    if (overload != null) {
      ServeResults.Phase phase = overload.phase();
      checks.add(new Check("overload: answers other than a good 200 or a 429", "0",
          phase.failures() + " of " + phase.requests(), phase.failures() == 0));
      checks.add(new Check("overload: 429s seen", "> 0", Long.toString(phase.rejected()), phase.rejected() > 0));
      checks.add(new Check("overload: 429s without Retry-After", "0", Long.toString(phase.rejectedWithoutRetryAfter()),
          phase.rejectedWithoutRetryAfter() == 0));
      double rejectedP99 = phase.rejectedLatency().p99Ms();
      checks.add(new Check("overload: 429 p99 latency", String.format("< %.0f ms", MAX_REJECTED_P99_MS),
          String.format("%.2f ms", rejectedP99), rejectedP99 < MAX_REJECTED_P99_MS));
      checks.add(new Check("overload: healthy and serving right after", "yes",
          "/health " + overload.healthAfter() + ", next request " + (overload.recovered() ? "200" : "failed"),
          overload.healthAfter() == 200 && overload.recovered()));
      checks.add(new Check("overload: SIGTERM stops it with exit 0", "0", Integer.toString(overload.exitCode()),
          overload.exitCode() == 0));
    }
    return checks;
  }
}
