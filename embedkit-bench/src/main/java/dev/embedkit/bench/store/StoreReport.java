package dev.embedkit.bench.store;

import dev.embedkit.bench.store.StoreResults.EngineResult;
import dev.embedkit.bench.store.StoreResults.Setup;
import dev.embedkit.bench.store.StoreResults.SweepPoint;
import dev.embedkit.bench.store.StoreResults.Timing;
import dev.embedkit.store.SearchRequest;
import java.util.List;
import java.util.Optional;

/** The store benchmark's Markdown report. */
final class StoreReport {
  private StoreReport() {}

  static String markdown(StoreResults results, double target) {
    Setup s = results.setup();
    List<EngineResult> engines = results.engines();
    int n = s.n();
    StringBuilder md = new StringBuilder();
    md.append("## Vector store: ").append(String.format("%,d", n)).append(" vectors of ").append(s.dims())
        .append(" dimensions\n\n");
    md.append("- Command: `").append(s.command()).append("`\n");
    md.append("- Date: ").append(s.date()).append("; load average ").append(s.loadBefore()).append(" before, ")
        .append(s.loadAfter()).append(" after\n");
    md.append("- Machine: ").append(s.cpu()).append(", ").append(s.cores()).append(" cores, ").append(s.memory())
        .append("; JDK: ").append(s.jdk()).append("\n");
    if (!s.peer().isEmpty()) {
      md.append("- Peer: ").append(s.peer()).append(" on node ").append(s.node())
          .append(" (built by npm with node-gyp's default flags), same vectors, queries and ground truth, same run\n");
    }
    md.append("- Vectors: ").append(s.vectors()).append("\n");
    md.append("- Queries: ").append(String.format("%,d", s.queries())).append(" SciFact claims embedded by the same"
        + " model (real embeddings, none in the index); ground truth: exact top-").append(s.k())
        .append(" by brute force (inner product of unit vectors = cosine)").append(s.groundTruthSeconds() > 0
            ? String.format(", %.1f s", s.groundTruthSeconds()) : ", cached from an earlier run").append("\n\n");

    md.append("Engines:\n\n");
    for (EngineResult e : engines) {
      md.append("- ").append(e.label()).append(": ").append(e.runtime()).append("\n");
    }
    md.append("\n### Build and size\n\n");
    md.append("| engine | ingest | vectors/s | ingest CPU-s | segments | compact to 1 | compact CPU-s | disk |"
        + " RSS at end (anon + file) | heap after GC |\n");
    md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (EngineResult e : engines) {
      md.append(String.format("| %s | %.1f s | %,.0f | %.1f | %d | %.1f s | %.1f | %s | %s (%s + %s) | %s |%n",
          e.label(), e.ingestSeconds(), e.vectorsPerSecond(n), e.ingestCpuSeconds(), e.segmentsBeforeCompact(),
          e.compactSeconds(), e.compactCpuSeconds(), mib(e.diskBytes() / 1024), mib(e.rssKib()), mib(e.rssAnonKib()),
          mib(e.rssFileKib()), e.engine().equals("hnswlib") ? "-" : mib(e.heapUsedKib())));
    }

    List<Integer> threadCounts = engines.stream().flatMap(e -> e.sweep().stream())
        .flatMap(p -> p.timings().stream()).map(Timing::threads).distinct().sorted().toList();
    md.append("\n### Recall@").append(s.k()).append(" and speed by ef\n\n| engine | ef | recall@").append(s.k())
        .append(" |");
    for (int t : threadCounts) {
      md.append(" QPS ").append(t).append("T | p50 ms | p99 ms |");
    }
    md.append("\n|---|---:|---:|").append("---:|---:|---:|".repeat(threadCounts.size())).append("\n");
    for (EngineResult e : engines) {
      for (SweepPoint p : e.sweep()) {
        md.append(String.format("| %s | %d | %.4f |", e.label(), p.ef(), p.recall()));
        for (int t : threadCounts) {
          Timing timing = p.timing(t);
          md.append(timing == null ? " - | - | - |"
              : String.format(" %,.0f | %.3f | %.3f |", timing.qps(), timing.p50Ms(), timing.p99Ms()));
        }
        md.append("\n");
      }
    }

    md.append("\n### At recall@").append(s.k()).append(" ").append(target).append(" (interpolated between the"
        + " sweep points around it)\n\n| engine | recall at ef ").append(SearchRequest.DEFAULT_EF_SEARCH)
        .append(" (the default) | ef |");
    for (int t : threadCounts) {
      md.append(" QPS ").append(t).append("T |");
    }
    Optional<EngineResult> peer = engines.stream().filter(e -> e.engine().equals("hnswlib")).findFirst();
    if (peer.isPresent()) {
      for (int t : threadCounts) {
        md.append(" vs hnswlib ").append(t).append("T |");
      }
    }
    md.append("\n|---|---:|---:|").append("---:|".repeat(threadCounts.size() * (peer.isPresent() ? 2 : 1)))
        .append("\n");
    for (EngineResult e : engines) {
      String atDefault = e.sweep().stream().filter(p -> p.ef() == SearchRequest.DEFAULT_EF_SEARCH).findFirst()
          .map(p -> String.format("%.4f", p.recall())).orElse("-");
      AtRecall first = AtRecall.of(e.sweep(), threadCounts.get(0), target);
      md.append(String.format("| %s | %s | %s |", e.label(), atDefault, switch (first.kind()) {
        case INTERPOLATED -> String.format("%.0f", first.ef());
        case LOWER_BOUND -> String.format("<= %.0f", first.ef());
        case NOT_REACHED -> "-";
      }));
      for (int t : threadCounts) {
        md.append(" ").append(AtRecall.of(e.sweep(), t, target).qpsText()).append(" |");
      }
      if (peer.isPresent()) {
        for (int t : threadCounts) {
          AtRecall mine = AtRecall.of(e.sweep(), t, target);
          AtRecall theirs = AtRecall.of(peer.get().sweep(), t, target);
          boolean comparable = mine.kind() == AtRecall.Kind.INTERPOLATED
              && theirs.kind() == AtRecall.Kind.INTERPOLATED;
          md.append(comparable ? String.format(" %.2fx |", mine.qps() / theirs.qps()) : " - |");
        }
      }
      md.append("\n");
    }

    if (peer.isPresent()) {
      md.append("\nIssue 11's targets, for each collection row: recall@").append(s.k()).append(" >= ").append(target)
          .append(" at the default ef; queries per second at recall ").append(target)
          .append(" >= hnswlib's (each thread count).\n\n");
      for (EngineResult e : engines) {
        if (!e.engine().equals("collection")) {
          continue;
        }
        double atDefault = e.sweep().stream().filter(p -> p.ef() == SearchRequest.DEFAULT_EF_SEARCH).findFirst()
            .map(SweepPoint::recall).orElse(Double.NaN);
        md.append("- ").append(e.label()).append(": recall at the default ef ")
            .append(atDefault >= target ? "met" : "NOT met").append(String.format(" (%.4f)", atDefault));
        for (int t : threadCounts) {
          AtRecall mine = AtRecall.of(e.sweep(), t, target);
          AtRecall theirs = AtRecall.of(peer.get().sweep(), t, target);
          boolean met = mine.kind() != AtRecall.Kind.NOT_REACHED && theirs.kind() != AtRecall.Kind.NOT_REACHED
              && mine.qps() >= theirs.qps();
          md.append("; QPS ").append(t).append("T ").append(met ? "met" : "NOT met")
              .append(" (").append(mine.qpsText()).append(" vs ").append(theirs.qpsText()).append(")");
        }
        md.append("\n");
      }
    }

    md.append("\n### Exact search through the same engine\n\n| engine | queries | QPS (1 thread) | p50 ms | p99 ms |"
        + " recall@").append(s.k()).append(" vs brute force |\n|---|---:|---:|---:|---:|---:|\n");
    for (EngineResult e : engines) {
      Timing x = e.exact();
      if (x != null) {
        md.append(String.format("| %s | %d | %,.1f | %.1f | %.1f | %.4f |%n", e.label(), x.queries(), x.qps(),
            x.p50Ms(), x.p99Ms(), x.recall()));
      }
    }
    return md.toString();
  }

  static String mib(long kib) {
    return kib < 0 ? "n/a" : String.format("%,.0f MiB", kib / 1024.0);
  }
}
