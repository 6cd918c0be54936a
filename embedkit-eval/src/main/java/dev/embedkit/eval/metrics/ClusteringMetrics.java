package dev.embedkit.eval.metrics;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Homogeneity, completeness and V-measure of a clustering against true classes (Rosenberg and Hirschberg 2007; the
 * definitions of sklearn.metrics.homogeneity_completeness_v_measure with beta = 1, natural logarithms).
 *
 * @param homogeneity 1 - H(C|K) / H(C): each cluster holds one class (1 when there is one class)
 * @param completeness 1 - H(K|C) / H(K): each class sits in one cluster (1 when there is one cluster)
 * @param vMeasure their harmonic mean (0 when both are 0)
 */
public record ClusteringMetrics(double homogeneity, double completeness, double vMeasure) {

  public static <C, K> ClusteringMetrics of(List<C> classes, List<K> clusters) {
    if (classes.size() != clusters.size()) {
      throw new IllegalArgumentException("classes and clusters differ in length: " + classes.size() + " != " + clusters.size());
    }
    if (classes.isEmpty()) {
      throw new IllegalArgumentException("no items to score");
    }
    int n = classes.size();
    Map<C, Integer> classCounts = new HashMap<>();
    Map<K, Integer> clusterCounts = new HashMap<>();
    Map<List<Object>, Integer> joint = new HashMap<>();
    for (int i = 0; i < n; i++) {
      classCounts.merge(classes.get(i), 1, Integer::sum);
      clusterCounts.merge(clusters.get(i), 1, Integer::sum);
      joint.merge(List.of(classes.get(i), clusters.get(i)), 1, Integer::sum);
    }
    double hClasses = entropy(classCounts, n);
    double hClusters = entropy(clusterCounts, n);
    double hClassGivenCluster = 0;
    double hClusterGivenClass = 0;
    for (Map.Entry<List<Object>, Integer> cell : joint.entrySet()) {
      double nck = cell.getValue();
      int clusterSize = clusterCounts.get(cell.getKey().get(1));
      int classSize = classCounts.get(cell.getKey().get(0));
      hClassGivenCluster -= nck / n * Math.log(nck / clusterSize);
      hClusterGivenClass -= nck / n * Math.log(nck / classSize);
    }
    double homogeneity = hClasses == 0 ? 1.0 : 1.0 - hClassGivenCluster / hClasses;
    double completeness = hClusters == 0 ? 1.0 : 1.0 - hClusterGivenClass / hClusters;
    double v = homogeneity + completeness == 0 ? 0 : 2 * homogeneity * completeness / (homogeneity + completeness);
    return new ClusteringMetrics(homogeneity, completeness, v);
  }

  private static double entropy(Map<?, Integer> counts, int n) {
    double h = 0;
    for (int count : counts.values()) {
      double p = count / (double) n;
      h -= p * Math.log(p);
    }
    return h;
  }
}
