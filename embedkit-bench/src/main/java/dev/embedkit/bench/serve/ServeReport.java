package dev.embedkit.bench.serve;

import dev.embedkit.bench.serve.ServeResults.Check;
import dev.embedkit.bench.serve.ServeResults.OverloadRun;
import dev.embedkit.bench.serve.ServeResults.Phase;
import dev.embedkit.bench.serve.ServeResults.ServerRun;
import dev.embedkit.bench.serve.ServeResults.Setup;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown report of one run: readable on a terminal, pasted as is into BENCHMARKS.md. */
final class ServeReport {
  private ServeReport() {}

  static String markdown(ServeResults r) {
    Setup s = r.setup();
    InProcessResult peer = r.inProcess();
    ServerRun server = r.server();
    StringBuilder sb = new StringBuilder();
    sb.append("### HTTP server under load: run of ").append(s.date()).append("\n\n");
    sb.append("- command: `").append(s.command()).append("`\n");
    sb.append("- machine: ").append(s.cpu()).append(", ").append(s.cores()).append(" cores (nproc), ")
        .append(s.memory()).append("; load average (1/5/15 min) ").append(s.loadBefore()).append(" before, ")
        .append(s.loadAfter()).append(" after\n");
    sb.append("- JDK: ").append(s.jdk()).append(" (benchmark, server and in-process peer)\n");
    sb.append("- model: ").append(s.model()).append(": ").append(peer.settings()).append('\n');
    sb.append("- server: `").append(String.join(" ", s.serverCommand())).append("`")
        .append(s.jvmArgs().isEmpty() ? "" : ", JVM options " + String.join(" ", s.jvmArgs()))
        .append("; ready (/health 200) ").append(f1(server.readySeconds())).append(" s after start; listening on ")
        .append(String.join(", ", server.listening())).append('\n');
    sb.append("- load: ").append(s.clients()).append(" clients (platform threads, one shared java.net.http client,"
        + " HTTP/1.1 keep-alive), each sending 1-").append(s.maxTexts())
        .append(" texts per request (uniform, seeded), the next as soon as the answer arrives; encoding_format ")
        .append(s.encoding()).append("; ").append(f0(s.warmupSeconds())).append(" s warm-up, then ")
        .append(f0(s.seconds())).append(" s measured; every 200 checked: one vector per text, in order, cosine >= ")
        .append(ResponseCheck.MIN_COSINE).append(" to the text's in-process vector\n");
    sb.append("- texts: ").append(s.corpus()).append("; ").append(peer.corpusTokens()).append('\n');
    sb.append("- single queries: ").append(s.queries()).append("; ").append(peer.queryTokens()).append('\n');
    sb.append("- in-process peer: `Embedkit.load(\"").append(s.model()).append("\")`, `embed` of the same texts in")
        .append(" batches, ").append(f0(peer.seconds())).append(" s timed after warm-up, in its own JVM while no")
        .append(" server ran, once before the server and once after it\n\n");

    sb.append("| run | requests | requests/s | texts/s | errors | p50 ms | p90 ms | p99 ms | max ms |"
        + " client CPU-s | server CPU-s |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    row(sb, "load, " + s.clients() + " clients, " + f0(server.load().seconds()) + " s", server.load());
    row(sb, "load warm-up (not timed)", server.warmup());
    row(sb, "single short query, 1 client", server.single());
    Latencies.Summary single = peer.single();
    bulk(sb, "in-process bulk, same texts, before the server", peer);
    bulk(sb, "in-process bulk, same texts, after the server", r.inProcessAfter());
    sb.append("| in-process single query, one `embed` call | ").append(single.count()).append(" | - | - | - | ")
        .append(f2(single.p50Ms())).append(" | ").append(f2(single.p90Ms())).append(" | ").append(f2(single.p99Ms()))
        .append(" | ").append(f2(single.maxMs())).append(" | - | - |\n\n");

    sb.append("Server texts/s over in-process bulk texts/s (mean of before and after): **")
        .append(String.format("%.2fx", r.throughputRatio())).append("**. Texts per CPU-second (any other load on the")
        .append(" machine hardly moves these): server ").append(f1(server.load().texts() / server.load().serverCpuSeconds()))
        .append(", server and clients together ")
        .append(f1(server.load().texts() / (server.load().serverCpuSeconds() + server.load().clientCpuSeconds())))
        .append(", in-process ").append(f1(peer.texts() / peer.cpuSeconds())).append(" and ")
        .append(f1(r.inProcessAfter().texts() / r.inProcessAfter().cpuSeconds())).append(". Returned vectors against in-process: min cosine ").append(f6(server.load().minCosine()))
        .append(", max abs difference ").append(String.format("%.1e", server.load().maxAbsDiff())).append(".\n\n");

    sb.append("The server's own time per request, from its access log (arrival to response written; no wait for a")
        .append(" connection thread, no client): load p50 ").append(f2(server.serverSideLoad().p50Ms())).append(" / p99 ")
        .append(f2(server.serverSideLoad().p99Ms())).append(" ms (").append(server.serverSideLoad().count())
        .append(" lines); single queries p50 ").append(f2(server.serverSideSingle().p50Ms())).append(" / p99 ")
        .append(f2(server.serverSideSingle().p99Ms())).append(" ms.\n\n");
    sb.append("Server memory (VmRSS): ").append(Mib.of(server.rssStartKib())).append(" at start, ")
        .append(Mib.of(server.rssAfterWarmupKib())).append(" after warm-up, ").append(Mib.of(server.rssAfterLoadKib()))
        .append(" after the load, ").append(Mib.of(server.rssEndKib())).append(" at the end; peak (VmHWM) ")
        .append(Mib.of(server.peakRssKib())).append("; every 5 s of the load: ")
        .append(server.rssDuringLoadKib().stream().map(k -> String.format("%.0f", k / 1024.0))
            .collect(Collectors.joining(", "))).append(" MiB. In-process peer's peak: ").append(Mib.of(peer.peakRssKib()))
        .append(". SIGTERM: exit ").append(server.exitCode()).append(" after ").append(f2(server.stopSeconds()))
        .append(" s. Server output lines after ready mentioning an error, warning or exception: ")
        .append(server.logProblems()).append(".\n\n");

    OverloadRun overload = r.overload();
    if (overload != null) {
      Phase o = overload.phase();
      sb.append("Overload: a second server with `").append(String.join(" ", overload.serveArgs())).append("`, ")
          .append(o.clients()).append(" clients for ").append(f0(o.seconds())).append(" s: ").append(o.requests())
          .append(" requests (").append(f0(o.requestsPerSecond())).append("/s), statuses ")
          .append(statuses(o.statuses())).append("; ").append(o.rejectedWithoutRetryAfter())
          .append(" 429s without Retry-After; 429 latency p50 ").append(f2(o.rejectedLatency().p50Ms()))
          .append(" / p99 ").append(f2(o.rejectedLatency().p99Ms())).append(" / max ")
          .append(f2(o.rejectedLatency().maxMs())).append(" ms; 200 latency p50 ").append(f2(o.okLatency().p50Ms()))
          .append(" / p99 ").append(f2(o.okLatency().p99Ms())).append(" ms; the server's own time (access log) for its")
          .append(" 429s p50 ").append(f2(overload.serverSideRejected().p50Ms())).append(" / p99 ")
          .append(f2(overload.serverSideRejected().p99Ms())).append(" / max ")
          .append(f2(overload.serverSideRejected().maxMs())).append(" ms (").append(overload.serverSideRejected().count())
          .append(" lines); afterwards /health ")
          .append(overload.healthAfter()).append(" and the next request ")
          .append(overload.recovered() ? "succeeded" : "failed").append("; VmRSS at its end ")
          .append(Mib.of(overload.rssEndKib())).append(", SIGTERM exit ").append(overload.exitCode()).append(".\n\n");
    }

    sb.append("| target (issue 10) | bound | measured | met |\n|---|---|---|---|\n");
    for (Check check : r.checks()) {
      sb.append("| ").append(check.name()).append(" | ").append(check.target()).append(" | ").append(check.measured())
          .append(" | ").append(check.met() ? "yes" : "**NO**").append(" |\n");
    }
    problems(sb, "load warm-up", server.warmup());
    problems(sb, "load", server.load());
    problems(sb, "single queries", server.single());
    if (overload != null) {
      problems(sb, "overload", overload.phase());
    }
    log(sb, "server", server.logExamples());
    if (overload != null) {
      log(sb, "overload server", overload.logExamples());
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, String name, Phase p) {
    Latencies.Summary l = p.okLatency();
    sb.append("| ").append(name).append(" | ").append(p.requests()).append(" | ").append(f1(p.requestsPerSecond()))
        .append(" | ").append(f1(p.textsPerSecond())).append(" | ").append(p.errors()).append(" | ")
        .append(f2(l.p50Ms())).append(" | ").append(f2(l.p90Ms())).append(" | ").append(f2(l.p99Ms())).append(" | ")
        .append(f2(l.maxMs())).append(" | ").append(f1(p.clientCpuSeconds())).append(" | ")
        .append(f1(p.serverCpuSeconds())).append(" |\n");
  }

  private static void bulk(StringBuilder sb, String name, InProcessResult peer) {
    sb.append("| ").append(name).append(" | - | - | ").append(f1(peer.textsPerSecond()))
        .append(" | - | - | - | - | - | - | ").append(f1(peer.cpuSeconds())).append(" (").append(f0(peer.seconds()))
        .append(" s) |\n");
  }

  private static void problems(StringBuilder sb, String name, Phase p) {
    if (!p.examples().isEmpty()) {
      sb.append("\nFirst problems in the ").append(name).append(" run:\n");
      p.examples().forEach(e -> sb.append("- ").append(e).append('\n'));
    }
  }

  private static void log(StringBuilder sb, String name, java.util.List<String> lines) {
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

  private static String f0(double v) {
    return String.format("%.0f", v);
  }

  private static String f1(double v) {
    return String.format("%.1f", v);
  }

  private static String f2(double v) {
    return String.format("%.2f", v);
  }

  private static String f6(double v) {
    return String.format("%.6f", v);
  }
}
