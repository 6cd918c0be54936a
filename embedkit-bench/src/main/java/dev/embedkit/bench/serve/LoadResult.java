package dev.embedkit.bench.serve;

/**
 * One run of concurrent or sequential requests against a server.
 *
 * @param clients clients sending at once
 * @param seconds from the first request to the last answer
 * @param tally every outcome
 * @param clientCpuSeconds CPU time of the benchmark's own JVM (the clients) over the run
 * @param serverCpuSeconds CPU time of the server process over the run
 */
record LoadResult(int clients, double seconds, Tally tally, double clientCpuSeconds, double serverCpuSeconds) {
  double requestsPerSecond() {
    return tally.requests() / seconds;
  }

  /** Texts embedded per second by good answers. */
  double textsPerSecond() {
    return tally.okTexts() / seconds;
  }

  /** Answers that were not a good 200: the load run's errors. */
  long errors() {
    return tally.requests() - tally.ok();
  }
}
