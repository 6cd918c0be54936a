package dev.embedkit.eval.task;

import dev.embedkit.eval.embed.ModelRun;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** One kind of evaluation (STS, retrieval, ...) over one dataset. */
public interface EvalTask {
  /** "sts", "retrieval", ... */
  String name();

  /** The headline metric, charted and listed first ("spearman", "ndcg@10"). */
  String mainMetric();

  /** Facts about the dataset worth printing under the table (sizes, skipped judgements). */
  List<String> notes();

  /** Embeds what the task needs with one model (float32, full dimensions) and returns a scorer for its variants. */
  Scorer prepare(ModelRun run);

  /** Scores one variant: {@code variant} turns full float32 embeddings into the variant's vectors. */
  interface Scorer {
    /** Metric name to score x100, in report order. */
    Map<String, Double> score(UnaryOperator<List<float[]>> variant);

    /** The prompts used, for the notes ("query: 'query: ', document: 'passage: '"). */
    String prompts();
  }
}
