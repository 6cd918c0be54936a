package dev.embedkit.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark's results as Markdown: a table of runs (throughput, spread, ratio to the peer, peak memory, agreement
 * of vectors) and the targets, each marked met or not met as measured.
 */
final class Report {
  /** The targets, as ratios of sentences/s to the peer's fp32. */
  static final double FP32_TARGET = 1.6;
  static final double INT8_TARGET = 3.0;
  static final double INT8_MIN_MEAN_COSINE = 0.99;

  /** One measured row with the vectors of its last pass. */
  record Row(RunSpec spec, RunResult result, List<float[]> vectors) {}

  private final List<Row> rows;
  private final Optional<Row> peer;
  private final Optional<Row> fp32Reference;

  Report(List<Row> rows) {
    this.rows = List.copyOf(rows);
    this.peer = first(Target.BASELINE);
    this.fp32Reference = first(Target.EMBEDKIT_FP32);
  }

  String table() {
    StringBuilder sb = new StringBuilder();
    sb.append("| run | sentences/s, median | best / worst pass | vs peer-fp32, median (best) | sentences per CPU-s"
        + " | peak RSS | load | cosine to embedkit-fp32, mean / min | cosine to peer-fp32, mean / min"
        + " | alone vs in full pass, max abs diff |\n");
    sb.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      RunResult r = row.result();
      sb.append(String.format("| %s | %.1f | %.1f / %.1f | %s | %.1f | %d MiB | %.1f s | %s | %s | %s |%n",
          row.spec().label(), r.medianThroughput(), r.bestThroughput(), r.worstThroughput(),
          peer.map(p -> String.format("%.2fx (%.2fx)", ratio(row).orElseThrow(), bestRatio(row).orElseThrow()))
              .orElse("-"),
          r.medianCpuThroughput(), r.peakRssKib() / 1024, r.loadMillis() / 1000.0, agreement(row, fp32Reference),
          agreement(row, peer), String.format("%.1e (%d sentences)", r.singleMaxAbsDiff(), r.singleChecked())));
    }
    return sb.toString();
  }

  String settings() {
    StringBuilder sb = new StringBuilder();
    for (Row row : rows) {
      sb.append("- ").append(row.spec().label()).append(": ").append(row.result().settings());
      if (!row.spec().jvmArgs().isEmpty()) {
        sb.append(" (").append(String.join(" ", row.spec().jvmArgs())).append(')');
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  /** Token statistics of the corpus as embedkit's tokenizer counts them, when an embedkit run reported them. */
  Optional<String> tokenStats() {
    return rows.stream().map(Row::result).filter(r -> r.tokens() >= 0).findFirst().map(r -> String.format(
        "%d sentences, %d tokens in all (%.1f per sentence, %d to %d, special tokens included)", r.sentences(),
        r.tokens(), (double) r.tokens() / r.sentences(), r.minTokens(), r.maxTokens()));
  }

  /** The targets against the fastest row (by median) of each embedkit target; met or not by the median. */
  String targets() {
    StringBuilder sb = new StringBuilder();
    if (peer.isEmpty()) {
      return "- targets not checked: peer-fp32 was not run\n";
    }
    fastest(Target.EMBEDKIT_FP32).ifPresent(row -> {
      double x = ratio(row).orElseThrow();
      sb.append(String.format("- fp32 >= %.1fx peer-fp32: %.2fx median, %.2fx best pass (%s) -> %s%n", FP32_TARGET, x,
          bestRatio(row).orElseThrow(), row.spec().label(), x >= FP32_TARGET ? "met" : "NOT met"));
    });
    fastest(Target.EMBEDKIT_INT8).ifPresent(row -> {
      double x = ratio(row).orElseThrow();
      sb.append(String.format("- int8 >= %.1fx peer-fp32: %.2fx median, %.2fx best pass (%s) -> %s%n", INT8_TARGET, x,
          bestRatio(row).orElseThrow(), row.spec().label(), x >= INT8_TARGET ? "met" : "NOT met"));
      fp32Reference.ifPresent(ref -> {
        Agreement a = Agreement.between(row.vectors(), ref.vectors());
        sb.append(String.format("- int8 mean cosine to fp32 >= %.2f: %.4f (min %.4f) -> %s%n", INT8_MIN_MEAN_COSINE,
            a.mean(), a.min(), a.mean() >= INT8_MIN_MEAN_COSINE ? "met" : "NOT met"));
      });
      boolean deterministic = row.result().singleMaxAbsDiff() == 0;
      sb.append(String.format("- int8 deterministic (a sentence alone equals it in the full pass, %d checked): max abs"
          + " diff %.1e -> %s%n", row.result().singleChecked(), row.result().singleMaxAbsDiff(),
          deterministic ? "met" : "NOT met"));
    });
    return sb.toString();
  }

  private Optional<Double> ratio(Row row) {
    return peer.map(p -> row.result().medianThroughput() / p.result().medianThroughput());
  }

  private Optional<Double> bestRatio(Row row) {
    return peer.map(p -> row.result().bestThroughput() / p.result().bestThroughput());
  }

  private static String agreement(Row row, Optional<Row> reference) {
    if (reference.isEmpty() || reference.get() == row) {
      return "-";
    }
    return Agreement.between(row.vectors(), reference.get().vectors()).toString();
  }

  private Optional<Row> first(Target target) {
    return rows.stream().filter(r -> r.spec().target() == target).findFirst();
  }

  private Optional<Row> fastest(Target target) {
    return rows.stream().filter(r -> r.spec().target() == target)
        .max(Comparator.comparingDouble(r -> r.result().medianThroughput()));
  }

  /** Rows merged by label, for runs repeated over several rounds. */
  static List<Row> mergeRounds(List<Row> all) {
    List<Row> merged = new ArrayList<>();
    for (Row row : all) {
      int at = -1;
      for (int i = 0; i < merged.size(); i++) {
        if (merged.get(i).spec().label().equals(row.spec().label())) {
          at = i;
        }
      }
      if (at < 0) {
        merged.add(row);
      } else {
        merged.set(at, new Row(row.spec(), merge(merged.get(at).result(), row.result()), row.vectors()));
      }
    }
    return merged;
  }

  private static RunResult merge(RunResult a, RunResult b) {
    return new RunResult(a.target(), a.settings(), a.sentences(), Math.min(a.loadMillis(), b.loadMillis()),
        concat(a.passSeconds(), b.passSeconds()), concat(a.passCpuSeconds(), b.passCpuSeconds()),
        Math.max(a.peakRssKib(), b.peakRssKib()), a.tokens(), a.minTokens(), a.maxTokens(),
        a.singleChecked() + b.singleChecked(), Math.max(a.singleMaxAbsDiff(), b.singleMaxAbsDiff()));
  }

  private static double[] concat(double[] a, double[] b) {
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}
