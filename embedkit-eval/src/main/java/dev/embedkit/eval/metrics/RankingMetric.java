package dev.embedkit.eval.metrics;

import java.util.List;
import java.util.Map;

/**
 * Per-query retrieval metrics with trec_eval's definitions, as pytrec_eval computes them for BEIR and MTEB. A document
 * is relevant when its judgement is at least 1; unjudged documents count as 0.
 *
 * <ul>
 *   <li>{@code ndcg_cut_k}: DCG of the top k with gain = the judgement and discount log2(rank + 1), divided by the DCG of
 *       the ideal ranking of all judged documents (from the qrels, not from what was retrieved).
 *   <li>{@code map_cut_k}: sum of precision at the rank of each relevant document in the top k, divided by the number
 *       of relevant documents in the qrels.
 *   <li>{@code recall_k}: relevant documents in the top k over relevant documents in the qrels.
 *   <li>{@code P_k}: relevant documents in the top k over k.
 *   <li>MRR@k (BEIR's and MTEB's own code, not trec_eval): 1 / rank of the first relevant document in the top k, else 0.
 * </ul>
 *
 * A query without relevant documents scores 0 on every metric.
 */
public enum RankingMetric {
  NDCG("ndcg") {
    @Override
    public double score(List<String> ranked, Map<String, Integer> judgements, int k) {
      double dcg = 0;
      for (int i = 0; i < Math.min(k, ranked.size()); i++) {
        int gain = judgements.getOrDefault(ranked.get(i), 0);
        if (gain > 0) {
          dcg += gain / log2(i + 2);
        }
      }
      int[] ideal = judgements.values().stream().filter(g -> g > 0).sorted((a, b) -> b - a).mapToInt(Integer::intValue).toArray();
      double idcg = 0;
      for (int i = 0; i < Math.min(k, ideal.length); i++) {
        idcg += ideal[i] / log2(i + 2);
      }
      return idcg == 0 ? 0 : dcg / idcg;
    }
  },
  MAP("map") {
    @Override
    public double score(List<String> ranked, Map<String, Integer> judgements, int k) {
      long relevant = relevantCount(judgements);
      if (relevant == 0) {
        return 0;
      }
      double sum = 0;
      int hits = 0;
      for (int i = 0; i < Math.min(k, ranked.size()); i++) {
        if (judgements.getOrDefault(ranked.get(i), 0) > 0) {
          hits++;
          sum += hits / (double) (i + 1);
        }
      }
      return sum / relevant;
    }
  },
  RECALL("recall") {
    @Override
    public double score(List<String> ranked, Map<String, Integer> judgements, int k) {
      long relevant = relevantCount(judgements);
      return relevant == 0 ? 0 : hitsInTop(ranked, judgements, k) / (double) relevant;
    }
  },
  PRECISION("precision") {
    @Override
    public double score(List<String> ranked, Map<String, Integer> judgements, int k) {
      return hitsInTop(ranked, judgements, k) / (double) k;
    }
  },
  MRR("mrr") {
    @Override
    public double score(List<String> ranked, Map<String, Integer> judgements, int k) {
      for (int i = 0; i < Math.min(k, ranked.size()); i++) {
        if (judgements.getOrDefault(ranked.get(i), 0) > 0) {
          return 1.0 / (i + 1);
        }
      }
      return 0;
    }
  };

  private final String label;

  RankingMetric(String label) {
    this.label = label;
  }

  /**
   * The metric for one query.
   *
   * @param ranked retrieved document ids, best first
   * @param judgements the query's qrels: document id to relevance grade
   * @param k cut-off
   */
  public abstract double score(List<String> ranked, Map<String, Integer> judgements, int k);

  /** The name in reports, with the cut-off: "ndcg@10". */
  public String label(int k) {
    return label + "@" + k;
  }

  static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  static long relevantCount(Map<String, Integer> judgements) {
    return judgements.values().stream().filter(g -> g > 0).count();
  }

  static int hitsInTop(List<String> ranked, Map<String, Integer> judgements, int k) {
    int hits = 0;
    for (int i = 0; i < Math.min(k, ranked.size()); i++) {
      if (judgements.getOrDefault(ranked.get(i), 0) > 0) {
        hits++;
      }
    }
    return hits;
  }
}
