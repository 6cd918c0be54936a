package dev.embedkit.eval.task;

import dev.embedkit.Named;
import dev.embedkit.eval.embed.EmbeddingCache;
import dev.embedkit.eval.embed.ModelRun;
import dev.embedkit.progress.ProgressBar;
import dev.embedkit.eval.report.EvalReport;
import dev.embedkit.eval.report.VariantResult;
import dev.embedkit.quant.Precision;
import dev.embedkit.model.Quantize;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Runs a task over models x precisions x dimensions. Each model embeds the data once (float32, full dimensions,
 * cached); the other variants are derived from those vectors. The report exists only when every variant finished.
 *
 * @param models model names or paths
 * @param precisions output precisions to score
 * @param dimensions dimension counts to score; a null element means the model's full dimensions
 */
public record Evaluation(List<String> models, List<Precision> precisions, List<Integer> dimensions, Quantize quantize) {

  public Evaluation(List<String> models, List<Precision> precisions, List<Integer> dimensions) {
    this(models, precisions, dimensions, Quantize.NONE);
  }

  public Evaluation {
    if (models.isEmpty()) {
      throw new IllegalArgumentException("no models to evaluate");
    }
    models = List.copyOf(new LinkedHashSet<>(models));
    precisions = List.copyOf(new LinkedHashSet<>(precisions.isEmpty() ? List.of(Precision.FLOAT32) : precisions));
    List<Integer> dims = new ArrayList<>(dimensions.isEmpty() ? java.util.Collections.singletonList(null) : dimensions);
    dimensions = java.util.Collections.unmodifiableList(dims);
    quantize = quantize == null ? Quantize.NONE : quantize;
  }

  public EvalReport run(EvalTask task, EmbeddingCache cache, ProgressBar progress) {
    List<VariantResult> results = new ArrayList<>();
    List<String> notes = new ArrayList<>(task.notes());
    for (String name : models) {
      try (ModelRun run = ModelRun.open(name, quantize, cache, progress, task.name())) {
        List<Integer> resolved = new ArrayList<>();
        dimensions.forEach(d -> resolved.add(run.dimensions(d))); // check every size before any inference
        EvalTask.Scorer scorer = task.prepare(run);
        notes.add("prompts for " + name + ": " + scorer.prompts());
        for (Precision precision : precisions) {
          for (int dims : new LinkedHashSet<>(resolved)) {
            results.add(new VariantResult(quantize == Quantize.NONE ? name : name + " (" + Named.of(quantize) + ")",
                Named.of(precision), dims,
                scorer.score(full -> run.variant(full, dims, precision))));
          }
        }
      }
    }
    return new EvalReport(task.name(), task.mainMetric(), results, notes);
  }
}
