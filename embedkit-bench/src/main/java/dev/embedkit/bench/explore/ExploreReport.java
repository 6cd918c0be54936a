package dev.embedkit.bench.explore;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The explore benchmark's Markdown report, and the quality figures its rows carry. */
final class ExploreReport {
  private ExploreReport() {}

  /**
   * Where and how the run went.
   *
   * @param command the command line
   * @param date when the report was made
   * @param cpu the CPU model
   * @param cores available cores
   * @param memory the machine's memory
   * @param jdk the JDK of the Java runs
   * @param jvmArgs their JVM options
   * @param peers the peers and their versions, or why not
   * @param peerEnv the peers' environment settings
   * @param loadBefore load average before
   * @param loadAfter and after
   * @param texts real texts embedded
   * @param model their model
   * @param dims dimensions
   * @param cosine the copies' target cosine to their source
   * @param seed the seed
   * @param data one line per size about its points
   * @param sample query points of the quality figures
   * @param k trustworthiness@k
   * @param knnK the kNN graph's k
   * @param peerTimeout a peer's time limit in seconds (0: none)
   * @param javaTimeout a Java run's (0: none)
   */
  record Setup(String command, String date, String cpu, int cores, String memory, String jdk, String jvmArgs,
      String peers, String peerEnv, String loadBefore, String loadAfter, int texts, String model, int dims,
      double cosine, long seed, List<String> data, int sample, int k, int knnK, int peerTimeout, int javaTimeout) {}

  /**
   * A run and its quality figures.
   *
   * @param result the run
   * @param trustworthiness its map's trustworthiness@k over the sample; NaN when it made no map
   * @param recall its kNN graph's recall@k over the sample; NaN when it made no graph
   * @param queries query points the figures were computed on
   */
  record Row(ExploreResult result, double trustworthiness, double recall, int queries) {}

