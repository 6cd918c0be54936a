package dev.embedkit.bench.serve;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * Concurrent clients, each in a loop for a fixed time: pick 1 to {@code maxTexts} texts at random (seeded per
 * client), send them, check the answer, record the outcome, send the next at once. Platform threads, one per
 * client, so that {@code clients} requests are in flight whenever the server answers as fast as it can.
 *
 * @param client the HTTP client every thread shares
 * @param clients concurrent clients
 * @param maxTexts most texts in one request (at least 1; uniform in 1..maxTexts)
 * @param firstText first text index a request may pick
 * @param textCount how many texts from {@code firstText} on
 * @param seed seed for the texts each client picks
 */
record ClientLoad(EmbeddingsClient client, int clients, int maxTexts, int firstText, int textCount, long seed) {
  ClientLoad {
    if (clients <= 0 || maxTexts <= 0 || textCount <= 0) {
      throw new IllegalArgumentException("clients, maxTexts and textCount must be positive; clients=" + clients
          + " maxTexts=" + maxTexts + " textCount=" + textCount);
    }
  }

  /**
   * Runs every client for {@code duration}, then waits for the requests in flight to finish (they count).
   *
   * @param round distinguishes the texts of one run from another's with the same seed
   * @param server the server's process, whose CPU time is read before and after
   */
  LoadResult run(Duration duration, int round, ProcessHandle server) throws InterruptedException {
    List<Tally> tallies = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    CountDownLatch ready = new CountDownLatch(clients);
    CountDownLatch go = new CountDownLatch(1);
    long[] deadline = new long[1];
    for (int c = 0; c < clients; c++) {
      Tally tally = new Tally();
      tallies.add(tally);
      Random random = new Random(seed * 1_000_003L + round * 10_007L + c);
      Thread thread = new Thread(() -> {
        ready.countDown();
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        while (System.nanoTime() - deadline[0] < 0) {
          tally.add(client.embed(pick(random)));
        }
      }, "client-" + c);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    ready.await();
    long serverCpu0 = Cpu.nanos(server);
    long clientCpu0 = Cpu.nanos(ProcessHandle.current());
    long start = System.nanoTime();
    deadline[0] = start + duration.toNanos();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Tally all = new Tally();
    tallies.forEach(all::addAll);
    return new LoadResult(clients, seconds, all, (Cpu.nanos(ProcessHandle.current()) - clientCpu0) / 1e9,
        (Cpu.nanos(server) - serverCpu0) / 1e9);
  }

  private int[] pick(Random random) {
    int[] indexes = new int[1 + random.nextInt(maxTexts)];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = firstText + random.nextInt(textCount);
    }
    return indexes;
  }
}
