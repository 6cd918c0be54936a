package dev.embedkit.explore.project;

import dev.embedkit.explore.knn.KnnGraph;
import dev.embedkit.explore.knn.NearestNeighbours;
import dev.embedkit.explore.knn.SyntheticClusters;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.SplittableRandom;

/**
 * Times UMAP phase by phase on synthetic clustered unit vectors; not a test (too slow for the build). Run with the
 * test class path: {@code java -cp ... dev.embedkit.explore.project.UmapBenchmark 100000 384}.
 */
public final class UmapBenchmark {
  private UmapBenchmark() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
    int dims = args.length > 1 ? Integer.parseInt(args[1]) : 384;
    float[][] vectors = SyntheticClusters.generate(n, dims, 50, 1);
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
    UmapOptions options = UmapOptions.DEFAULTS;
    int epochs = Umap.epochs(n, options);
    long t0 = System.nanoTime();
    KnnGraph knn = NearestNeighbours.build(vectors, options.neighbours() - 1, options.seed());
    long t1 = System.nanoTime();
    FuzzySimplicialSet.Edges edges = FuzzySimplicialSet.of(knn, options.neighbours()).pruned(epochs);
    UmapCurve curve = UmapCurve.fit(options.minDist(), 1.0);
    long t2 = System.nanoTime();
    System.out.printf("curve for min_dist %.2f: a=%.6f b=%.6f%n", options.minDist(), curve.a(), curve.b());
    SplittableRandom random = new SplittableRandom(options.seed());
    float[] xy = Umap.initialLayout(vectors, random);
    long t3 = System.nanoTime();
    long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    UmapLayout.optimise(xy, edges, curve, epochs, random.nextLong());
    cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu;
    long t4 = System.nanoTime();
    float max = 0;
    for (float w : edges.weight()) {
      max = Math.max(max, w);
    }
    double positives = 0;
    for (float w : edges.weight()) {
      positives += Math.floor(epochs * w / max);
    }
    System.out.printf("SGD: %.0f million positive samples, about %.0f million negative; %.1f s CPU%n", positives / 1e6,
        positives * UmapLayout.NEGATIVE_SAMPLES / 1e6, cpu / 1e9);
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    System.out.printf("n=%d dims=%d epochs=%d edges=%d: kNN %.1f s, graph %.1f s, init %.1f s, SGD %.1f s, "
        + "total %.1f s; peak heap %d MB (input %d MB)%n", n, dims, epochs, edges.size(), (t1 - t0) / 1e9,
        (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, (t4 - t0) / 1e9, peak >> 20, (long) n * dims * 4 >> 20);
    // recall on 200 sampled rows: a found neighbour counts if it is no farther than the true k-th nearest
    int[] rows = new SplittableRandom(5).ints(200, 0, n).distinct().toArray();
    long hits = 0;
    int k = knn.k();
    for (int i : rows) {
      float[] all = new float[n - 1];
      for (int j = 0, o = 0; j < n; j++) {
        if (j != i) {
          all[o++] = 1 - dev.embedkit.vector.VectorMath.dot(vectors[i], vectors[j]);
        }
      }
      java.util.Arrays.sort(all);
      for (float d : knn.distances()[i]) {
        hits += d <= Math.max(0, all[k - 1]) + 1e-6f ? 1 : 0;
      }
    }
    System.out.printf("kNN recall@%d on %d sampled rows: %.4f%n", k, rows.length, hits / (double) (rows.length * k));
    if (n <= 20_000) {
      float[][] map = new float[n][];
      for (int i = 0; i < n; i++) {
        map[i] = new float[] {xy[2 * i], xy[2 * i + 1]};
      }
      System.out.printf("trustworthiness@10 %.4f%n", Trustworthiness.of(vectors, map, 10));
    }
  }
}
