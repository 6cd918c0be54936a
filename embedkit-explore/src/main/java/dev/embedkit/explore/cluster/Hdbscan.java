package dev.embedkit.explore.cluster;

import java.util.Arrays;

/**
 * HDBSCAN (Campello, Moulavi and Sander 2013) with the hdbscan library's defaults: Euclidean distance, excess-of-mass
 * selection, no single cluster (allow_single_cluster=False), no epsilon.
 *
 * <ol>
 *   <li>Core distance: the distance to the minSamples-th nearest other point. This is the hdbscan library's rule
 *       ({@code tree.query(X, k=min_samples + 1)}, the point itself being the first of the k); scikit-learn's
 *       {@code sklearn.cluster.HDBSCAN} and the paper count the point itself, so their min_samples=m+1 is our m.
 *       As in hdbscan, minSamples is capped at n-1.
 *   <li>Minimum spanning tree of the mutual reachability distance max(core(a), core(b), d(a, b)) by Prim's algorithm
 *       on the points themselves: O(n^2) time, O(n) memory, so 100,000 2-D map points cost seconds, not a 40 GB
 *       matrix. Meant for low-dimensional points (map coordinates, a 5-D UMAP); it works in any dimension but costs
 *       O(n^2 d).
 *   <li>Single-linkage tree from the sorted edges; condensed tree with minClusterSize (a side smaller than
 *       minClusterSize is points falling out of its parent at lambda = 1 / distance); stability of each cluster
 *       = sum over its points of (lambda at which it left - lambda at which the cluster was born).
 *   <li>Excess of mass: bottom-up, a cluster is kept when its stability is at least the sum of its children's best.
 *       The root is never a candidate. Each point takes the label of the selected cluster it (or the cluster it fell
 *       out of) lies in; points that fell out before any selected cluster formed are {@link Clusters#NOISE}.
 * </ol>
 *
 * <pre>{@code
 * Clusters clusters = Hdbscan.cluster(mapCoordinates, HdbscanOptions.DEFAULT);
 * }</pre>
 */
public final class Hdbscan {
  private Hdbscan() {}

  public static Clusters cluster(float[][] points, HdbscanOptions options) {
    int n = points.length;
    int dims = n == 0 ? 0 : points[0].length;
    for (int i = 0; i < n; i++) {
      if (points[i].length != dims) {
        throw new IllegalArgumentException("all points need " + dims + " coordinates; point " + i + " has " + points[i].length);
      }
      for (float x : points[i]) {
        if (!Float.isFinite(x)) {
          throw new IllegalArgumentException("point " + i + " has a non-finite coordinate: " + x);
        }
      }
    }
    if (n < 2) {
      int[] labels = new int[n];
      Arrays.fill(labels, Clusters.NOISE);
      return new Clusters(labels, 0);
    }
    int minSamples = Math.max(1, Math.min(n - 1, options.minSamples()));
    double[] core = CoreDistances.of(points, minSamples);
    SpanningTree tree = SpanningTree.prim(points, core);
    Dendrogram dendrogram = Dendrogram.fromEdges(n, tree);
    return Clusters.ranked(CondensedTree.of(dendrogram, options.minClusterSize()).excessOfMassLabels());
  }
}
