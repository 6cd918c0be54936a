package dev.embedkit.bench.serve;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * What the in-process peer measured, handed from its JVM to the benchmark as a properties file.
 *
 * @param settings the model's weights and inference plan
 * @param loadMillis time to load the model
 * @param seconds length of the timed bulk run
 * @param texts texts embedded in it
 * @param cpuSeconds CPU time of the whole child over it
 * @param single latency of one query per {@code embed} call
 * @param peakRssKib the child's VmHWM at the end
 * @param corpusTokens token counts of the load's texts
 * @param queryTokens token counts of the single queries
 */
record InProcessResult(String settings, long loadMillis, double seconds, long texts, double cpuSeconds,
    Latencies.Summary single, long peakRssKib, TokenStats corpusTokens, TokenStats queryTokens) {

  double textsPerSecond() {
    return texts / seconds;
  }

  void write(Path file) {
    Properties p = new Properties();
    p.setProperty("settings", settings);
    p.setProperty("loadMillis", Long.toString(loadMillis));
    p.setProperty("seconds", Double.toString(seconds));
    p.setProperty("texts", Long.toString(texts));
    p.setProperty("cpuSeconds", Double.toString(cpuSeconds));
    p.setProperty("single", single.count() + " " + single.p50Ms() + " " + single.p90Ms() + " " + single.p99Ms() + " "
        + single.maxMs() + " " + single.meanMs());
    p.setProperty("peakRssKib", Long.toString(peakRssKib));
    p.setProperty("corpusTokens", corpusTokens.min() + " " + corpusTokens.mean() + " " + corpusTokens.max());
    p.setProperty("queryTokens", queryTokens.min() + " " + queryTokens.mean() + " " + queryTokens.max());
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      p.store(out, "embedkit in-process peer");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static InProcessResult read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String[] s = p.getProperty("single").split(" ");
    return new InProcessResult(p.getProperty("settings"), Long.parseLong(p.getProperty("loadMillis")),
        Double.parseDouble(p.getProperty("seconds")), Long.parseLong(p.getProperty("texts")),
        Double.parseDouble(p.getProperty("cpuSeconds")),
        new Latencies.Summary(Integer.parseInt(s[0]), Double.parseDouble(s[1]), Double.parseDouble(s[2]),
            Double.parseDouble(s[3]), Double.parseDouble(s[4]), Double.parseDouble(s[5])),
        Long.parseLong(p.getProperty("peakRssKib")), tokens(p.getProperty("corpusTokens")),
        tokens(p.getProperty("queryTokens")));
  }

  private static TokenStats tokens(String value) {
    String[] t = value.split(" ");
    return new TokenStats(Integer.parseInt(t[0]), Double.parseDouble(t[1]), Integer.parseInt(t[2]));
  }
}
