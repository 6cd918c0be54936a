package dev.embedkit.eval.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code embedkit eval}: score models on benchmark or user data. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate models on STS, retrieval (BEIR), classification or clustering data: "
        + "several models, precisions and dimensions side by side.",
    subcommands = {StsCommand.class, RetrievalCommand.class, ClassificationCommand.class, ClusteringCommand.class,
        CommandLine.HelpCommand.class})
public final class EvalCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
