package dev.embedkit.bench.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.bench.ProcStatus;
import dev.embedkit.explore.cluster.Clusters;
import dev.embedkit.explore.cluster.Hdbscan;
import dev.embedkit.explore.cluster.HdbscanOptions;
import dev.embedkit.explore.knn.KnnGraph;
import dev.embedkit.explore.knn.NearestNeighbours;
import dev.embedkit.explore.mine.MiningOptions;
import dev.embedkit.explore.mine.ParaphraseMining;
import dev.embedkit.explore.mine.ScoredPair;
import dev.embedkit.explore.project.PcaProjection;
import dev.embedkit.explore.project.Tsne;
import dev.embedkit.explore.project.TsneOptions;
import dev.embedkit.explore.project.Umap;
import dev.embedkit.explore.project.UmapOptions;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The main of one Java run's child JVM: reads the points, times the method alone, writes its output, then reports
 * the process's peak RSS and the heap's peak. Its own JVM so that each run's peak memory is its own. A method that
 * throws (a stub's UnsupportedOperationException, an OutOfMemoryError) gives a "failed" row, not a crash.
 */
public final class ExploreRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ExploreRun() {}

  public static void main(String[] args) throws Exception {
    HeapPeak heap = HeapPeak.start();
    ExploreSpec spec = JSON.readValue(Path.of(args[0]).toFile(), ExploreSpec.class);
    JSON.writeValue(Path.of(spec.result()).toFile(), run(spec, heap));
  }

  static ExploreResult run(ExploreSpec spec, HeapPeak heap) throws Exception {
    String tag = "explore bench [embedkit " + spec.method() + " " + spec.n() + "]";
    Map<String, String> versions = Map.of("JDK", Runtime.version().toString());
    float[][] data = Npy.readFloats(Path.of(spec.method().equals("hdbscan") ? spec.input() : spec.points()));
    Map<String, String> facts = new LinkedHashMap<>();
    String settings = settings(spec);
    long c0 = cpuNanos();
    long t0 = System.nanoTime();
    Object output;
    try {
      output = switch (spec.method()) {
        case "pca" -> PcaProjection.project(data);
        case "umap" -> Umap.project(data, umapOptions(spec));
        case "tsne" -> Tsne.project(data, tsneOptions(spec));
        case "knn" -> NearestNeighbours.build(data, spec.knnK(), spec.seed());
        case "hdbscan" -> Hdbscan.cluster(data, new HdbscanOptions(spec.hdbscanMinClusterSize(),
            spec.hdbscanMinSamples()));
        case "mine" -> ParaphraseMining.mine(data, miningOptions(spec));
        default -> throw new IllegalArgumentException("unknown method '" + spec.method() + "'");
      };
    } catch (Throwable e) { // a stub, an OutOfMemoryError: the row says so
      double seconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf("%s: failed after %.1f s: %s%n", tag, seconds, e);
      return new ExploreResult("embedkit", spec.method(), spec.n(), ExploreResult.FAILED, e.toString(), seconds,
          (cpuNanos() - c0) / 1e9, ProcStatus.peakRssKib(), heap.peakKib(), null, Map.of(), versions);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    double cpu = (cpuNanos() - c0) / 1e9;
    long peakRss = ProcStatus.peakRssKib();
    long peakHeap = heap.peakKib();
    String written = spec.output();
    if (output instanceof float[][] map) {
      Npy.writeFloats(Path.of(written), map);
      if (spec.method().equals("umap")) {
        facts.put("epochs", Integer.toString(Umap.epochs(spec.n(), umapOptions(spec))));
      }
    } else if (output instanceof KnnGraph graph) {
      Npy.writeInts(Path.of(written), graph.indices());
    } else if (output instanceof Clusters clusters) {
      long noise = 0;
      for (int label : clusters.labels()) {
        noise += label == Clusters.NOISE ? 1 : 0;
      }
      facts.put("clusters", Integer.toString(clusters.count()));
      facts.put("noise", String.format("%.1f%%", 100.0 * noise / clusters.labels().length));
      written = null;
    } else if (output instanceof List<?> pairs) {
      facts.put("pairs", String.format("%,d", pairs.size()));
      if (!pairs.isEmpty() && pairs.get(pairs.size() - 1) instanceof ScoredPair last) {
        facts.put("lowest score", String.format("%.3f", last.score()));
      }
      written = null;
    }
    System.err.printf("%s: %.1f s (%.1f CPU-s), peak RSS %,d MiB, heap peak %,d MiB%n", tag, seconds, cpu,
        peakRss / 1024, peakHeap / 1024);
    return new ExploreResult("embedkit", spec.method(), spec.n(), ExploreResult.OK, settings, seconds, cpu, peakRss,
        peakHeap, written, facts, versions);
  }

  static UmapOptions umapOptions(ExploreSpec spec) {
    return new UmapOptions(spec.umapNeighbours(), spec.umapMinDist(), spec.umapEpochs(), spec.seed());
  }

  static TsneOptions tsneOptions(ExploreSpec spec) {
    return new TsneOptions(spec.perplexity(), spec.tsneIterations(), TsneOptions.DEFAULTS.theta(), spec.seed());
  }

  static MiningOptions miningOptions(ExploreSpec spec) {
    MiningOptions d = MiningOptions.DEFAULT;
    return new MiningOptions(d.queryChunkSize(), d.corpusChunkSize(), d.maxPairs(), spec.miningTopK(), d.threshold());
  }

  /** The settings a run used, as the report shows them. */
  static String settings(ExploreSpec spec) {
    return switch (spec.method()) {
      case "pca" -> "PcaProjection.project";
      case "umap" -> "Umap.project, " + umapOptions(spec);
      case "tsne" -> "Tsne.project, " + tsneOptions(spec);
      case "knn" -> "NearestNeighbours.build, k " + spec.knnK() + ", seed " + spec.seed();
      case "hdbscan" -> "Hdbscan.cluster on the UMAP row's map, " + new HdbscanOptions(spec.hdbscanMinClusterSize(),
          spec.hdbscanMinSamples());
      case "mine" -> "ParaphraseMining.mine, " + miningOptions(spec);
      default -> spec.method();
    };
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
