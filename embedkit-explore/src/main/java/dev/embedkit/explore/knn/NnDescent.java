package dev.embedkit.explore.knn;

import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Approximate k nearest neighbours by NN-descent (Dong, Charikar and Li 2011), following pynndescent: start from
 * random-projection-tree leaf mates ({@link RpForest}) topped up with random neighbours, then repeat local joins
 * (every pair of a point's sampled neighbours and reverse neighbours is compared, at least one of them new since the
 * last round) until a round improves fewer than {@code delta * n * k} slots.
 *
 * <p>Deterministic for a seed whatever the thread count: sampling runs on one thread; the distance work of a block of
 * points runs in parallel against thresholds frozen at the start of the block, and its proposals are applied to the
 * heaps on one thread in point order (as pynndescent's block updates).
 *
 * <pre>{@code
 * KnnGraph graph = NnDescent.build(unitVectors, 15, NnDescentOptions.DEFAULTS.withSeed(7));
 * }</pre>
 */
public final class NnDescent {
  /** Points per block of parallel local joins; bounds the proposals held in memory at once. */
  private static final int BLOCK = 16384;

  private NnDescent() {}

  /** The approximate k nearest neighbours of each unit vector by cosine distance; requires k < n. */
  public static KnnGraph build(float[][] unitVectors, int k, NnDescentOptions options) {
    NearestNeighbours.check(unitVectors, k);
    int n = unitVectors.length;
    NeighbourHeaps graph = new NeighbourHeaps(n, k);
    SplittableRandom random = new SplittableRandom(options.seed());
    if (options.trees() > 0) {
      RpForest.addLeafNeighbours(unitVectors, graph, options.trees(), Math.max(10, 2 * k), random.split());
    }
    fillRandomly(unitVectors, graph, random.nextLong());
    int candidates = Math.min(NnDescentOptions.MAXIMUM_CANDIDATES, Math.max(1, (int) Math.ceil(options.rho() * k)));
    int rounds = options.maxRounds() > 0 ? options.maxRounds()
        : Math.max(5, (int) Math.round(Math.log(n) / Math.log(2)));
    for (int round = 0; round < rounds; round++) {
      NeighbourHeaps fresh = new NeighbourHeaps(n, candidates);
      NeighbourHeaps old = new NeighbourHeaps(n, candidates);
      sampleCandidates(graph, fresh, old, random);
      long updates = localJoin(unitVectors, graph, fresh, old);
      if (updates <= options.delta() * n * k) {
        break;
      }
    }
    return graph.toGraph();
  }

  /** Tops up every heap that still has empty slots with random points; each point has its own seeded stream. */
  private static void fillRandomly(float[][] vectors, NeighbourHeaps graph, long seed) {
    int n = vectors.length;
    IntStream.range(0, n).parallel().forEach(i -> {
      SplittableRandom random = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (i + 1)));
      // k < n guarantees enough distinct points; the bound only guards against a broken generator
      for (int attempt = 0; graph.threshold(i) == Float.POSITIVE_INFINITY && attempt < 100 * n; attempt++) {
        int j = random.nextInt(n);
        if (j != i) {
          graph.push(i, NearestNeighbours.distance(vectors[i], vectors[j]), j, true);
        }
      }
    });
  }

  /**
   * Samples each point's neighbours and reverse neighbours into new and old candidate lists (random priorities keep a
   * uniform sample of at most {@code candidates}), then marks the sampled new neighbours old for the next round.
   */
  private static void sampleCandidates(NeighbourHeaps graph, NeighbourHeaps fresh, NeighbourHeaps old,
      SplittableRandom random) {
    int k = graph.k();
    int n = graph.indices.length / k;
    for (int i = 0; i < n; i++) {
      for (int s = i * k, end = s + k; s < end; s++) {
        int j = graph.indices[s];
        if (j < 0) {
          continue;
        }
        float priority = (float) random.nextDouble();
        NeighbourHeaps target = graph.isNew[s] ? fresh : old;
        target.push(i, priority, j, false);
        target.push(j, priority, i, false);
      }
    }
    int c = fresh.k();
    for (int i = 0; i < n; i++) {
      for (int s = i * k, end = s + k; s < end; s++) {
        if (graph.isNew[s]) {
          int j = graph.indices[s];
          for (int t = i * c, tEnd = t + c; t < tEnd; t++) {
            if (fresh.indices[t] == j) {
              graph.isNew[s] = false;
              break;
            }
          }
        }
      }
    }
  }

  /** Compares new-new and new-old candidate pairs of every point; returns how many heap slots improved. */
  private static long localJoin(float[][] vectors, NeighbourHeaps graph, NeighbourHeaps fresh, NeighbourHeaps old) {
    int n = vectors.length;
    int c = fresh.k();
    long updates = 0;
    float[] thresholds = new float[n];
    for (int start = 0; start < n; start += BLOCK) {
      int end = Math.min(n, start + BLOCK);
      for (int p = 0; p < n; p++) {
        thresholds[p] = graph.threshold(p);
      }
      Proposals[] proposals = new Proposals[end - start];
      int blockStart = start;
      IntStream.range(start, end).parallel().forEach(i -> {
        Proposals out = new Proposals();
        int base = i * c;
        for (int a = 0; a < c; a++) {
          int p = fresh.indices[base + a];
          if (p < 0) {
            continue;
          }
          for (int b = a + 1; b < c; b++) {
            out.offer(vectors, thresholds, p, fresh.indices[base + b]);
          }
          for (int b = 0; b < c; b++) {
            out.offer(vectors, thresholds, p, old.indices[base + b]);
          }
        }
        proposals[i - blockStart] = out;
      });
      for (Proposals block : proposals) {
        for (int u = 0; u < block.size; u++) {
          int p = block.pairs[2 * u];
          int q = block.pairs[2 * u + 1];
          float d = block.distances[u];
          updates += graph.push(p, d, q, true);
          updates += graph.push(q, d, p, true);
        }
      }
    }
    return updates;
  }

  /** One point's proposed neighbour pairs, in the order found. */
  private static final class Proposals {
    int[] pairs = new int[64];
    float[] distances = new float[32];
    int size;

    void offer(float[][] vectors, float[] thresholds, int p, int q) {
      if (q < 0 || q == p) {
        return;
      }
      float d = NearestNeighbours.distance(vectors[p], vectors[q]);
      if (d < thresholds[p] || d < thresholds[q]) {
        if (size == distances.length) {
          distances = java.util.Arrays.copyOf(distances, 2 * size);
          pairs = java.util.Arrays.copyOf(pairs, 4 * size);
        }
        pairs[2 * size] = p;
        pairs[2 * size + 1] = q;
        distances[size++] = d;
      }
    }
  }
}
