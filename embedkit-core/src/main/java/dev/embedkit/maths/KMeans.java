package dev.embedkit.maths;

import java.util.List;
import java.util.Random;

/**
 * k-means (Lloyd's algorithm, squared Euclidean distance) with k-means++ seeding, restarted {@link #RESTARTS} times
 * (sklearn's n_init=10) keeping the clustering with the lowest inertia. All randomness comes from one seed: the same
 * input and seed always give the same clusters. Each run stops when no assignment changes or after
 * {@link #MAXIMUM_ITERATIONS}.
 */
public final class KMeans {
  public static final int MAXIMUM_ITERATIONS = 300;
  public static final int RESTARTS = 10;

  private KMeans() {}

  /** Cluster index per vector. */
  public static int[] cluster(List<float[]> vectors, int k, long seed) {
    int n = vectors.size();
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be between 1 and the number of vectors (" + n + "); k=" + k);
    }
    Random random = new Random(seed);
    int[] best = null;
    double bestInertia = Double.POSITIVE_INFINITY;
    for (int run = 0; run < RESTARTS; run++) {
      double[][] centres = seed(vectors, k, random);
      int[] assignment = lloyd(vectors, centres);
      double inertia = 0;
      for (int i = 0; i < n; i++) {
        inertia += distance(vectors.get(i), centres[assignment[i]]);
      }
      if (inertia < bestInertia) {
        bestInertia = inertia;
        best = assignment;
      }
    }
    return best;
  }

  /** Lloyd iterations from the given centres (updated in place); returns the final assignment. */
  private static int[] lloyd(List<float[]> vectors, double[][] centres) {
    int n = vectors.size();
    int k = centres.length;
    int dims = vectors.get(0).length;
    int[] assignment = new int[n];
    java.util.Arrays.fill(assignment, -1);
    for (int iteration = 0; iteration < MAXIMUM_ITERATIONS; iteration++) {
      boolean changed = false;
      for (int i = 0; i < n; i++) {
        int best = nearest(vectors.get(i), centres);
        if (best != assignment[i]) {
          assignment[i] = best;
          changed = true;
        }
      }
      if (!changed) {
        break;
      }
      double[][] sums = new double[k][dims];
      int[] counts = new int[k];
      for (int i = 0; i < n; i++) {
        counts[assignment[i]]++;
        float[] v = vectors.get(i);
        for (int d = 0; d < dims; d++) {
          sums[assignment[i]][d] += v[d];
        }
      }
      for (int c = 0; c < k; c++) {
        if (counts[c] > 0) { // an empty cluster keeps its centre
          for (int d = 0; d < dims; d++) {
            centres[c][d] = sums[c][d] / counts[c];
          }
        }
      }
    }
    return assignment;
  }

  private static double[][] seed(List<float[]> vectors, int k, Random random) {
    int n = vectors.size();
    double[][] centres = new double[k][];
    centres[0] = toDouble(vectors.get(random.nextInt(n)));
    double[] closest = new double[n];
    for (int i = 0; i < n; i++) {
      closest[i] = distance(vectors.get(i), centres[0]);
    }
    for (int c = 1; c < k; c++) {
      double total = 0;
      for (double d : closest) {
        total += d;
      }
      int chosen = 0;
      if (total > 0) {
        double target = random.nextDouble() * total;
        double running = 0;
        for (int i = 0; i < n; i++) {
          running += closest[i];
          if (running >= target) {
            chosen = i;
            break;
          }
        }
      } else {
        chosen = random.nextInt(n);
      }
      centres[c] = toDouble(vectors.get(chosen));
      for (int i = 0; i < n; i++) {
        closest[i] = Math.min(closest[i], distance(vectors.get(i), centres[c]));
      }
    }
    return centres;
  }

  private static int nearest(float[] v, double[][] centres) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centres.length; c++) {
      double d = distance(v, centres[c]);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }

  private static double distance(float[] v, double[] centre) {
    double sum = 0;
    for (int d = 0; d < v.length; d++) {
      double diff = v[d] - centre[d];
      sum += diff * diff;
    }
    return sum;
  }

  private static double[] toDouble(float[] v) {
    double[] out = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = v[i];
    }
    return out;
  }
}
