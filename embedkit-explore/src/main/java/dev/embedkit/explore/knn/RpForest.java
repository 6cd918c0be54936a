package dev.embedkit.explore.knn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * NN-descent's starting graph from random projection trees (pynndescent's angular trees): each node splits its points
 * by the hyperplane through the origin that separates two random members, down to leaves of a few dozen points;
 * points sharing a leaf are likely neighbours, which saves NN-descent several rounds against a random start.
 */
final class RpForest {
  private RpForest() {}

  /** Builds {@code trees} trees and offers every pair of leaf mates to the graph. */
  static void addLeafNeighbours(float[][] vectors, NeighbourHeaps graph, int trees, int leafSize,
      SplittableRandom random) {
    long[] seeds = new long[trees];
    for (int t = 0; t < trees; t++) {
      seeds[t] = random.nextLong();
    }
    // trees are independent, so they grow in parallel; their leaves are applied in tree order for determinism
    List<List<int[]>> forest = IntStream.range(0, trees).parallel()
        .mapToObj(t -> leaves(vectors, leafSize, new SplittableRandom(seeds[t])))
        .toList();
    for (List<int[]> leaves : forest) {
      float[][] pairDistances = new float[leaves.size()][];
      IntStream.range(0, leaves.size()).parallel().forEach(l -> {
        int[] leaf = leaves.get(l);
        float[] d = new float[leaf.length * (leaf.length - 1) / 2];
        int u = 0;
        for (int a = 0; a < leaf.length; a++) {
          for (int b = a + 1; b < leaf.length; b++) {
            d[u++] = NearestNeighbours.distance(vectors[leaf[a]], vectors[leaf[b]]);
          }
        }
        pairDistances[l] = d;
      });
      for (int l = 0; l < leaves.size(); l++) {
        int[] leaf = leaves.get(l);
        int u = 0;
        for (int a = 0; a < leaf.length; a++) {
          for (int b = a + 1; b < leaf.length; b++) {
            float d = pairDistances[l][u++];
            graph.push(leaf[a], d, leaf[b], true);
            graph.push(leaf[b], d, leaf[a], true);
          }
        }
      }
    }
  }

  private static List<int[]> leaves(float[][] vectors, int leafSize, SplittableRandom random) {
    List<int[]> out = new ArrayList<>();
    split(vectors, IntStream.range(0, vectors.length).toArray(), leafSize, random, out);
    return out;
  }

  private static void split(float[][] vectors, int[] points, int leafSize, SplittableRandom random, List<int[]> out) {
    if (points.length <= leafSize) {
      out.add(points);
      return;
    }
    int a = points[random.nextInt(points.length)];
    int b = points[random.nextInt(points.length)];
    int dims = vectors[a].length;
    float[] normal = new float[dims];
    for (int d = 0; d < dims; d++) {
      normal[d] = vectors[a][d] - vectors[b][d];
    }
    boolean[] left = new boolean[points.length];
    int leftCount = 0;
    for (int i = 0; i < points.length; i++) {
      float margin = StrictDot.of(vectors[points[i]], normal);
      // points on the plane (and every point when a == b) go to a random side, as pynndescent does
      left[i] = margin == 0 ? random.nextBoolean() : margin > 0;
      leftCount += left[i] ? 1 : 0;
    }
    if (leftCount == 0 || leftCount == points.length) {
      // duplicates or an unlucky plane: halve at random so the recursion always ends
      leftCount = 0;
      for (int i = 0; i < points.length; i++) {
        left[i] = random.nextBoolean();
        leftCount += left[i] ? 1 : 0;
      }
      if (leftCount == 0 || leftCount == points.length) {
        leftCount = points.length / 2;
        for (int i = 0; i < points.length; i++) {
          left[i] = i < leftCount;
        }
      }
    }
    int[] l = new int[leftCount];
    int[] r = new int[points.length - leftCount];
    for (int i = 0, li = 0, ri = 0; i < points.length; i++) {
      if (left[i]) {
        l[li++] = points[i];
      } else {
        r[ri++] = points[i];
      }
    }
    split(vectors, l, leafSize, random, out);
    split(vectors, r, leafSize, random, out);
  }
}
