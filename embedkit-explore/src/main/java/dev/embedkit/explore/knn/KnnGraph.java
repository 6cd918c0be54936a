package dev.embedkit.explore.knn;

/**
 * The k nearest neighbours of every point, nearest first, without the point itself.
 *
 * @param indices {@code indices[i][j]}: the j-th nearest neighbour of point i
 * @param distances {@code distances[i][j]}: its distance (cosine distance, 1 - cos, for unit vectors)
 */
public record KnnGraph(int[][] indices, float[][] distances) {
  public int size() {
    return indices.length;
  }

  public int k() {
    return indices.length == 0 ? 0 : indices[0].length;
  }
}
