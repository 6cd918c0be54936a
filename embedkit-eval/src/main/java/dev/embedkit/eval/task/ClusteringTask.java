package dev.embedkit.eval.task;

import dev.embedkit.maths.KMeans;
import dev.embedkit.EmbedkitException;
import dev.embedkit.eval.data.LabelledTexts;
import dev.embedkit.eval.embed.ModelRun;
import dev.embedkit.eval.embed.PromptPlan;
import dev.embedkit.eval.metrics.ClusteringMetrics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Clustering on embeddings as MTEB scores it: k-means with k = the number of distinct labels (seeded k-means++), then
 * V-measure of the clusters against the labels, with homogeneity and completeness (x100).
 */
public final class ClusteringTask implements EvalTask {
  private final LabelledTexts data;
  private final long seed;
  private final String promptOverride;
  private final int k;

  public ClusteringTask(LabelledTexts data, long seed, String promptOverride) {
    this.k = new HashSet<>(data.labels()).size();
    if (k < 2) {
      throw EmbedkitException.invalidInput("clustering needs at least 2 distinct labels; the data has " + k);
    }
    this.data = data;
    this.seed = seed;
    this.promptOverride = promptOverride;
  }

  @Override
  public String name() {
    return "clustering";
  }

  @Override
  public String mainMetric() {
    return "v_measure";
  }

  @Override
  public List<String> notes() {
    return List.of("texts: " + data.size() + ", clusters (distinct labels): " + k + ", seed: " + seed);
  }

  @Override
  public Scorer prepare(ModelRun run) {
    String prompt = PromptPlan.forModel(run.name(), run.info()).with(null, null, promptOverride).symmetric();
    List<float[]> vectors = run.embed(data.texts(), prompt, "texts");
    return new Scorer() {
      @Override
      public Map<String, Double> score(UnaryOperator<List<float[]>> variant) {
        int[] clusters = KMeans.cluster(variant.apply(vectors), k, seed);
        List<Integer> assigned = new ArrayList<>();
        for (int c : clusters) {
          assigned.add(c);
        }
        ClusteringMetrics m = ClusteringMetrics.of(data.labels(), assigned);
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("v_measure", 100 * m.vMeasure());
        out.put("homogeneity", 100 * m.homogeneity());
        out.put("completeness", 100 * m.completeness());
        return out;
      }

      @Override
      public String prompts() {
        return "all texts '" + prompt + "'";
      }
    };
  }
}
