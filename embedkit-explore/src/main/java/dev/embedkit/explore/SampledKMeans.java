package dev.embedkit.explore;

import dev.embedkit.explore.cluster.Clusters;
import dev.embedkit.explore.cluster.KMeansClustering;

/**
 * k-means for maps of any size (on the map's coordinates or the vectors): fitted on a seeded sample of at most
 * {@link SpaceMapper#KMEANS_SAMPLE} points, then
 * every point joins its nearest centre (the sample's cluster means), clusters renumbered largest first.
 */
final class SampledKMeans {
  private SampledKMeans() {}

  /** A fixed k when {@code k > 0}, else k chosen by the silhouette up to {@code maxK}. */
  static Clusters cluster(float[][] points, int k, int maxK, long seed) {
    int[] sample = Samples.indices(points.length, SpaceMapper.KMEANS_SAMPLE, seed);
    float[][] fitted = new float[sample.length][];
    for (int i = 0; i < sample.length; i++) {
      fitted[i] = points[sample[i]];
    }
    Clusters onSample = k > 0 ? KMeansClustering.fixed(fitted, k, seed) : KMeansClustering.auto(fitted, maxK, seed);
    if (sample.length == points.length) {
      return onSample;
    }
    int dims = points[0].length;
    double[][] centres = new double[onSample.count()][dims];
    int[] counts = new int[onSample.count()];
    for (int i = 0; i < fitted.length; i++) {
      int c = onSample.labels()[i];
      counts[c]++;
      for (int d = 0; d < dims; d++) {
        centres[c][d] += fitted[i][d];
      }
    }
    for (int c = 0; c < centres.length; c++) {
      for (int d = 0; d < dims; d++) {
        centres[c][d] /= counts[c];
      }
    }
    int[] labels = new int[points.length];
    int[] sizes = new int[centres.length];
    for (int i = 0; i < points.length; i++) {
      int best = 0;
      double bestDistance = Double.POSITIVE_INFINITY;
      for (int c = 0; c < centres.length; c++) {
        double s = 0;
        for (int d = 0; d < dims; d++) {
          double diff = points[i][d] - centres[c][d];
          s += diff * diff;
        }
        if (s < bestDistance) {
          bestDistance = s;
          best = c;
        }
      }
      labels[i] = best;
      sizes[best]++;
    }
    return largestFirst(labels, sizes);
  }

  /** Renumbers clusters by size, largest first (ties: the lower old number first); empty clusters dropped. */
  static Clusters largestFirst(int[] labels, int[] sizes) {
    Integer[] order = new Integer[sizes.length];
    for (int c = 0; c < order.length; c++) {
      order[c] = c;
    }
    java.util.Arrays.sort(order, (a, b) -> sizes[a] != sizes[b] ? Integer.compare(sizes[b], sizes[a]) : Integer.compare(a, b));
    int[] renumber = new int[sizes.length];
    int count = 0;
    for (int c : order) {
      renumber[c] = sizes[c] > 0 ? count++ : Clusters.NOISE;
    }
    int[] out = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      out[i] = renumber[labels[i]];
    }
    return new Clusters(out, count);
  }
}
