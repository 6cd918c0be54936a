package dev.embedkit.bench.serve;

import dev.embedkit.bench.serve.ServeResults.Check;
import dev.embedkit.bench.serve.ServeResults.OverloadRun;
import dev.embedkit.bench.serve.ServeResults.Phase;
import dev.embedkit.bench.serve.ServeResults.ServerRun;
import dev.embedkit.bench.serve.ServeResults.Setup;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown report of one run: readable on a terminal, pasted as is into BENCHMARKS.md. */
final class ServeReport {
  private ServeReport() {}

  static String markdown(ServeResults r) {
    StringBuilder sb = new StringBuilder();
    setup(sb, r);
    table(sb, r);
    throughput(sb, r);
    memory(sb, r);
    if (r.overload() != null) {
      overload(sb, r.overload());
    }
    sb.append("| target (issue 10) | bound | measured | met |\n|---|---|---|---|\n");
    for (Check check : r.checks()) {
      sb.append(String.format("| %s | %s | %s | %s |%n", check.name(), check.target(), check.measured(),
          check.met() ? "yes" : "**NO**"));
    }
    ServerRun server = r.server();
    problems(sb, "load warm-up", server.warmup());
    problems(sb, "load", server.load());
    problems(sb, "single queries", server.single());
    lines(sb, "server", server.logExamples());
    if (r.overload() != null) {
      problems(sb, "overload", r.overload().phase());
      lines(sb, "overload server", r.overload().logExamples());
    }
    return sb.toString();
  }

  private static void setup(StringBuilder sb, ServeResults r) {
    Setup s = r.setup();
    InProcessResult peer = r.inProcess();
    sb.append("### HTTP server under load: run of ").append(s.date()).append("\n\n");
    sb.append(f("- command: `%s`%n", s.command()));
    sb.append(f("- machine: %s, %d cores (nproc), %s; load average (1/5/15 min) %s before, %s after%n", s.cpu(),
        s.cores(), s.memory(), s.loadBefore(), s.loadAfter()));
    sb.append(f("- JDK: %s (benchmark, server and in-process peer)%n", s.jdk()));
    sb.append(f("- model: %s: %s%n", s.model(), peer.settings()));
    sb.append(f("- server: `%s`%s; ready (/health 200) %.1f s after start; listening on %s%n",
        String.join(" ", s.serverCommand()),
        s.jvmArgs().isEmpty() ? "" : ", JVM options " + String.join(" ", s.jvmArgs()),
        r.server().readySeconds(), String.join(", ", r.server().listening())));
    sb.append(f("- load: %d clients (platform threads, one shared java.net.http client, HTTP/1.1 keep-alive), each"
        + " sending 1-%d texts per request (uniform, seeded), the next as soon as the answer arrives;"
        + " encoding_format %s; %.0f s warm-up, then %.0f s measured; every 200 checked: one vector per text, in"
        + " order, cosine >= %s to the text's in-process vector%n", s.clients(), s.maxTexts(), s.encoding(),
        s.warmupSeconds(), s.seconds(), ResponseCheck.MIN_COSINE));
    sb.append(f("- texts: %s; %s%n", s.corpus(), peer.corpusTokens()));
    sb.append(f("- single queries: %s; %s%n", s.queries(), peer.queryTokens()));
    sb.append(f("- in-process peer: `Embedkit.load(\"%s\")`, `embed` of the same texts in batches, %.0f s timed after"
        + " warm-up, in its own JVM while no server ran, once before the server and once after it%n%n", s.model(),
        peer.seconds()));
  }

