package dev.embedkit.explore;

import dev.embedkit.EmbedkitException;
import dev.embedkit.explore.project.Method;

/**
 * How {@link SpaceMapper} draws a map.
 *
 * @param method the projection to 2-D
 * @param clusters how points are clustered and coloured
 * @param seed all randomness (sampling, projection, clustering): the same inputs and seed give the same map
 * @param maxPoints at most this many points are mapped (a seeded sample of the rest is dropped, and the caption says
 *     so); 0: as many as the heap holds for the method
 * @param minClusterSize HDBSCAN's and community detection's smallest cluster; 0: {@link #DEFAULT_MIN_CLUSTER_SIZE},
 *     lowered for small inputs
 */
public record MapOptions(Method method, ClusterChoice clusters, long seed, int maxPoints, int minClusterSize) {
  public static final int DEFAULT_MIN_CLUSTER_SIZE = 10;
  public static final long DEFAULT_SEED = 42;
  public static final MapOptions DEFAULTS = new MapOptions(Method.UMAP, ClusterChoice.AUTO, DEFAULT_SEED, 0, 0);

  public MapOptions {
    if (method == null || clusters == null) {
      throw new IllegalArgumentException("method and clusters are required");
    }
    if (maxPoints < 0) {
      throw EmbedkitException.invalidInput("the point limit is " + maxPoints + "; accepted: 0 (automatic) or more");
    }
    if (minClusterSize < 0 || minClusterSize == 1) {
      throw EmbedkitException.invalidInput("the smallest cluster size is " + minClusterSize + "; accepted: 2 or more");
    }
  }

  public MapOptions withMethod(Method value) {
    return new MapOptions(value, clusters, seed, maxPoints, minClusterSize);
  }

  public MapOptions withClusters(ClusterChoice value) {
    return new MapOptions(method, value, seed, maxPoints, minClusterSize);
  }

  public MapOptions withSeed(long value) {
    return new MapOptions(method, clusters, value, maxPoints, minClusterSize);
  }

  public MapOptions withMaxPoints(int value) {
    return new MapOptions(method, clusters, seed, value, minClusterSize);
  }

  public MapOptions withMinClusterSize(int value) {
    return new MapOptions(method, clusters, seed, maxPoints, value);
  }
}
