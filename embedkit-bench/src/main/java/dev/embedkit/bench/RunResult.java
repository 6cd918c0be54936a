package dev.embedkit.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;

/**
 * What one child JVM measured for one target, written as a properties file for the parent.
 *
 * @param target what ran
 * @param settings how the library ran inference
 * @param sentences sentences per timed pass
 * @param loadMillis time to load the model (first use extracts a pack; later runs reuse the cache)
 * @param passSeconds wall time of each timed pass over the corpus
 * @param passCpuSeconds CPU time the whole child used during each pass (all threads, JIT and GC included): unlike
 *     wall time it hardly changes when other processes load the machine
 * @param peakRssKib VmHWM at the end of the child: peak resident memory over load, warm-up and passes
 * @param tokens total tokens of the corpus as the library counts them, or -1
 * @param minTokens fewest tokens in a sentence, or -1
 * @param maxTokens most tokens in a sentence, or -1
 * @param singleChecked sentences re-embedded one per call to check batch invariance
 * @param singleMaxAbsDiff largest absolute difference between a sentence's vector from the full pass and alone
 */
record RunResult(Target target, String settings, int sentences, long loadMillis, double[] passSeconds,
    double[] passCpuSeconds, long peakRssKib,
    long tokens, int minTokens, int maxTokens, int singleChecked, double singleMaxAbsDiff) {

  /** Sentences per second of each pass. */
  double[] throughputs() {
    return Arrays.stream(passSeconds).map(s -> sentences / s).toArray();
  }

  double medianThroughput() {
    return median(throughputs());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  /** Sentences per CPU-second, median over the passes: how much work the library spends per sentence. */
  double medianCpuThroughput() {
    return median(Arrays.stream(passCpuSeconds).map(s -> sentences / s).toArray());
  }

  double bestThroughput() {
    return Arrays.stream(throughputs()).max().orElse(0);
  }

  double worstThroughput() {
    return Arrays.stream(throughputs()).min().orElse(0);
  }

  void write(Path file) {
    Properties p = new Properties();
    p.setProperty("target", target.label());
    p.setProperty("settings", settings);
    p.setProperty("sentences", Integer.toString(sentences));
    p.setProperty("loadMillis", Long.toString(loadMillis));
    p.setProperty("passSeconds", join(passSeconds));
    p.setProperty("passCpuSeconds", join(passCpuSeconds));
    p.setProperty("peakRssKib", Long.toString(peakRssKib));
    p.setProperty("tokens", Long.toString(tokens));
    p.setProperty("minTokens", Integer.toString(minTokens));
    p.setProperty("maxTokens", Integer.toString(maxTokens));
    p.setProperty("singleChecked", Integer.toString(singleChecked));
    p.setProperty("singleMaxAbsDiff", Double.toString(singleMaxAbsDiff));
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, "embedkit bench child result");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static RunResult read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return new RunResult(Target.fromString(p.getProperty("target")), p.getProperty("settings"),
        Integer.parseInt(p.getProperty("sentences")), Long.parseLong(p.getProperty("loadMillis")),
        split(p.getProperty("passSeconds")), split(p.getProperty("passCpuSeconds")),
        Long.parseLong(p.getProperty("peakRssKib")), Long.parseLong(p.getProperty("tokens")),
        Integer.parseInt(p.getProperty("minTokens")), Integer.parseInt(p.getProperty("maxTokens")),
        Integer.parseInt(p.getProperty("singleChecked")), Double.parseDouble(p.getProperty("singleMaxAbsDiff")));
  }

  private static String join(double[] values) {
    return String.join(",", Arrays.stream(values).mapToObj(Double::toString).toList());
  }

  private static double[] split(String values) {
    return Arrays.stream(values.split(",")).mapToDouble(Double::parseDouble).toArray();
  }
}
