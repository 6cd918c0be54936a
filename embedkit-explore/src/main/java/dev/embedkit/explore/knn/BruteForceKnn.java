package dev.embedkit.explore.knn;

import java.util.stream.IntStream;

/**
 * Exact k nearest neighbours by comparing every pair: the small-set path of {@link NearestNeighbours} and the
 * reference NN-descent is tested against. Rows are independent, so they run in parallel with identical results.
 */
final class BruteForceKnn {
  private BruteForceKnn() {}

  static KnnGraph build(float[][] unitVectors, int k) {
    int n = unitVectors.length;
    int[][] indices = new int[n][];
    float[][] distances = new float[n][];
    IntStream.range(0, n).parallel().forEach(i -> {
      KnnGraph row = neighboursOf(unitVectors, unitVectors[i], i, k);
      indices[i] = row.indices()[0];
      distances[i] = row.distances()[0];
    });
    return new KnnGraph(indices, distances);
  }

  /** The k nearest of {@code all} to {@code query} (skipping index {@code self}), as a one-row graph. */
  static KnnGraph neighboursOf(float[][] all, float[] query, int self, int k) {
    NeighbourHeaps heap = new NeighbourHeaps(1, k);
    for (int j = 0; j < all.length; j++) {
      if (j != self) {
        heap.push(0, NearestNeighbours.distance(query, all[j]), j, false);
      }
    }
    return heap.toGraph();
  }
}
