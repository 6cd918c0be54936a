package dev.embedkit.eval.cli;

import dev.embedkit.eval.data.BeirDataset;
import dev.embedkit.eval.task.RetrievalTask;
import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code embedkit eval retrieval}: nDCG, MAP, recall and MRR on a BEIR-layout dataset. */
@Command(name = "retrieval", mixinStandardHelpOptions = true,
    description = "Dense retrieval on a BEIR folder (corpus.jsonl, queries.jsonl, qrels/SPLIT.tsv): nDCG@k, MAP@k, Recall@k, MRR@10 (x100).")
public final class RetrievalCommand implements Callable<Integer> {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "DIR", description = "BEIR dataset folder.")
  Path data;

  @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT", description = "qrels split (default: test).")
  String split;

  @Option(names = "--metric", defaultValue = "cosine", paramLabel = "METRIC", description = "cosine, dot, euclidean, manhattan (default: cosine).")
  String metric;

  @Option(names = "--query-prompt", paramLabel = "TEXT", description = "Prompt for queries (default: as MTEB uses for the model).")
  String queryPrompt;

  @Option(names = "--document-prompt", paramLabel = "TEXT", description = "Prompt for documents (default: as MTEB uses for the model).")
  String documentPrompt;

  @Option(names = "--ignore-identical-ids", description = "Drop retrieved documents whose id equals the query id (BEIR's default; MTEB keeps them).")
  boolean ignoreIdenticalIds;

  @Mixin
  RunOptions options;

  @Override
  public Integer call() {
    Metric parsed = Metric.fromString(metric);
    BeirDataset dataset = BeirDataset.read(data, split);
    return options.run(new RetrievalTask(dataset, parsed, ignoreIdenticalIds, queryPrompt, documentPrompt),
        spec.commandLine().getOut(), spec.commandLine().getErr());
  }
}
