package dev.embedkit.store.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code embedkit collection}: create, list, inspect, compact, export and drop collections. */
@Command(
    name = "collection",
    mixinStandardHelpOptions = true,
    description = "Manage collections: documents with their vectors on disk (Lucene), searched by meaning with "
        + "'embedkit search' and filled with 'embedkit index'.",
    subcommands = {CollectionCreateCommand.class, CollectionListCommand.class, CollectionInfoCommand.class,
        CollectionCompactCommand.class, CollectionExportCommand.class, CollectionDropCommand.class,
        CommandLine.HelpCommand.class})
public final class CollectionCommand implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
