package dev.embedkit.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * The child JVM's main: loads one target, warms it up, times full passes over the corpus, checks that a few
 * sentences embed the same alone as in the full pass, then writes the vectors of the last pass and a
 * {@link RunResult}. One target per JVM, so its peak resident memory is its own.
 *
 * <p>Arguments: target corpusFile vectorsFile resultFile warmupSentences repeats singleChecks
 */
public final class TargetRun {
  private TargetRun() {}

  public static void main(String[] args) {
    if (args.length != 7) {
      System.err.println("usage: TargetRun target corpusFile vectorsFile resultFile warmupSentences repeats singleChecks");
      System.exit(2);
    }
    Target target = Target.fromString(args[0]);
    List<String> corpus = Corpus.read(Path.of(args[1]));
    int warmup = Math.min(Integer.parseInt(args[4]), corpus.size());
    int repeats = Integer.parseInt(args[5]);
    int singles = Math.min(Integer.parseInt(args[6]), corpus.size());

    long start = System.nanoTime();
    try (Embedder embedder = target.open()) {
      long loadMillis = (System.nanoTime() - start) / 1_000_000;
      if (warmup > 0) {
        embedder.embedAll(corpus.subList(0, warmup));
      }
      double[] seconds = new double[repeats];
      double[] cpuSeconds = new double[repeats];
      List<float[]> vectors = null;
      for (int r = 0; r < repeats; r++) {
        long cpu0 = cpuNanos();
        long t0 = System.nanoTime();
        vectors = embedder.embedAll(corpus);
        seconds[r] = (System.nanoTime() - t0) / 1e9;
        cpuSeconds[r] = (cpuNanos() - cpu0) / 1e9;
        System.err.printf("  %-14s pass %d/%d: %.2f s, %.1f sentences/s, %.2f CPU-s%n", target.label(), r + 1, repeats,
            seconds[r], corpus.size() / seconds[r], cpuSeconds[r]);
      }
      double maxDiff = 0;
      for (int i = 0; i < singles; i++) {
        float[] alone = embedder.embedAll(List.of(corpus.get(i))).get(0);
        float[] inPass = vectors.get(i);
        for (int d = 0; d < alone.length; d++) {
          maxDiff = Math.max(maxDiff, Math.abs(alone[d] - inPass[d]));
        }
      }
      int[] counts = embedder.countTokens(corpus);
      long tokens = -1;
      int minTokens = -1;
      int maxTokens = -1;
      if (counts != null) {
        tokens = 0;
        minTokens = Integer.MAX_VALUE;
        for (int c : counts) {
          tokens += c;
          minTokens = Math.min(minTokens, c);
          maxTokens = Math.max(maxTokens, c);
        }
      }
      VectorFile.write(vectors, Path.of(args[2]));
      // Read last: the high-water mark covers loading, warm-up, every pass and the checks.
      long peak = ProcStatus.peakRssKib();
      new RunResult(target, embedder.settings(), corpus.size(), loadMillis, seconds, cpuSeconds, peak, tokens, minTokens, maxTokens,
          singles, maxDiff).write(Path.of(args[3]));
    }
    // LangChain4j's executor threads are not daemons; the result is written, so leave now.
    System.exit(0);
  }

  /** CPU time of this whole process, all threads. */
  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
  }
}
