package dev.embedkit.explore.cluster;

import dev.embedkit.explore.Samples;

import dev.embedkit.maths.KMeans;
import java.util.Arrays;
import java.util.List;

/**
 * k-means clusterings as {@link Clusters} (largest cluster first), with k given or chosen by silhouette. The k-means
 * itself is embedkit-core's {@link KMeans} (k-means++, 10 restarts, one seed).
 *
 * <pre>{@code
 * Clusters three = KMeansClustering.fixed(vectors, 3, 42);
 * Clusters best = KMeansClustering.auto(vectors, 42); // k in 2..min(20, sqrt(n))
 * }</pre>
 */
public final class KMeansClustering {
  /** The largest k {@link #auto(float[][], long)} tries, unless sqrt(n) is smaller. */
  public static final int DEFAULT_MAXIMUM_K = 20;
  /**
   * At most this many points are scored by silhouette when choosing k (as scikit-learn's silhouette_score with
   * sample_size): silhouette is O(n^2), and 2,000 points keep the choice stable while costing a few seconds.
   */
  public static final int SILHOUETTE_SAMPLE = 2_000;

  private KMeansClustering() {}

  /** k-means with the given k. */
  public static Clusters fixed(float[][] vectors, int k, long seed) {
    if (k < 1 || k > vectors.length) {
      throw new IllegalArgumentException("k must be between 1 and the number of vectors (" + vectors.length + "); k=" + k);
    }
    return Clusters.ranked(KMeans.cluster(Arrays.asList(vectors), k, seed));
  }

  /** {@link #auto(float[][], int, long)} with maxK = min({@link #DEFAULT_MAXIMUM_K}, floor(sqrt(n))), at least 2. */
  public static Clusters auto(float[][] vectors, long seed) {
    return auto(vectors, defaultMaximumK(vectors.length), seed);
  }

  public static int defaultMaximumK(int n) {
    return Math.max(2, Math.min(DEFAULT_MAXIMUM_K, (int) Math.sqrt(n)));
  }

  /**
   * k-means for each k in 2..maxK, keeping the clustering with the highest mean silhouette (Euclidean); ties keep the
   * smaller k. When there are more than {@link #SILHOUETTE_SAMPLE} points, every k is scored on the same seeded
   * sample of that many points, so the choice costs O(sample^2) per k rather than O(n^2).
   */
  public static Clusters auto(float[][] vectors, int maxK, long seed) {
    int n = vectors.length;
    if (maxK < 2 || maxK > n - 1) {
      throw new IllegalArgumentException("maxK must be between 2 and n-1 (" + (n - 1) + ") so silhouette is defined; maxK=" + maxK);
    }
    int[] sample = Samples.indices(n, SILHOUETTE_SAMPLE, seed);
    float[][] sampled = new float[sample.length][];
    for (int i = 0; i < sample.length; i++) {
      sampled[i] = vectors[sample[i]];
    }
    Silhouette.Distances distances = new Silhouette.Distances(sampled);
    List<float[]> list = Arrays.asList(vectors);
    int[] best = null;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int k = 2; k <= maxK; k++) {
      int[] labels = KMeans.cluster(list, k, seed);
      int[] sampleLabels = new int[sample.length];
      for (int i = 0; i < sample.length; i++) {
        sampleLabels[i] = labels[sample[i]];
      }
      long distinct = Arrays.stream(sampleLabels).distinct().count();
      if (distinct < 2 || distinct > sample.length - 1) {
        continue; // an empty cluster or a tiny sample leaves silhouette undefined for this k
      }
      double score = Silhouette.fromDistances(distances, sampleLabels);
      if (score > bestScore) {
        bestScore = score;
        best = labels;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException("no k in 2.." + maxK + " gave two or more clusters; are the " + n + " vectors all equal?");
    }
    return Clusters.ranked(best);
  }
}
