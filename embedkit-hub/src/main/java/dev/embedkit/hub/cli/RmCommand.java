package dev.embedkit.hub.cli;

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
    description = "Remove cached models: a repo id or alias (from the hub cache) or a built-in pack name.")
public final class RmCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "NAME", description = "Repo id, alias or pack name")
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
    for (String name : names) {
      HubCatalog.Removed removed = catalog.remove(name);
      out.println("removed " + removed.name() + " (" + dev.embedkit.progress.ByteSize.human(removed.bytesFreed()) + ")");
    }
    out.flush();
    return 0;
  }
}
