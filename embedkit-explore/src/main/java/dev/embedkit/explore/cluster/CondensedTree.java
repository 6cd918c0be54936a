package dev.embedkit.explore.cluster;

import java.util.Arrays;

/**
 * HDBSCAN's condensed cluster tree and its excess-of-mass selection, as the hdbscan library's condense_tree,
 * compute_stability, get_clusters (eom, allow_single_cluster=False) and do_labelling. Clusters are numbered in the
 * order they are born, so every child's id is larger than its parent's; cluster 0 is the root.
 */
final class CondensedTree {
  private final int[] pointCluster; // the cluster each point fell out of
  private final int[] parent;
  private final int[] firstChild; // splits are binary: children are firstChild and firstChild + 1, or -1 for a leaf
  private final double[] stability;
  private final int clusters;

  private CondensedTree(int[] pointCluster, int[] parent, int[] firstChild, double[] stability, int clusters) {
    this.pointCluster = pointCluster;
    this.parent = parent;
    this.firstChild = firstChild;
    this.stability = stability;
    this.clusters = clusters;
  }

  static CondensedTree of(Dendrogram tree, int minClusterSize) {
    int n = tree.points();
    int[] pointCluster = new int[n];
    int[] relabel = new int[n - 1]; // cluster of each internal node that is still a cluster
    // at most n / minClusterSize * 2 clusters are ever born; size generously and trim
    int capacity = 2 * (n / minClusterSize) + 2;
    int[] parent = new int[capacity];
    int[] firstChild = new int[capacity];
    double[] birth = new double[capacity];
    double[] stability = new double[capacity];
    Arrays.fill(firstChild, -1);
    parent[0] = -1;
    int clusters = 1;
    int[] stack = new int[n];
    int top = 0;
    stack[top++] = tree.root();
    relabel[tree.root() - n] = 0;
    int[] scratch = new int[n];
    while (top > 0) {
      int node = stack[--top];
      int i = node - n;
      int cluster = relabel[i];
      double lambda = tree.distance()[i] > 0 ? 1.0 / tree.distance()[i] : Double.POSITIVE_INFINITY;
      int left = tree.left()[i];
      int right = tree.right()[i];
      int leftSize = tree.sizeOf(left);
      int rightSize = tree.sizeOf(right);
      boolean leftBig = leftSize >= minClusterSize;
      boolean rightBig = rightSize >= minClusterSize;
      if (leftBig && rightBig) {
        // a true split: the parent ends, two clusters are born at this lambda
        stability[cluster] += (lambda - birth[cluster]) * (leftSize + rightSize);
        firstChild[cluster] = clusters;
        for (int child : new int[] {left, right}) {
          parent[clusters] = cluster;
          birth[clusters] = lambda;
          relabel[child - n] = clusters++;
          stack[top++] = child;
        }
        continue;
      }
      if (leftBig) {
        relabel[left - n] = cluster; // the same cluster shrinks on
        stack[top++] = left;
      } else {
        fallOut(tree, left, cluster, lambda - birth[cluster], pointCluster, stability, scratch);
      }
      if (rightBig) {
        relabel[right - n] = cluster;
        stack[top++] = right;
      } else {
        fallOut(tree, right, cluster, lambda - birth[cluster], pointCluster, stability, scratch);
      }
    }
    return new CondensedTree(pointCluster, parent, firstChild, stability, clusters);
  }

  /** Every point under {@code node} leaves {@code cluster}, each adding its persistence to the stability. */
  private static void fallOut(Dendrogram tree, int node, int cluster, double persistence, int[] pointCluster,
      double[] stability, int[] stack) {
    int n = tree.points();
    int top = 0;
    stack[top++] = node;
    int count = 0;
    while (top > 0) {
      int x = stack[--top];
      if (x < n) {
        pointCluster[x] = cluster;
        count++;
      } else {
        stack[top++] = tree.left()[x - n];
        stack[top++] = tree.right()[x - n];
      }
    }
    stability[cluster] += persistence * count;
  }

  /** Raw labels (cluster ids, or {@link Clusters#NOISE}) of the excess-of-mass selection. */
  int[] excessOfMassLabels() {
    double[] best = Arrays.copyOf(stability, clusters);
    boolean[] keepsItself = new boolean[clusters];
    for (int c = clusters - 1; c >= 1; c--) { // children before parents; the root is never a candidate
      int child = firstChild[c];
      double children = child < 0 ? 0 : best[child] + best[child + 1];
      if (children > best[c]) {
        best[c] = children;
      } else {
        keepsItself[c] = true;
      }
    }
    // top-down: a cluster is selected when it keeps itself and no ancestor was selected
    int[] selectedAncestor = new int[clusters];
    selectedAncestor[0] = Clusters.NOISE;
    for (int c = 1; c < clusters; c++) {
      int above = selectedAncestor[parent[c]];
      selectedAncestor[c] = above != Clusters.NOISE ? above : keepsItself[c] ? c : Clusters.NOISE;
    }
    int[] labels = new int[pointCluster.length];
    for (int p = 0; p < labels.length; p++) {
      labels[p] = selectedAncestor[pointCluster[p]];
    }
    return labels;
  }
}
