package dev.embedkit.eval.cli;

import dev.embedkit.eval.data.LabelledTexts;
import dev.embedkit.eval.task.ClusteringTask;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embedkit eval clustering}: V-measure of k-means clusters of embeddings against labels. */
@Command(name = "clustering", mixinStandardHelpOptions = true,
    description = "k-means on embeddings of labelled texts (k = number of labels) and V-measure against the labels (x100).")
public final class ClusteringCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled texts (CSV/TSV/JSONL).")
  Path data;

  @Mixin
  LabelledColumns columns;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of k-means++ (default: 42).")
  long seed;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt for every text (default: as MTEB uses for the model).")
  String prompt;

  @Mixin
  RunOptions options;

  @Override
  public Integer call() {
    LabelledTexts texts = columns.read(data);
    return options.run(new ClusteringTask(texts, seed, prompt), spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
