package dev.embedkit.eval.cli;

import dev.embedkit.eval.data.LabelledTexts;
import dev.embedkit.eval.task.ClassificationTask;
import dev.embedkit.eval.task.ClassifierKind;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embedkit eval classification}: accuracy and macro-F1 of a classifier trained on embeddings. */
@Command(name = "classification", mixinStandardHelpOptions = true,
    description = "Train a classifier on embeddings of labelled texts (CSV/TSV/JSONL) and report accuracy and macro-F1 (x100).")
public final class ClassificationCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "Labelled texts (training set, or everything with --test-fraction).")
  Path data;

  @Option(names = "--test-data", paramLabel = "FILE", description = "Labelled test texts; without it a seeded split of --data is used.")
  Path testData;

  @Option(names = "--test-fraction", defaultValue = "0.2", paramLabel = "F", description = "Share of --data held out for testing (default: 0.2).")
  double testFraction;

  @Option(names = "--seed", defaultValue = "42", description = "Seed of the split (default: 42).")
  long seed;

  @Mixin
  LabelledColumns columns;

  @Option(names = "--classifier", defaultValue = "logreg", paramLabel = "KIND", description = "logreg or knn (default: logreg).")
  String classifier;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt for every text (default: as MTEB uses for the model).")
  String prompt;

  @Mixin
  RunOptions options;

  @Override
  public Integer call() {
    ClassifierKind kind = ClassifierKind.fromString(classifier);
    LabelledTexts train = columns.read(data);
    ClassificationTask task = testData != null
        ? ClassificationTask.withTestSet(train, columns.read(testData), kind, prompt)
        : ClassificationTask.split(train, testFraction, seed, kind, prompt);
    return options.run(task, spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