  private static void table(StringBuilder sb, ServeResults r) {
    ServerRun server = r.server();
    sb.append("| run | requests | requests/s | texts/s | errors | p50 ms | p90 ms | p99 ms | max ms |"
        + " client CPU-s | server CPU-s |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    row(sb, f("load, %d clients, %.0f s", server.load().clients(), server.load().seconds()), server.load());
    row(sb, "load warm-up (not timed)", server.warmup());
    row(sb, "single short query, 1 client", server.single());
    bulk(sb, "in-process bulk, same texts, before the server", r.inProcess());
    bulk(sb, "in-process bulk, same texts, after the server", r.inProcessAfter());
    Latencies.Summary single = r.inProcess().single();
    sb.append(f("| in-process single query, one `embed` call | %d | - | - | - | %.2f | %.2f | %.2f | %.2f | - | - |"
        + "%n%n", single.count(), single.p50Ms(), single.p90Ms(), single.p99Ms(), single.maxMs()));
  }

  private static void throughput(StringBuilder sb, ServeResults r) {
    Phase load = r.server().load();
    InProcessResult before = r.inProcess();
    InProcessResult after = r.inProcessAfter();
    sb.append(f("Server texts/s over in-process bulk texts/s (mean of before and after): **%.2fx**. Texts per"
        + " CPU-second (other processes on the machine hardly move these): server %.1f, server and clients together"
        + " %.1f, in-process %.1f and %.1f (server over in-process: **%.2fx**). Returned vectors against in-process:"
        + " min cosine %.6f, max abs difference %.1e.%n%n", r.throughputRatio(),
        load.texts() / load.serverCpuSeconds(), load.texts() / (load.serverCpuSeconds() + load.clientCpuSeconds()),
        before.texts() / before.cpuSeconds(), after.texts() / after.cpuSeconds(), r.cpuRatio(), load.minCosine(),
        load.maxAbsDiff()));
    Latencies.Summary own = r.server().serverSideLoad();
    Latencies.Summary ownSingle = r.server().serverSideSingle();
    sb.append(f("The server's own time per request, from its access log (arrival to response written; no wait for a"
        + " connection thread, no client): load p50 %.2f / p99 %.2f ms (%d lines); single queries p50 %.2f / p99 %.2f"
        + " ms.%n%n", own.p50Ms(), own.p99Ms(), own.count(), ownSingle.p50Ms(), ownSingle.p99Ms()));
  }

  private static void memory(StringBuilder sb, ServeResults r) {
    ServerRun s = r.server();
    String samples = s.rssDuringLoadKib().stream().map(k -> f("%.0f", k / 1024.0)).collect(Collectors.joining(", "));
    sb.append(f("Server memory (VmRSS): %s at start, %s after warm-up, %s after the load, %s at the end; peak (VmHWM)"
        + " %s; every 5 s of the load: %s MiB. In-process peer's peak: %s. SIGTERM: exit %d after %.2f s. Server"
        + " output lines after ready mentioning an error, warning or exception: %d.%n%n", Mib.of(s.rssStartKib()),
        Mib.of(s.rssAfterWarmupKib()), Mib.of(s.rssAfterLoadKib()), Mib.of(s.rssEndKib()), Mib.of(s.peakRssKib()),
        samples, Mib.of(r.inProcess().peakRssKib()), s.exitCode(), s.stopSeconds(), s.logProblems()));
  }

  private static void overload(StringBuilder sb, OverloadRun overload) {
    Phase o = overload.phase();
    Latencies.Summary rejected = o.rejectedLatency();
    Latencies.Summary own = overload.serverSideRejected();
    sb.append(f("Overload: a second server with `%s`, %d clients for %.0f s: %d requests (%.0f/s), statuses %s; %d 429s"
        + " without Retry-After; 429 latency p50 %.2f / p99 %.2f / max %.2f ms; 200 latency p50 %.2f / p99 %.2f ms;"
        + " the server's own time (access log) for its 429s p50 %.2f / p99 %.2f / max %.2f ms (%d lines); afterwards"
        + " /health %d and the next request %s; VmRSS at its end %s, SIGTERM exit %d; client %.1f CPU-s, server"
        + " %.1f CPU-s.%n%n", String.join(" ", overload.serveArgs()), o.clients(), o.seconds(), o.requests(),
        o.requestsPerSecond(), statuses(o.statuses()), o.rejectedWithoutRetryAfter(), rejected.p50Ms(),
        rejected.p99Ms(), rejected.maxMs(), o.okLatency().p50Ms(), o.okLatency().p99Ms(), own.p50Ms(), own.p99Ms(),
        own.maxMs(), own.count(), overload.healthAfter(), overload.recovered() ? "succeeded" : "failed",
        Mib.of(overload.rssEndKib()), overload.exitCode(), o.clientCpuSeconds(), o.serverCpuSeconds()));
  }

  private static void row(StringBuilder sb, String name, Phase p) {
    Latencies.Summary l = p.okLatency();
    sb.append(f("| %s | %d | %.1f | %.1f | %d | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f |%n", name, p.requests(),
        p.requestsPerSecond(), p.textsPerSecond(), p.errors(), l.p50Ms(), l.p90Ms(), l.p99Ms(), l.maxMs(),
        p.clientCpuSeconds(), p.serverCpuSeconds()));
  }

  private static void bulk(StringBuilder sb, String name, InProcessResult peer) {
    sb.append(f("| %s | - | - | %.1f | - | - | - | - | - | - | %.1f (%.0f s) |%n", name, peer.textsPerSecond(),
        peer.cpuSeconds(), peer.seconds()));
  }

  private static void problems(StringBuilder sb, String name, Phase p) {
    if (!p.examples().isEmpty()) {
      sb.append("\nFirst problems in the ").append(name).append(" run:\n");
      p.examples().forEach(e -> sb.append("- ").append(e).append('\n'));
    }
  }

  private static void lines(StringBuilder sb, String name, List<String> lines) {
    if (!lines.isEmpty()) {
      sb.append("\nFirst problem lines in the ").append(name).append("'s output:\n");
      lines.forEach(l -> sb.append("    ").append(l).append('\n'));
    }
  }

  static String statuses(Map<Integer, Long> statuses) {
    return statuses.entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> (e.getKey() == Outcome.NO_RESPONSE ? "no response" : e.getKey().toString()) + ": " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
