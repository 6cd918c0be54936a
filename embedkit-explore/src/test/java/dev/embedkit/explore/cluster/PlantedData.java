package dev.embedkit.explore.cluster;

import java.util.Random;

/** Seeded synthetic data with known clusters, for the clustering tests. */
final class PlantedData {
  final float[][] points;
  final int[] truth; // cluster per point, -1 for background noise

  private PlantedData(float[][] points, int[] truth) {
    this.points = points;
    this.truth = truth;
  }

  /**
   * {@code clusters} Gaussian blobs of {@code perCluster} points (standard deviation {@code spread}) with centres
   * uniform in [-10, 10]^dims, 8 spreads apart, plus {@code noise} points uniform in [-12, 12]^dims, shuffled.
   */
  static PlantedData blobs(long seed, int clusters, int perCluster, int dims, double spread, int noise) {
    Random random = new Random(seed);
    double[][] centres = new double[clusters][dims];
    for (int c = 0; c < clusters; c++) {
      // centres at least 8 standard deviations apart (when 1,000 draws allow), so planted blobs do not touch
      for (int attempt = 0; attempt < 1_000; attempt++) {
        for (int d = 0; d < dims; d++) {
          centres[c][d] = -10 + 20 * random.nextDouble();
        }
        boolean apart = true;
        for (int other = 0; other < c; other++) {
          double s = 0;
          for (int d = 0; d < dims; d++) {
            s += Math.pow(centres[c][d] - centres[other][d], 2);
          }
          apart &= Math.sqrt(s) >= 8 * spread;
        }
        if (apart) {
          break;
        }
      }
    }
    int n = clusters * perCluster + noise;
    float[][] points = new float[n][dims];
    int[] truth = new int[n];
    int at = 0;
    for (int c = 0; c < clusters; c++) {
      for (int i = 0; i < perCluster; i++, at++) {
        for (int d = 0; d < dims; d++) {
          points[at][d] = (float) (centres[c][d] + spread * random.nextGaussian());
        }
        truth[at] = c;
      }
    }
    for (; at < n; at++) {
      for (int d = 0; d < dims; d++) {
        points[at][d] = (float) (-12 + 24 * random.nextDouble());
      }
      truth[at] = Clusters.NOISE;
    }
    for (int i = n - 1; i > 0; i--) { // shuffle so no algorithm sees the clusters in index order
      int j = random.nextInt(i + 1);
      float[] p = points[i];
      points[i] = points[j];
      points[j] = p;
      int t = truth[i];
      truth[i] = truth[j];
      truth[j] = t;
    }
    return new PlantedData(points, truth);
  }

  /** Unit vectors around {@code clusters} random directions (angular noise {@code spread}), shuffled. */
  static PlantedData directions(long seed, int clusters, int perCluster, int dims, double spread, int noise) {
    PlantedData raw = blobs(seed, clusters, perCluster, dims, spread, noise);
    for (float[] p : raw.points) {
      double norm = 0;
      for (float x : p) {
        norm += x * x;
      }
      norm = Math.sqrt(norm);
      for (int d = 0; d < p.length; d++) {
        p[d] = (float) (p[d] / norm);
      }
    }
    return raw;
  }

  /** ARI over the points whose truth is not noise. */
  static double ariOnPlanted(int[] truth, int[] predicted) {
    int kept = 0;
    for (int t : truth) {
      if (t != Clusters.NOISE) {
        kept++;
      }
    }
    int[] a = new int[kept];
    int[] b = new int[kept];
    for (int i = 0, k = 0; i < truth.length; i++) {
      if (truth[i] != Clusters.NOISE) {
        a[k] = truth[i];
        b[k++] = predicted[i];
      }
    }
    return AdjustedRandIndex.of(a, b);
  }
}
