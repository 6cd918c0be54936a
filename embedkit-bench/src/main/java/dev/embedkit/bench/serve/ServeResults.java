package dev.embedkit.bench.serve;

import java.util.List;
import java.util.Map;

/**
 * Everything one {@code bin/bench serve} run measured, as the report and {@code --json} show it. Latencies in
 * milliseconds, memory in KiB.
 *
 * @param setup what ran where
 * @param inProcess the library in-process, same model and texts, measured before any server ran
 * @param inProcessAfter the same again, after the server under load stopped: the two bracket the load run, so a
 *     change in the machine's load from other processes shows
 * @param server the server under the concurrent load, then single queries
 * @param overload a second server with a small admission limit, hammered
 * @param checks the targets, each met or not
 */
record ServeResults(Setup setup, InProcessResult inProcess, InProcessResult inProcessAfter, ServerRun server,
    OverloadRun overload, List<Check> checks) {

  /** The in-process bulk texts/s the server is held to: the mean of the runs before and after it. */
  static double inProcessTextsPerSecond(InProcessResult before, InProcessResult after) {
    return (before.textsPerSecond() + after.textsPerSecond()) / 2;
  }

  /**
   * Server texts per CPU-second of the server process over in-process texts per CPU-second (both in-process runs
   * pooled): what the wall-clock ratio comes to when the server has the cores to itself, and hardly moved by other
   * processes on the machine.
   */
  double cpuRatio() {
    return cpuRatio(inProcess, inProcessAfter, server.load());
  }

  static double cpuRatio(InProcessResult before, InProcessResult after, Phase load) {
    double inProcessPerCpuSecond = (double) (before.texts() + after.texts()) / (before.cpuSeconds() + after.cpuSeconds());
    return load.texts() / load.serverCpuSeconds() / inProcessPerCpuSecond;
  }

  /** Server texts/s under load over in-process bulk texts/s. */
  double throughputRatio() {
    return server.load().textsPerSecond() / inProcessTextsPerSecond(inProcess, inProcessAfter);
  }

  boolean allMet() {
    return checks.stream().allMatch(Check::met);
  }

  /**
   * @param command the command line as typed
   * @param date when it ran
   * @param cpu CPU model from /proc/cpuinfo
   * @param cores processors the JVM sees ({@code nproc})
   * @param memory total memory
   * @param jdk the JVM running the benchmark, the server and the peer
   * @param loadBefore load average (1/5/15 min) before
   * @param loadAfter load average after
   * @param model the model served and loaded in-process
   * @param encoding encoding_format of the requests
   * @param corpus the load's texts
   * @param queries the single queries' texts
   * @param clients concurrent clients of the load run
   * @param maxTexts most texts per request
   * @param warmupSeconds load run's warm-up, not counted
   * @param seconds load run's measured time
   * @param serverCommand how the server was started, past the class path
   * @param jvmArgs options of the server's and the peer's JVMs
   */
  record Setup(String command, String date, String cpu, int cores, String memory, String jdk, String loadBefore,
      String loadAfter, String model, String encoding, String corpus, String queries, int clients, int maxTexts,
      double warmupSeconds, double seconds, List<String> serverCommand, List<String> jvmArgs) {}

  /**
   * The main server's run.
   *
   * @param readySeconds from starting its process to the first 200 from /health
   * @param listening addresses its port listens on
   * @param loopbackOnly whether those are all loopback
   * @param rssStartKib VmRSS once ready
   * @param rssAfterWarmupKib VmRSS after the load's warm-up
   * @param rssAfterLoadKib VmRSS after the measured load
   * @param rssEndKib VmRSS after the single queries, before stopping
   * @param peakRssKib VmHWM before stopping
   * @param rssDuringLoadKib VmRSS every 5 s of the measured load, from its start
   * @param warmup the load's warm-up (its errors count)
   * @param load the measured load
   * @param single one client, one short text per request
   * @param serverSideLoad the server's own time for the load's 200s, from its access lines
   * @param serverSideSingle the server's own time for the single queries' 200s
   * @param exitCode exit status after SIGTERM (-1: killed after the timeout)
   * @param stopSeconds from SIGTERM to exit
   * @param logProblems lines of its output after ready that mention an error, warning or exception
   * @param logExamples the first of them
   */
  record ServerRun(double readySeconds, List<String> listening, boolean loopbackOnly, long rssStartKib,
      long rssAfterWarmupKib, long rssAfterLoadKib, long rssEndKib, long peakRssKib, List<Long> rssDuringLoadKib,
      Phase warmup, Phase load,
      Phase single, Latencies.Summary serverSideLoad, Latencies.Summary serverSideSingle, int exitCode,
      double stopSeconds, int logProblems, List<String> logExamples) {

    /** RSS at the end over RSS after warm-up, minus 1. */
    double rssGrowth() {
      return (double) rssEndKib / rssAfterWarmupKib - 1;
    }
  }

  /**
   * The overload run.
   *
   * @param serveArgs the server's admission options
   * @param phase the hammering
   * @param serverSideRejected the server's own time for its 429s, from its access lines
   * @param serverSideOk the server's own time for its 200s
   * @param healthAfter /health status right after it
   * @param recovered whether a request right after it got a good 200
   * @param rssEndKib VmRSS after it
   * @param exitCode exit status after SIGTERM
   * @param logProblems lines after ready that mention an error, warning or exception
   * @param logExamples the first of them
   */
  record OverloadRun(List<String> serveArgs, Phase phase, Latencies.Summary serverSideRejected,
      Latencies.Summary serverSideOk, int healthAfter, boolean recovered, long rssEndKib,
      int exitCode, int logProblems, List<String> logExamples) {}

  /**
   * One run of requests.
   *
   * @param clients concurrent clients
   * @param seconds first request to last answer
   * @param requests answers and failures
   * @param ok good 200s
   * @param texts texts in good 200s
   * @param requestsPerSecond all requests per second
   * @param textsPerSecond texts in good 200s per second
   * @param rejected 429s
   * @param rejectedWithoutRetryAfter 429s without a valid Retry-After
   * @param failures neither a good 200 nor a 429
   * @param invalid 200s with a wrong body
   * @param statuses requests by status (-1: no response)
   * @param okLatency latency of good 200s
   * @param rejectedLatency latency of 429s
   * @param minCosine lowest cosine of a returned vector to its in-process reference
   * @param maxAbsDiff largest absolute difference of a returned component to the reference
   * @param clientCpuSeconds CPU time of the benchmark's JVM (the clients)
   * @param serverCpuSeconds CPU time of the server
   * @param examples the first problems, word for word
   */
  record Phase(int clients, double seconds, long requests, long ok, long texts, double requestsPerSecond,
      double textsPerSecond, long rejected, long rejectedWithoutRetryAfter, long failures, long invalid,
      Map<Integer, Long> statuses, Latencies.Summary okLatency, Latencies.Summary rejectedLatency, double minCosine,
      double maxAbsDiff, double clientCpuSeconds, double serverCpuSeconds, List<String> examples) {

    static Phase of(LoadResult run) {
      Tally t = run.tally();
      return new Phase(run.clients(), run.seconds(), t.requests(), t.ok(), t.okTexts(), run.requestsPerSecond(),
          run.textsPerSecond(), t.rejected(), t.rejectedWithoutRetryAfter(), t.failures(), t.invalid(), t.statuses(),
          t.okLatencies().summary(), t.rejectedLatencies().summary(), t.minCosine(), t.maxAbsDiff(),
          run.clientCpuSeconds(), run.serverCpuSeconds(), t.examples());
    }

    /** Anything but a good 200. */
    long errors() {
      return requests - ok;
    }
  }

  /**
   * One of the targets.
   *
   * @param name what is checked
   * @param target the bound
   * @param measured what this run measured
   * @param met whether it holds
   */
  record Check(String name, String target, String measured, boolean met) {}
}
