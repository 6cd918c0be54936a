package dev.embedkit.eval.report;

import java.util.List;

/**
 * A finished evaluation: one task, every variant's scores, and notes about the data (skipped judgements, prompts
 * used). Only complete runs make a report, so a table is never printed for a run that failed half way.
 *
 * @param task "sts", "retrieval", "classification", "clustering"
 * @param mainMetric the metric charts plot ("spearman", "ndcg@10", ...)
 * @param results one per (model, precision, dimensions)
 * @param notes lines printed under the text table
 */
public record EvalReport(String task, String mainMetric, List<VariantResult> results, List<String> notes) {
  public EvalReport {
    results = List.copyOf(results);
    notes = List.copyOf(notes);
  }
}
