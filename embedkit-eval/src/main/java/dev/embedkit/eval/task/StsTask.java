package dev.embedkit.eval.task;

import dev.embedkit.eval.data.StsPairs;
import dev.embedkit.eval.embed.ModelRun;
import dev.embedkit.eval.embed.PromptPlan;
import dev.embedkit.eval.metrics.Correlation;
import dev.embedkit.vector.Metric;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Semantic textual similarity as MTEB's STSEvaluator scores it: Spearman and Pearson correlation (x100) between the
 * gold scores and the cosine similarity of the two sentences' embeddings ("spearman", "pearson": MTEB's main score is
 * cosine Spearman), and the same for dot product, and for negated Euclidean and Manhattan distances.
 */
public final class StsTask implements EvalTask {
  private final StsPairs pairs;
  private final String promptOverride;

  /**
   * @param promptOverride prompt for both sentences, or null for the model's MTEB prompt ({@link PromptPlan})
   */
  public StsTask(StsPairs pairs, String promptOverride) {
    this.pairs = pairs;
    this.promptOverride = promptOverride;
  }

  @Override
  public String name() {
    return "sts";
  }

  @Override
  public String mainMetric() {
    return "spearman";
  }

  @Override
  public List<String> notes() {
    return List.of("pairs: " + pairs.size());
  }

  @Override
  public Scorer prepare(ModelRun run) {
    List<String> unique = new ArrayList<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    int[] left = new int[pairs.size()];
    int[] right = new int[pairs.size()];
    for (int i = 0; i < pairs.size(); i++) {
      left[i] = index.computeIfAbsent(pairs.sentences1().get(i), s -> add(unique, s));
      right[i] = index.computeIfAbsent(pairs.sentences2().get(i), s -> add(unique, s));
    }
    String prompt = PromptPlan.forModel(run.name(), run.info()).with(null, null, promptOverride).symmetric();
    List<float[]> full = run.embed(unique, prompt, "sentences");
    return new Scorer() {
      @Override
      public Map<String, Double> score(java.util.function.UnaryOperator<List<float[]>> variant) {
        return scores(variant.apply(full), left, right, pairs.scores());
      }

      @Override
      public String prompts() {
        return "both sentences '" + prompt + "'";
      }
    };
  }

  /** The correlations for embeddings of the unique sentences, pairs given as indices into them. */
  static Map<String, Double> scores(List<float[]> vectors, int[] left, int[] right, double[] gold) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Metric metric : Metric.values()) {
      double[] predicted = new double[gold.length];
      for (int i = 0; i < gold.length; i++) {
        float value = metric.compute(vectors.get(left[i]), vectors.get(right[i]));
        predicted[i] = metric.isSimilarity() ? value : -value; // MTEB: negative distances
      }
      String prefix = metric == Metric.COSINE ? "" : dev.embedkit.Named.of(metric) + "_";
      out.put(prefix + "spearman", 100 * Correlation.spearman(gold, predicted));
      out.put(prefix + "pearson", 100 * Correlation.pearson(gold, predicted));
    }
    return out;
  }

  private static int add(List<String> unique, String s) {
    unique.add(s);
    return unique.size() - 1;
  }
}
