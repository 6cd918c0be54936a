package dev.embedkit.bench.serve;

/**
 * One client sending one short text per request, each as soon as the previous answer arrived: the latency a
 * search box sees on an idle server.
 *
 * @param client the HTTP client
 * @param firstText index of the first query text
 * @param textCount how many query texts, taken in turn
 */
record SingleQueries(EmbeddingsClient client, int firstText, int textCount) {
  SingleQueries {
    if (textCount <= 0) {
      throw new IllegalArgumentException("textCount must be positive; textCount=" + textCount);
    }
  }

  /**
   * {@code warmup} requests, counted only if they fail, then {@code count} counted ones.
   *
   * @param measuring runs between the two
   */
  LoadResult run(int warmup, int count, ProcessHandle server, Runnable measuring) {
    Tally tally = new Tally();
    for (int i = 0; i < warmup; i++) {
      Outcome outcome = client.embed(new int[] {firstText + i % textCount});
      if (!outcome.ok()) {
        tally.add(outcome);
      }
    }
    measuring.run();
    long serverCpu0 = Cpu.nanos(server);
    long clientCpu0 = Cpu.nanos(ProcessHandle.current());
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      tally.add(client.embed(new int[] {firstText + (warmup + i) % textCount}));
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new LoadResult(1, seconds, tally, (Cpu.nanos(ProcessHandle.current()) - clientCpu0) / 1e9,
        (Cpu.nanos(server) - serverCpu0) / 1e9);
  }
}
