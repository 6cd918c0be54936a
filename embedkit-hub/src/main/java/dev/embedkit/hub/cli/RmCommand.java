package dev.embedkit.hub.cli;

import dev.embedkit.EmbedkitException;
import java.util.ArrayList;
import dev.embedkit.hub.HubCatalog;
import dev.embedkit.hub.HubSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embedkit models rm NAME...}: delete cached models (hub repos, their folders, or extracted packs). */
@Command(name = "rm", mixinStandardHelpOptions = true,
    description = {"Remove models from disk and say what each removal deleted.",
        "A repo id or alias (ORG/NAME, mxbai-embed-large) removes its snapshots and blobs from the Hugging Face cache,"
        + " and its folders under $EMBEDKIT_HOME/models.",
        "A built-in pack name (all-minilm-l6-v2, or the alias all-minilm) removes the pack's extracted copy under"
        + " $EMBEDKIT_HOME/packs, which is extracted again from its jar on next use.",
        "A name with nothing to remove fails with the list of what can be removed."})
public final class RmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "NAME", description = "Repo id, alias or built-in pack name")
  List<String> names;

  private final Supplier<HubSettings> settings;

  public RmCommand() {
    this(HubCommandSupport.fromEnvironment());
  }

  public RmCommand(Supplier<HubSettings> settings) {
    this.settings = settings;
  }

  @Override
  public Integer call() {
    HubCatalog catalog = new HubCatalog(settings.get());
    PrintWriter out = spec.commandLine().getOut();
    // every name is tried: 'rm a b c' removes what it can, then fails with one line per name it could not remove
    List<EmbedkitException> failures = new ArrayList<>();
    for (String name : names) {
      try {
        out.println(catalog.remove(name).describe());
      } catch (EmbedkitException e) {
        failures.add(e);
      }
    }
    out.flush();
    if (failures.isEmpty()) {
      return 0;
    }
    for (EmbedkitException e : failures.subList(0, failures.size() - 1)) {
      spec.commandLine().getErr().println("embedkit: " + e.getMessage());
    }
    throw failures.get(failures.size() - 1);
  }
}
