package dev.embedkit.hub.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.embedkit.EmbedkitException;
import dev.embedkit.hub.HubCatalog;
import dev.embedkit.hub.HubSettings;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit models list [--remote] [--format table|json]}: the hub cache's models and sizes, or with --remote the
 * aliases that can be pulled and roughly what each costs. (The CLI's own {@code models list} shows built-in packs;
 * it can call {@link HubCatalog} for these rows.)
 */
@Command(name = "list", mixinStandardHelpOptions = true,
    description = "List models in the Hugging Face cache, or with --remote the aliases that can be pulled.")
public final class ListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--remote", description = "List pullable aliases with approximate download sizes")
  boolean remote;

  @Option(names = "--format", defaultValue = "table", description = "table or json (default: ${DEFAULT-VALUE})")
  String format;

  private final Supplier<HubSettings> settings;

  public ListCommand() {
    this(HubCommandSupport.fromEnvironment());
  }

  public ListCommand(Supplier<HubSettings> settings) {
    this.settings = settings;
  }

  @Override
  public Integer call() throws Exception {
    if (!format.equals("table") && !format.equals("json")) {
      throw EmbedkitException.invalidInput("--format must be table or json; got " + format);
    }
    HubCatalog catalog = new HubCatalog(settings.get());
    PrintWriter out = spec.commandLine().getOut();
    List<?> rows = remote ? catalog.remote() : catalog.cached();
    if (format.equals("json")) {
      out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(rows));
    } else if (remote) {
      out.printf(Locale.ROOT, "%-18s %-38s %-11s %5s %-9s %10s  %s%n", "ALIAS", "REPO", "MODALITY", "DIM", "POOLING", "DOWNLOAD", "CACHED");
      for (HubCatalog.RemoteModel m : catalog.remote()) {
        out.printf(Locale.ROOT, "%-18s %-38s %-11s %5d %-9s %10s  %s%n", m.alias(), m.repo(), m.modality(), m.dimensions(),
            m.pooling(), "~" + PullCommand.human(m.approxDownloadBytes()), m.cached() ? "yes" : "no");
      }
    } else {
      out.printf(Locale.ROOT, "%-46s %10s  %-5s %s%n", "REPO", "SIZE", "ONNX", "REFS");
      for (HubCatalog.CachedModel m : catalog.cached()) {
        out.printf(Locale.ROOT, "%-46s %10s  %-5s %s%n", m.repo() + (m.alias() == null ? "" : " (" + m.alias() + ")"),
            PullCommand.human(m.sizeBytes()), m.hasOnnx() ? "yes" : "no", String.join(" ", m.refs()));
      }
    }
    out.flush();
    return 0;
  }
}
