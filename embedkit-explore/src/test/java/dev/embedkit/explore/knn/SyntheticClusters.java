package dev.embedkit.explore.knn;

import dev.embedkit.vector.VectorMath;
import java.util.SplittableRandom;

/**
 * Seeded clustered unit vectors shaped like sentence embeddings: random cluster centres, each cluster spread mostly
 * along its own few random directions (embeddings have low intrinsic dimension) plus a little isotropic noise.
 */
public final class SyntheticClusters {
  private SyntheticClusters() {}

  /** {@code n} unit vectors of {@code dims} dimensions in {@code clusters} clusters; point i is in cluster i % clusters. */
  public static float[][] generate(int n, int dims, int clusters, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int latent = 8;
    float[][] centres = new float[clusters][];
    float[][][] directions = new float[clusters][latent][];
    for (int c = 0; c < clusters; c++) {
      centres[c] = gaussian(dims, 1.0, random);
      VectorMath.normalizeInPlace(centres[c]);
      for (int l = 0; l < latent; l++) {
        directions[c][l] = gaussian(dims, 1.0 / Math.sqrt(dims), random);
      }
    }
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      int c = i % clusters;
      float[] v = gaussian(dims, 0.05 / Math.sqrt(dims), random);
      for (int d = 0; d < dims; d++) {
        v[d] += centres[c][d];
      }
      for (int l = 0; l < latent; l++) {
        double weight = 0.35 * random.nextDouble(-1, 1) * Math.sqrt(3);
        for (int d = 0; d < dims; d++) {
          v[d] += (float) (weight * directions[c][l][d]);
        }
      }
      VectorMath.normalizeInPlace(v);
      out[i] = v;
    }
    return out;
  }

  /** The cluster of point i, as {@link #generate} assigns it. */
  public static int clusterOf(int i, int clusters) {
    return i % clusters;
  }

  private static float[] gaussian(int dims, double scale, SplittableRandom random) {
    float[] v = new float[dims];
    for (int d = 0; d < dims; d++) {
      // Box-Muller keeps this free of java.util.Random's synchronisation and shared state
      double u = random.nextDouble();
      double w = random.nextDouble();
      v[d] = (float) (scale * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w));
    }
    return v;
  }
}
