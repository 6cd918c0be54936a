package dev.embedkit.explore.mine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups of near-identical inputs: {@link ParaphraseMining} pairs scoring at least a threshold, joined into connected
 * components (union-find), largest group first, then by first member.
 *
 * <pre>{@code
 * for (DuplicateGroup group : NearDuplicates.find(unitVectors)) {
 *   System.out.println(texts.get(group.representative()) + " x" + group.size());
 * }
 * }</pre>
 */
public final class NearDuplicates {
  /**
   * 0.95: with sentence embeddings such as MiniLM, copies that differ in case, punctuation or a word score about
   * 0.95-0.99 while true paraphrases mostly score 0.8-0.93, so 0.95 catches copies without merging paraphrases.
   */
  public static final double DEFAULT_THRESHOLD = 0.95;
  /** Links per input per corpus chunk: a group larger than this is still joined through chains of links. */
  public static final int DEFAULT_TOP_K = MiningOptions.DEFAULT_TOP_K;

  private NearDuplicates() {}

  public static List<DuplicateGroup> find(float[][] unit) {
    return find(unit, DEFAULT_THRESHOLD, DEFAULT_TOP_K);
  }

  public static List<DuplicateGroup> find(float[][] unit, double threshold, int topK) {
    if (!(threshold >= -1 && threshold <= 1)) {
      throw new IllegalArgumentException("threshold must be a cosine in [-1, 1]; threshold=" + threshold);
    }
    // no maxPairs cap: the threshold already bounds the pairs, and a cap would silently split large groups
    MiningOptions options = MiningOptions.DEFAULT.withTopK(topK).withThreshold(threshold).withMaxPairs(Integer.MAX_VALUE);
    List<ScoredPair> pairs = ParaphraseMining.mine(unit, options);
    int n = unit.length;
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (ScoredPair pair : pairs) {
      int a = find(parent, pair.first());
      int b = find(parent, pair.second());
      if (a != b) {
        parent[Math.max(a, b)] = Math.min(a, b); // the smallest index is each component's root
      }
    }
    float[] min = new float[n];
    float[] max = new float[n];
    Arrays.fill(min, Float.POSITIVE_INFINITY);
    Arrays.fill(max, Float.NEGATIVE_INFINITY);
    for (ScoredPair pair : pairs) {
      int root = find(parent, pair.first());
      min[root] = Math.min(min[root], pair.score());
      max[root] = Math.max(max[root], pair.score());
    }
    int[] size = new int[n];
    for (int i = 0; i < n; i++) {
      size[find(parent, i)]++;
    }
    int[][] members = new int[n][];
    int[] filled = new int[n];
    for (int i = 0; i < n; i++) {
      int root = find(parent, i);
      if (size[root] > 1) {
        if (members[root] == null) {
          members[root] = new int[size[root]];
        }
        members[root][filled[root]++] = i; // ascending, as i ascends
      }
    }
    List<DuplicateGroup> groups = new ArrayList<>();
    for (int root = 0; root < n; root++) {
      if (members[root] != null) {
        groups.add(new DuplicateGroup(members[root], representative(unit, members[root]), min[root], max[root]));
      }
    }
    groups.sort(Comparator.comparingInt((DuplicateGroup g) -> -g.size()).thenComparingInt(g -> g.members()[0]));
    return groups;
  }

  /**
   * The member with the highest mean similarity to the others, from the members' sum vector (O(size * d), not
   * O(size^2 * d)): mean(i) = (dot(v_i, sum) - dot(v_i, v_i)) / (size - 1).
   */
  private static int representative(float[][] unit, int[] members) {
    int dims = unit[0].length;
    double[] sum = new double[dims];
    for (int m : members) {
      for (int d = 0; d < dims; d++) {
        sum[d] += unit[m][d];
      }
    }
    int best = members[0];
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int m : members) {
      double toSum = 0;
      double self = 0;
      for (int d = 0; d < dims; d++) {
        toSum += unit[m][d] * sum[d];
        self += (double) unit[m][d] * unit[m][d];
      }
      double score = toSum - self;
      if (score > bestScore) {
        bestScore = score;
        best = m;
      }
    }
    return best;
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }
}
