package dev.embedkit.explore.cluster;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The most typical members of each cluster: those with the highest cosine to the cluster's mean direction (the
 * normalised sum of its unit vectors), most central first; equal cosines keep index order. Noise is skipped.
 *
 * <pre>{@code
 * Map<Integer, List<Integer>> examples = CentralMembers.of(unitVectors, clusters.labels(), 3);
 * }</pre>
 */
public final class CentralMembers {
  private CentralMembers() {}

  /** Up to {@code count} members per cluster, keyed by cluster label in ascending order. */
  public static Map<Integer, List<Integer>> of(float[][] unit, int[] labels, int count) {
    if (unit.length != labels.length) {
      throw new IllegalArgumentException("vectors and labels differ in length: " + unit.length + " != " + labels.length);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive; count=" + count);
    }
    Map<Integer, List<Integer>> members = new java.util.TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] != Clusters.NOISE) {
        members.computeIfAbsent(labels[i], key -> new ArrayList<>()).add(i);
      }
    }
    Map<Integer, List<Integer>> out = new LinkedHashMap<>();
    for (Map.Entry<Integer, List<Integer>> entry : members.entrySet()) {
      List<Integer> group = entry.getValue();
      int dims = unit[group.get(0)].length;
      double[] mean = new double[dims];
      for (int i : group) {
        for (int d = 0; d < dims; d++) {
          mean[d] += unit[i][d];
        }
      }
      // cosine to the mean = dot / |mean| for unit members; |mean| is common to the cluster, so rank by dot
      double[] score = new double[group.size()];
      for (int g = 0; g < group.size(); g++) {
        float[] v = unit[group.get(g)];
        for (int d = 0; d < dims; d++) {
          score[g] += v[d] * mean[d];
        }
      }
      List<Integer> positions = new ArrayList<>(java.util.stream.IntStream.range(0, group.size()).boxed().toList());
      positions.sort((a, b) -> score[a] != score[b] ? Double.compare(score[b], score[a]) : Integer.compare(a, b));
      List<Integer> ranked = positions.stream().limit(count).map(group::get).toList();
      out.put(entry.getKey(), ranked);
    }
    return out;
  }
}
