package dev.embedkit.explore.project;

import java.util.SplittableRandom;

/**
 * UMAP's stochastic gradient descent, as umap-learn's {@code optimize_layout_euclidean} for two dimensions: each edge
 * is sampled every {@code maxWeight / weight} epochs, pulling its ends together and pushing its head away from 5
 * random points; gradients are clipped at 4 and the learning rate falls linearly from 1 to 0. Single-threaded, with
 * one seeded generator, so a seed always gives the same layout.
 */
final class UmapLayout {
  static final int NEGATIVE_SAMPLES = 5;
  static final double CLIP = 4;
  static final double INITIAL_ALPHA = 1;

  private UmapLayout() {}

  /** Moves {@code coordinates} (x0, y0, x1, y1, ...) in place. */
  static void optimise(float[] coordinates, FuzzySimplicialSet.Edges edges, UmapCurve curve, int epochs, long seed) {
    int n = coordinates.length / 2;
    int m = edges.size();
    int[] head = edges.head();
    int[] tail = edges.tail();
    double a = curve.a();
    double b = curve.b();
    double[] epochsPerSample = new double[m];
    float max = 0;
    for (float w : edges.weight()) {
      max = Math.max(max, w);
    }
    for (int e = 0; e < m; e++) {
      epochsPerSample[e] = max / edges.weight()[e];
    }
    double[] epochsPerNegative = new double[m];
    double[] nextSample = epochsPerSample.clone();
    double[] nextNegative = new double[m];
    for (int e = 0; e < m; e++) {
      epochsPerNegative[e] = epochsPerSample[e] / NEGATIVE_SAMPLES;
      nextNegative[e] = epochsPerNegative[e];
    }
    SplittableRandom random = new SplittableRandom(seed);
    double alpha = INITIAL_ALPHA;
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (int e = 0; e < m; e++) {
        if (nextSample[e] > epoch) {
          continue;
        }
        int j = 2 * head[e];
        int k = 2 * tail[e];
        double dx = coordinates[j] - coordinates[k];
        double dy = coordinates[j + 1] - coordinates[k + 1];
        double d2 = dx * dx + dy * dy;
        if (d2 > 0) {
          double powB = Math.pow(d2, b);
          double coefficient = -2 * a * b * (powB / d2) / (a * powB + 1);
          float gx = (float) (clip(coefficient * dx) * alpha);
          float gy = (float) (clip(coefficient * dy) * alpha);
          coordinates[j] += gx;
          coordinates[j + 1] += gy;
          coordinates[k] -= gx;
          coordinates[k + 1] -= gy;
        }
        nextSample[e] += epochsPerSample[e];
        int negatives = (int) ((epoch - nextNegative[e]) / epochsPerNegative[e]);
        for (int s = 0; s < negatives; s++) {
          // multiply-shift maps 32 random bits to [0, n) without nextInt(bound)'s division; its bias is n / 2^32
          int other = 2 * (int) (((random.nextInt() & 0xFFFFFFFFL) * n) >>> 32);
          double nx = coordinates[j] - coordinates[other];
          double ny = coordinates[j + 1] - coordinates[other + 1];
          double n2 = nx * nx + ny * ny;
          if (n2 > 0) {
            double coefficient = 2 * b / ((0.001 + n2) * (a * Math.pow(n2, b) + 1));
            coordinates[j] += (float) (clip(coefficient * nx) * alpha);
            coordinates[j + 1] += (float) (clip(coefficient * ny) * alpha);
          }
          // coincident points give no direction to push in; umap-learn leaves them be
        }
        nextNegative[e] += negatives * epochsPerNegative[e];
      }
      // umap-learn sets the rate after epoch e to 1 - e / epochs, so the first two epochs both run at 1
      alpha = INITIAL_ALPHA * (1 - (double) epoch / epochs);
    }
  }

  private static double clip(double value) {
    return value > CLIP ? CLIP : value < -CLIP ? -CLIP : value;
  }
}
