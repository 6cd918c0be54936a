package dev.embedkit.explore.cluster;

import dev.embedkit.explore.mine.Similarities;
import dev.embedkit.vector.VectorMath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Fast community detection with the semantics of sentence-transformers' {@code util.community_detection} (v5,
 * retrieval.py): inputs are normalised; a point whose minCommunitySize-th best cosine (itself included) reaches the
 * threshold seeds a community of every point with cosine >= threshold, most similar first; communities are sorted by
 * size (stable, so equal sizes keep point order); then each point stays only in the first community that keeps it,
 * and a community left with fewer than minCommunitySize points is dropped (its points stay free for later ones).
 *
 * <p>Where versions differ: the CPU branch of sentence-transformers grows a top-k window while its last value is
 * strictly above the threshold, so a tie exactly at the threshold on the window's edge can be cut; the CUDA branch
 * and this class take every point >= threshold. Equal cosines within a community are ordered by index (torch leaves
 * them unspecified). Like sentence-transformers the threshold is compared in float32.
 *
 * <p>Scores are computed {@link #BATCH_SIZE} rows at a time (rows in parallel), never as an n x n matrix.
 *
 * <pre>{@code
 * List<int[]> communities = CommunityDetection.detect(unitVectors, 0.75, 10); // communities.get(0)[0] is central
 * Clusters clusters = CommunityDetection.asClusters(unitVectors.length, communities);
 * }</pre>
 */
public final class CommunityDetection {
  public static final double DEFAULT_THRESHOLD = 0.75;
  public static final int DEFAULT_MIN_COMMUNITY_SIZE = 10;
  public static final int BATCH_SIZE = 1024;
  private static final int ROWS_PER_TASK = 16;

  private CommunityDetection() {}

  public static List<int[]> detect(float[][] vectors) {
    return detect(vectors, DEFAULT_THRESHOLD, DEFAULT_MIN_COMMUNITY_SIZE);
  }

  public static List<int[]> detect(float[][] vectors, double threshold, int minCommunitySize) {
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must be a number; threshold=NaN");
    }
    if (minCommunitySize < 1) {
      throw new IllegalArgumentException("minCommunitySize must be positive; minCommunitySize=" + minCommunitySize);
    }
    int n = vectors.length;
    if (n == 0) {
      return List.of();
    }
    float[][] unit = normalised(vectors);
    int minSize = Math.min(minCommunitySize, n);
    float limit = (float) threshold;
    List<int[]> extracted = new ArrayList<>();
    for (int start = 0; start < n; start += BATCH_SIZE) {
      int end = Math.min(n, start + BATCH_SIZE);
      int[][] found = new int[end - start][];
      int batchStart = start;
      int tasks = (end - start + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
      IntStream.range(0, tasks).parallel().forEach(task -> {
        int[] rows = IntStream.range(batchStart + task * ROWS_PER_TASK, Math.min(end, batchStart + (task + 1) * ROWS_PER_TASK)).toArray();
        float[][] scores = new float[rows.length][n];
        Similarities.block(unit, rows, 0, n, scores);
        for (int r = 0; r < rows.length; r++) {
          found[rows[r] - batchStart] = community(scores[r], limit, minSize);
        }
      });
      for (int[] community : found) {
        if (community != null) {
          extracted.add(community);
        }
      }
    }
    // List.sort is stable, as Python's sorted: equal sizes keep the order of their seed points
    extracted.sort(Comparator.comparingInt((int[] c) -> -c.length));
    List<int[]> unique = new ArrayList<>();
    BitSet taken = new BitSet(n);
    for (int[] community : extracted) {
      int[] left = Arrays.stream(community).filter(i -> !taken.get(i)).toArray();
      if (left.length >= minSize) {
        unique.add(left);
        for (int i : left) {
          taken.set(i);
        }
      }
    }
    unique.sort(Comparator.comparingInt((int[] c) -> -c.length));
    return unique;
  }

  /**
   * Communities as {@link Clusters}: points in no community are {@link Clusters#NOISE}; clusters renumbered largest
   * first (communities never overlap, so each point has one label).
   */
  public static Clusters asClusters(int n, List<int[]> communities) {
    int[] labels = new int[n];
    Arrays.fill(labels, Clusters.NOISE);
    for (int c = 0; c < communities.size(); c++) {
      for (int i : communities.get(c)) {
        if (i < 0 || i >= n) {
          throw new IllegalArgumentException("community " + c + " names point " + i + " outside 0.." + (n - 1));
        }
        if (labels[i] != Clusters.NOISE) {
          throw new IllegalArgumentException("point " + i + " is in communities " + labels[i] + " and " + c);
        }
        labels[i] = c;
      }
    }
    return Clusters.ranked(labels);
  }

  /** The row's points with score >= limit, best first, or null when fewer than minSize reach it. */
  private static int[] community(float[] row, float limit, int minSize) {
    int count = 0;
    for (float s : row) {
      if (s >= limit) {
        count++;
      }
    }
    if (count < minSize) {
      return null;
    }
    Integer[] members = new Integer[count];
    int at = 0;
    for (int j = 0; j < row.length; j++) {
      if (row[j] >= limit) {
        members[at++] = j;
      }
    }
    Arrays.sort(members, (a, b) -> row[a] != row[b] ? (row[a] > row[b] ? -1 : 1) : Integer.compare(a, b));
    return Arrays.stream(members).mapToInt(Integer::intValue).toArray();
  }

  private static float[][] normalised(float[][] vectors) {
    int dims = vectors[0].length;
    float[][] out = new float[vectors.length][];
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i].length != dims) {
        throw new IllegalArgumentException("all vectors need " + dims + " dimensions; vector " + i + " has " + vectors[i].length);
      }
      out[i] = vectors[i].clone();
      VectorMath.normalizeInPlace(out[i]);
    }
    return out;
  }
}
