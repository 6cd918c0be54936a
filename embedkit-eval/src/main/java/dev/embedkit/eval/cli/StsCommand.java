package dev.embedkit.eval.cli;

import dev.embedkit.eval.data.Column;
import dev.embedkit.eval.data.StsPairs;
import dev.embedkit.eval.task.StsTask;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embedkit eval sts}: Spearman and Pearson of embedding similarity against gold scores. */
@Command(name = "sts", mixinStandardHelpOptions = true,
    description = "Semantic similarity: Spearman/Pearson (x100) of cosine, dot and negative distances against gold scores.")
public final class StsCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV or TSV of sentence pairs with gold scores.")
  Path data;

  @Option(names = "--sentence1-column", defaultValue = "0", paramLabel = "COL", description = "Index (0-based) or header name (default: 0).")
  String sentence1;

  @Option(names = "--sentence2-column", defaultValue = "1", paramLabel = "COL", description = "Index (0-based) or header name (default: 1).")
  String sentence2;

  @Option(names = "--score-column", defaultValue = "2", paramLabel = "COL", description = "Index (0-based) or header name (default: 2).")
  String score;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt for both sentences (default: as MTEB uses for the model).")
  String prompt;

  @Mixin
  RunOptions options;

  @Override
  public Integer call() {
    StsPairs pairs = StsPairs.read(data, Column.parse(sentence1), Column.parse(sentence2), Column.parse(score));
    return options.run(new StsTask(pairs, prompt), spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
