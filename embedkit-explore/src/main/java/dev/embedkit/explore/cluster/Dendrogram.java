package dev.embedkit.explore.cluster;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Single-linkage tree from a spanning tree, in scipy's linkage layout: node ids 0..n-1 are the points, merge i
 * creates node n+i from {@code left[i]} and {@code right[i]} at {@code distance[i]}; node 2n-2 is the root.
 */
record Dendrogram(int points, int[] left, int[] right, double[] distance, int[] size) {

  static Dendrogram fromEdges(int n, SpanningTree tree) {
    Integer[] boxed = IntStream.range(0, n - 1).boxed().toArray(Integer[]::new);
    // stable sort: equal weights keep Prim's order, so the tree is deterministic
    Arrays.sort(boxed, (a, b) -> Double.compare(tree.weight()[a], tree.weight()[b]));
    int[] parent = new int[2 * n - 1];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    int[] left = new int[n - 1];
    int[] right = new int[n - 1];
    double[] distance = new double[n - 1];
    int[] size = new int[n - 1];
    for (int i = 0; i < n - 1; i++) {
      int edge = boxed[i];
      int a = find(parent, tree.from()[edge]);
      int b = find(parent, tree.to()[edge]);
      left[i] = a;
      right[i] = b;
      distance[i] = tree.weight()[edge];
      size[i] = sizeOf(a, n, size) + sizeOf(b, n, size);
      parent[a] = n + i;
      parent[b] = n + i;
    }
    return new Dendrogram(n, left, right, distance, size);
  }

  int root() {
    return 2 * points - 2;
  }

  /** Points under a node (1 for a point). */
  int sizeOf(int node) {
    return sizeOf(node, points, size);
  }

  private static int sizeOf(int node, int n, int[] size) {
    return node < n ? 1 : size[node - n];
  }

  private static int find(int[] parent, int x) {
    int root = x;
    while (parent[root] != root) {
      root = parent[root];
    }
    while (parent[x] != root) { // path compression keeps later finds O(1) amortised
      int next = parent[x];
      parent[x] = root;
      x = next;
    }
    return root;
  }
}
