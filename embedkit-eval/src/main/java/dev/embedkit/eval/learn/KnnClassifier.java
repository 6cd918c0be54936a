package dev.embedkit.eval.learn;

import dev.embedkit.vector.Metric;
import dev.embedkit.vector.Neighbor;
import dev.embedkit.vector.Similarity;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * k-nearest-neighbour classification with exact search: the majority label among the k closest training vectors;
 * ties go to the label whose nearest member ranks highest.
 */
public final class KnnClassifier {
  public static final int DEFAULT_K = 5;
  private final List<float[]> train;
  private final List<String> labels;
  private final int k;
  private final Metric metric;

  public KnnClassifier(List<float[]> train, List<String> labels, int k, Metric metric) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive; k=" + k);
    }
    this.train = train;
    this.labels = labels;
    this.k = k;
    this.metric = metric;
  }

  public String predict(float[] vector) {
    List<Neighbor> neighbors = Similarity.topK(vector, train, k, metric);
    Map<String, Integer> votes = new HashMap<>();
    neighbors.forEach(n -> votes.merge(labels.get(n.index()), 1, Integer::sum));
    int best = votes.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    for (Neighbor n : neighbors) { // closest first: the first label with the top vote count wins
      String label = labels.get(n.index());
      if (votes.get(label) == best) {
        return label;
      }
    }
    throw new IllegalStateException("no neighbours");
  }
}
