package dev.embedkit.bench.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.bench.ProcStatus;
import dev.embedkit.bench.store.StoreResults.EngineResult;
import dev.embedkit.bench.store.StoreResults.SweepPoint;
import dev.embedkit.bench.store.StoreResults.Timing;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The main of one Java engine's child JVM: a fresh index from the vectors file, compaction to one segment, the ef
 * sweep (recall over every query, then timed runs per thread count), the exact search, and memory at the end. Its
 * own JVM so that memory and JIT state are its own.
 */
public final class EngineRun {
  private static final ObjectMapper JSON = new ObjectMapper();

  private EngineRun() {}

  public static void main(String[] args) throws Exception {
    EngineSpec spec = JSON.readValue(Path.of(args[0]).toFile(), EngineSpec.class);
    JSON.writeValue(Path.of(spec.result()).toFile(), run(spec));
  }

  static EngineResult run(EngineSpec spec) throws Exception {
    Path dir = Path.of(spec.indexDir());
    StoreFiles.delete(dir);
    List<float[]> queries = Fvecs.readAll(Path.of(spec.queries()));
    int[][] truth = Fvecs.readInts(Path.of(spec.truth()));
    String tag = "store bench [" + spec.label() + "]";
    try (Engine engine = open(spec, dir)) {
      long t0 = System.nanoTime();
      long c0 = cpuNanos();
      try (Fvecs.Reader vectors = new Fvecs.Reader(Path.of(spec.vectors()))) {
        engine.ingest(vectors, n -> {
          if (n % 100_000 == 0) {
            System.err.printf("%s: %,d vectors in %.0f s%n", tag, n, (System.nanoTime() - t0) / 1e9);
          }
        });
      }
      double ingest = (System.nanoTime() - t0) / 1e9;
      double ingestCpu = (cpuNanos() - c0) / 1e9;
      int segmentsBefore = engine.segments();
      System.err.printf("%s: ingested in %.1f s (%d segments); compacting%n", tag, ingest, segmentsBefore);
      long t1 = System.nanoTime();
      long c1 = cpuNanos();
      engine.compact();
      double compact = (System.nanoTime() - t1) / 1e9;
      double compactCpu = (cpuNanos() - c1) / 1e9;
      System.err.printf("%s: compacted in %.1f s to %d segment(s), %,d bytes%n", tag, compact, engine.segments(),
          engine.sizeOnDisk());

      int k = spec.k();
      int maxEf = spec.efs().stream().mapToInt(Integer::intValue).max().orElse(k);
      for (float[] q : queries) { // warm-up: JIT and the index's pages
        engine.search(q, k, maxEf);
      }
      List<SweepPoint> sweep = new ArrayList<>();
      for (int ef : spec.efs()) {
        double recall = 0;
        for (int i = 0; i < queries.size(); i++) {
          recall += Recall.of(engine.search(queries.get(i), k, ef), truth[i], k);
        }
        recall /= queries.size();
        List<Timing> timings = new ArrayList<>();
        for (int threads : spec.threads()) {
          timings.add(QueryTimer.run(threads, spec.seconds(), queries.size(),
              i -> engine.search(queries.get(i), k, ef)));
        }
        SweepPoint point = new SweepPoint(ef, recall, timings);
        sweep.add(point);
        System.err.printf("%s: ef %d recall@%d %.4f %s%n", tag, ef, k, recall, timings.stream()
            .map(t -> String.format("%d thread(s) %.0f q/s p50 %.3f p99 %.3f ms", t.threads(), t.qps(), t.p50Ms(),
                t.p99Ms())).toList());
      }

      List<Integer> exactIds = IntStream.range(0, Math.min(spec.exactQueries(), queries.size())).boxed().toList();
      double[] exactRecall = {0};
      engine.exact(queries.get(0), k); // warm-up
      Timing exact = QueryTimer.once(exactIds, i -> exactRecall[0] += Recall.of(engine.exact(queries.get(i), k),
          truth[i], k), null);
      exact = new Timing(exact.threads(), exact.queries(), exact.seconds(), exact.qps(), exact.p50Ms(), exact.p99Ms(),
          exactRecall[0] / exactIds.size());
      System.err.printf("%s: exact search %.1f q/s p50 %.1f ms, recall@%d %.4f%n", tag, exact.qps(), exact.p50Ms(), k,
          exact.recall());

      System.gc();
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      long heapKib = memory.getHeapMemoryUsage().getUsed() / 1024;
      return new EngineResult(spec.label(), runtime(), spec.engine(), spec.quantization().name(), spec.m(),
          spec.beamWidth(), 1, ingest, ingestCpu, compact, compactCpu, segmentsBefore, engine.sizeOnDisk(), heapKib,
          ProcStatus.rssKib(), ProcStatus.rssAnonKib(), ProcStatus.rssFileKib(), ProcStatus.peakRssKib(), sweep, exact);
    }
  }

  private static Engine open(EngineSpec spec, Path dir) {
    return switch (spec.engine()) {
      case "lucene" -> new LuceneEngine(dir, spec.m(), spec.beamWidth(), spec.quantization());
      case "collection" -> CollectionEngine.create(dir, spec.m(), spec.beamWidth(), spec.quantization(), spec.dims());
      default -> throw new IllegalArgumentException("unknown engine '" + spec.engine()
          + "'; accepted: collection, lucene");
    };
  }

  /** The JVM, and whether Lucene 9.12 can use the Vector API on it (JDK 20 to 23 by default, with the module). */
  static String runtime() {
    int feature = Runtime.version().feature();
    int upper = Integer.getInteger("org.apache.lucene.vectorization.upperJavaFeatureVersion", 23);
    boolean panama = feature >= 20 && feature <= upper && ModuleLayer.boot().findModule("jdk.incubator.vector")
        .isPresent();
    return "JDK " + Runtime.version() + ", Lucene vector code: " + (panama ? "Vector API" : "scalar");
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
