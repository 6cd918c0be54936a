package dev.embedkit.eval.task;

import dev.embedkit.eval.data.BeirDataset;
import dev.embedkit.eval.embed.ModelRun;
import dev.embedkit.eval.embed.PromptPlan;
import dev.embedkit.eval.metrics.RankingMetric;
import dev.embedkit.vector.Metric;
import dev.embedkit.vector.Neighbor;
import dev.embedkit.vector.Similarity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Dense retrieval on a BEIR dataset as MTEB runs it: embed queries and documents with the model's prompts, exact
 * top-100 search with the chosen metric (core's {@link Similarity#topK}), then trec_eval metrics averaged over the
 * judged queries: nDCG@1/3/5/10/100, MAP@10/100, Recall@10/100, P@10 and MRR@10 (x100).
 */
public final class RetrievalTask implements EvalTask {
  static final int TOP_K = 100;
  static final int[] NDCG_CUTS = {1, 3, 5, 10, 100};
  static final int[] CUTS = {10, 100};

  private final BeirDataset data;
  private final Metric metric;
  private final boolean ignoreIdenticalIds;
  private final String queryPrompt;
  private final String documentPrompt;

  /**
   * @param ignoreIdenticalIds drop a retrieved document whose id equals the query's (BEIR's default; MTEB's is off)
   * @param queryPrompt prompt for queries, or null for the model's MTEB prompt
   * @param documentPrompt prompt for documents, or null for the model's MTEB prompt
   */
  public RetrievalTask(BeirDataset data, Metric metric, boolean ignoreIdenticalIds, String queryPrompt, String documentPrompt) {
    this.data = data;
    this.metric = metric;
    this.ignoreIdenticalIds = ignoreIdenticalIds;
    this.queryPrompt = queryPrompt;
    this.documentPrompt = documentPrompt;
  }

  @Override
  public String name() {
    return "retrieval";
  }

  @Override
  public String mainMetric() {
    return "ndcg@10";
  }

  @Override
  public List<String> notes() {
    List<String> notes = new ArrayList<>();
    notes.add("corpus: " + data.corpusIds().size() + " documents; judged queries: " + data.queryIds().size()
        + "; metric: " + dev.embedkit.Named.of(metric) + "; identical query/document ids "
        + (ignoreIdenticalIds ? "ignored" : "kept"));
    if (data.unknownQueryJudgements() > 0 || data.unknownDocumentJudgements() > 0) {
      notes.add("qrels with unknown ids: " + data.unknownQueryJudgements() + " name a query not in queries.jsonl (dropped), "
          + data.unknownDocumentJudgements() + " name a document not in corpus.jsonl (kept: relevant, never retrieved)");
    }
    return notes;
  }

  @Override
  public Scorer prepare(ModelRun run) {
    PromptPlan prompts = PromptPlan.forModel(run.name(), run.info()).with(queryPrompt, documentPrompt, null);
    List<float[]> queries = run.embed(data.queryTexts(), prompts.query(), "queries");
    List<float[]> documents = run.embed(data.corpusTexts(), prompts.document(), "corpus");
    return new Scorer() {
      @Override
      public Map<String, Double> score(UnaryOperator<List<float[]>> variant) {
        return scores(search(variant.apply(queries), variant.apply(documents)));
      }

      @Override
      public String prompts() {
        return "query '" + prompts.query() + "', document '" + prompts.document() + "'";
      }
    };
  }

  /** Ranked document ids per judged query. */
  List<List<String>> search(List<float[]> queries, List<float[]> documents) {
    List<List<String>> rankings = new ArrayList<>(queries.size());
    int k = Math.min(TOP_K + (ignoreIdenticalIds ? 1 : 0), documents.size());
    for (int q = 0; q < queries.size(); q++) {
      String queryId = data.queryIds().get(q);
      List<String> ranked = new ArrayList<>(k);
      for (Neighbor n : Similarity.topK(queries.get(q), documents, k, metric)) {
        String docId = data.corpusIds().get(n.index());
        if (!(ignoreIdenticalIds && docId.equals(queryId)) && ranked.size() < TOP_K) {
          ranked.add(docId);
        }
      }
      rankings.add(ranked);
    }
    return rankings;
  }

  /** Mean of each metric over the judged queries, x100. */
  Map<String, Double> scores(List<List<String>> rankings) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int cut : NDCG_CUTS) {
      out.put(RankingMetric.NDCG.label(cut), mean(RankingMetric.NDCG, cut, rankings));
    }
    for (RankingMetric m : List.of(RankingMetric.MAP, RankingMetric.RECALL)) {
      for (int cut : CUTS) {
        out.put(m.label(cut), mean(m, cut, rankings));
      }
    }
    out.put(RankingMetric.PRECISION.label(10), mean(RankingMetric.PRECISION, 10, rankings));
    out.put(RankingMetric.MRR.label(10), mean(RankingMetric.MRR, 10, rankings));
    return out;
  }

  private double mean(RankingMetric m, int cut, List<List<String>> rankings) {
    double sum = 0;
    for (int q = 0; q < rankings.size(); q++) {
      sum += m.score(rankings.get(q), data.qrels().get(data.queryIds().get(q)), cut);
    }
    return 100 * sum / rankings.size();
  }
}
