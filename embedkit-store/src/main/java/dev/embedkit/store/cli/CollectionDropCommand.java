package dev.embedkit.store.cli;

import dev.embedkit.store.EmbeddedCollections;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit collection drop NAME}: deletes a collection and its folder. Refused while another process has it
 * open for writing.
 */
@Command(name = "drop", mixinStandardHelpOptions = true,
    description = "Delete a collection: its documents, vectors and folder (cannot be undone; export it first to keep"
        + " it).")
public final class CollectionDropCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CollectionsOption location;

  @Parameters(paramLabel = "NAME", description = "The collection.")
  String name;

  @Override
  public Integer call() {
    EmbeddedCollections collections = location.withoutModels();
    collections.drop(name);
    PrintWriter out = spec.commandLine().getOut();
    out.println("dropped collection '" + name + "' (" + collections.folder(name) + ")");
    out.flush();
    return 0;
  }
}
