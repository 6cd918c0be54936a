package dev.embedkit.explore.mine;

import dev.embedkit.explore.cluster.Clusters;
import dev.embedkit.explore.cluster.Hdbscan;
import dev.embedkit.explore.cluster.HdbscanOptions;
import java.util.List;
import java.util.Random;

/**
 * Timings at map scale, kept out of the test run: paraphrase mining of 100,000 x 384 seeded unit vectors (default
 * options) and HDBSCAN of 100,000 seeded 2-D points. Run with the test class path:
 * {@code java --add-modules jdk.incubator.vector -cp ... dev.embedkit.explore.mine.ExploreTimings [n] [dims]}.
 */
public final class ExploreTimings {
  private ExploreTimings() {}

  public static void main(String[] args) {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    int dims = args.length > 1 ? Integer.parseInt(args[1]) : 384;
    String only = args.length > 2 ? args[2] : "both";
    System.out.println("threads: " + Runtime.getRuntime().availableProcessors());
    if (!only.equals("hdbscan")) {
      Random random = new Random(1);
      float[][] vectors = new float[n][dims];
      for (float[] v : vectors) {
        double norm = 0;
        for (int d = 0; d < dims; d++) {
          v[d] = (float) random.nextGaussian();
          norm += v[d] * v[d];
        }
        for (int d = 0; d < dims; d++) {
          v[d] /= (float) Math.sqrt(norm);
        }
      }
      long start = System.nanoTime();
      List<ScoredPair> pairs = ParaphraseMining.mine(vectors);
      System.out.printf("paraphrase mining %d x %d: %.1f s, %d pairs, best %.4f%n", n, dims, (System.nanoTime() - start) / 1e9, pairs.size(), pairs.get(0).score());
    }
    if (!only.equals("mining")) {
      Random random = new Random(2);
      float[][] points = new float[n][2];
      for (int i = 0; i < n; i++) {
        boolean noise = i % 10 == 0;
        int blob = i % 20;
        points[i][0] = (float) (noise ? 100 * random.nextDouble() : (blob % 5) * 20 + 10 + 2 * random.nextGaussian());
        points[i][1] = (float) (noise ? 100 * random.nextDouble() : (blob / 5) * 25 + 10 + 2 * random.nextGaussian());
      }
      long start = System.nanoTime();
      Clusters clusters = Hdbscan.cluster(points, HdbscanOptions.DEFAULT);
      long noisePoints = java.util.Arrays.stream(clusters.labels()).filter(l -> l == Clusters.NOISE).count();
      System.out.printf("HDBSCAN %d 2-D points: %.1f s, %d clusters, %d noise%n", n, (System.nanoTime() - start) / 1e9, clusters.count(), noisePoints);
    }
  }
}
