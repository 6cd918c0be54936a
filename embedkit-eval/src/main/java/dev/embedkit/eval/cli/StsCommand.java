package dev.embedkit.eval.cli;

import dev.embedkit.eval.data.StsPairs;
import dev.embedkit.eval.task.StsTask;
import dev.embedkit.input.ColumnRef;
import dev.embedkit.input.HeaderMode;
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

  @Option(names = "--sentence1-column", paramLabel = "COL",
      description = "Column name or number from 1 (default: the column named sentence1, else 1).")
  String sentence1;

  @Option(names = "--sentence2-column", paramLabel = "COL",
      description = "Column name or number from 1 (default: the column named sentence2, else 2).")
  String sentence2;

  @Option(names = "--score-column", paramLabel = "COL", description = "Column name or number from 1 (default: the column named score, else 3).")
  String score;

  @Option(names = "--header", negatable = true,
      description = "Whether the first row is a header. Default: it is when a column is given by name, or the row holds "
          + "sentence1, sentence2 or score, or its score is not a number.")
  Boolean header;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt for both sentences (default: as MTEB uses for the model).")
  String prompt;

  @Mixin
  RunOptions options;

  private static ColumnRef column(String value, String option) {
    return value == null ? null : ColumnRef.parse(value, option);
  }

  @Override
  public Integer call() {
    StsPairs pairs = StsPairs.read(data, column(sentence1, "--sentence1-column"), column(sentence2, "--sentence2-column"),
        column(score, "--score-column"), HeaderMode.of(header));
    return options.run(new StsTask(pairs, prompt), spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