  /** The rows of one size, with the quality figures of every output computed in one pass over the queries. */
  static List<Row> quality(float[][] points, int[] queries, List<ExploreResult> results, int k, int knnK)
      throws Exception {
    Map<ExploreResult, Quality.Map2d> maps = new IdentityHashMap<>();
    Map<ExploreResult, Quality.Graph> graphs = new IdentityHashMap<>();
    for (ExploreResult r : results) {
      if (!r.ok() || r.output() == null) {
        continue;
      }
      try {
        if (r.method().equals("knn")) {
          int[][] graph = Npy.readInts(Path.of(r.output()));
          check(graph.length, points.length, r);
          graphs.put(r, new Quality.Graph(graph, knnK));
        } else {
          float[][] map = Npy.readFloats(Path.of(r.output()));
          check(map.length, points.length, r);
          if (map.length > 0 && map[0].length != 2) {
            throw new IOException(r.engine() + " " + r.method() + ": a map of 2 columns expected, got "
                + map[0].length);
          }
          maps.put(r, new Quality.Map2d(map, k));
        }
      } catch (IOException e) {
        System.err.println("explore bench: no quality figure for " + r.engine() + " " + r.method() + ": " + e);
      }
    }
    List<Quality.Consumer> all = new ArrayList<>(maps.values());
    all.addAll(graphs.values());
    long t0 = System.nanoTime();
    Quality.run(points, queries, Math.max(k, knnK), all, Runtime.getRuntime().availableProcessors());
    if (!all.isEmpty()) {
      System.err.printf("explore bench: quality figures in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }
    List<Row> rows = new ArrayList<>();
    for (ExploreResult r : results) {
      Quality.Map2d map = maps.get(r);
      Quality.Graph graph = graphs.get(r);
      rows.add(new Row(r, map == null ? Double.NaN : map.value(), graph == null ? Double.NaN : graph.value(),
          queries.length));
    }
    return rows;
  }

  private static void check(int rows, int n, ExploreResult r) throws IOException {
    if (rows != n) {
      throw new IOException(r.engine() + " " + r.method() + " wrote " + rows + " rows for " + n + " points");
    }
  }

  static String markdown(Setup s, List<Row> rows) {
    StringBuilder md = new StringBuilder();
    md.append("## Maps, kNN graph, clustering, mining: ").append(sizes(rows)).append(" points of ").append(s.dims())
        .append(" dimensions\n\n");
    md.append("- Command: `").append(s.command()).append("`\n");
    md.append("- Date: ").append(s.date()).append("; load average ").append(s.loadBefore()).append(" before, ")
        .append(s.loadAfter()).append(" after\n");
    md.append("- Machine: ").append(s.cpu()).append(", ").append(s.cores()).append(" cores, ").append(s.memory())
        .append("; JDK: ").append(s.jdk()).append(" (`--add-modules jdk.incubator.vector ").append(s.jvmArgs())
        .append("`, each run in its own JVM)\n");
    md.append("- Peers, same points, same machine, same run: ").append(s.peers()).append("; environment `")
        .append(s.peerEnv()).append("`\n");
    md.append(String.format("- Points: seeded perturbed copies of %,d real %s embeddings (STS-B test sentences and"
        + " SciFact titles): a real embedding chosen uniformly, Gaussian noise for a cosine of about %s to it,"
        + " normalised (seed %d); one float32 .npy per size, read by every engine%n", s.texts(), s.model(),
        s.cosine(), s.seed()));
    for (String line : s.data()) {
      md.append("  - ").append(line).append("\n");
    }
    md.append(String.format("- Seconds: wall time of the method alone (the kNN graph included for UMAP and t-SNE;"
        + " reading the points, the process's start and writing the output not); CPU-s: the process's CPU time over"
        + " the same span. Peak RSS: the process's VmHWM / ru_maxrss at its end, the points it read included (for a"
        + " run stopped at its time limit, %s; Java runs %s). Heap peak: the Java heap's largest use just before a collection or at the end.%n",
        s.peerTimeout() > 0 ? s.peerTimeout() + " s for a peer's whole process, the peak just before it was stopped"
            : "no limit for the peers", s.javaTimeout() > 0 ? s.javaTimeout() + " s" : "without limit"));
    md.append(String.format("- Trustworthiness@%d (scikit-learn's formula) of each map and recall@%d of each kNN"
        + " graph against the exact neighbours by cosine, both on a fixed sample of %,d query points (every point"
        + " below that size), their neighbours and ranks over all points; computed after the runs, not timed%n%n",
        s.k(), s.knnK(), s.sample()));

    md.append("| engine | method | points | seconds | CPU-s | peak RSS | heap peak | trustworthiness@").append(s.k())
        .append(" | notes |\n|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (Row row : rows) {
      ExploreResult r = row.result();
      String seconds;
      if (r.ok()) {
        seconds = String.format("%,.1f", r.seconds());
      } else if (ExploreResult.TIMED_OUT.equals(r.status())) {
        seconds = r.detail();
      } else {
        seconds = r.status();
      }
      List<String> notes = new ArrayList<>();
      if (!Double.isNaN(row.recall())) {
        notes.add(String.format("recall@%d %.4f", s.knnK(), row.recall()));
      }
      r.facts().forEach((key, value) -> notes.add(key + " " + value));
      if (!r.ok() && !ExploreResult.TIMED_OUT.equals(r.status())) {
        notes.add(r.detail().replace("|", "\\|"));
      }
      md.append(String.format("| %s | %s | %,d | %s | %s | %s | %s | %s | %s |%n", r.engine(), r.method(), r.n(),
          seconds, r.ok() ? String.format("%,.1f", r.cpuSeconds()) : "-", mib(r.peakRssKib()),
          r.peakHeapKib() < 0 ? "-" : mib(r.peakHeapKib()),
          Double.isNaN(row.trustworthiness()) ? "-" : String.format("%.4f", row.trustworthiness()),
          String.join("; ", notes)));
    }

    md.append("\nTarget: a UMAP map of ").append(String.format("%,d", ExploreBench.TARGET_POINTS))
        .append(" x 384 vectors in under ").append(String.format("%.0f", ExploreBench.TARGET_UMAP_SECONDS))
        .append(" s on these cores: ");
    Optional<ExploreResult> umap = rows.stream().map(Row::result).filter(r -> r.engine().equals("embedkit")
        && r.method().equals("umap") && r.n() == ExploreBench.TARGET_POINTS).findFirst();
    if (umap.isEmpty()) {
      md.append("not measured in this run (no embedkit umap row at ")
          .append(String.format("%,d", ExploreBench.TARGET_POINTS)).append(" points)\n");
    } else if (!umap.get().ok()) {
      md.append("NOT met (").append(umap.get().status()).append(": ").append(umap.get().detail()).append(")\n");
    } else {
      double seconds = umap.get().seconds();
      md.append(seconds < ExploreBench.TARGET_UMAP_SECONDS ? "met" : "NOT met")
          .append(String.format(" (%.1f s, %s cores, %s dimensions)%n", seconds, s.cores(), s.dims()));
    }

    md.append("\nSettings:\n\n");
    Map<String, String> settings = new LinkedHashMap<>();
    Map<String, String> versions = new LinkedHashMap<>();
    for (Row row : rows) {
      ExploreResult r = row.result();
      if (r.ok() && r.detail() != null && !r.detail().isEmpty()) {
        settings.putIfAbsent(r.engine() + " " + r.method(), r.detail());
      }
      if (!r.versions().isEmpty()) {
        versions.putIfAbsent(r.engine(), r.versions().toString());
      }
    }
    settings.forEach((key, value) -> md.append("- ").append(key).append(": ").append(value).append("\n"));
    versions.forEach((key, value) -> md.append("- ").append(key).append(" ran on ").append(value).append("\n"));
    return md.toString();
  }

  private static String sizes(List<Row> rows) {
    List<String> sizes = rows.stream().map(r -> String.format("%,d", r.result().n())).distinct().toList();
    return String.join(" and ", sizes);
  }

  static String mib(long kib) {
    return kib < 0 ? "n/a" : String.format("%,.0f MiB", kib / 1024.0);
  }
}
