package dev.embedkit.hub.cli;

import dev.embedkit.progress.ByteSize;
import dev.embedkit.progress.ProgressMode;
import dev.embedkit.hub.HubPuller;
import dev.embedkit.hub.HubSettings;
import dev.embedkit.hub.ModelRef;
import dev.embedkit.hub.PulledModel;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embedkit models pull ID[:VARIANT][@REVISION] [--variant V] [--offline]}. */
@Command(name = "pull", mixinStandardHelpOptions = true,
    description = {"Download a model from the Hugging Face Hub (or HF_ENDPOINT) into the hub cache.",
        "ID is a repo id (mixedbread-ai/mxbai-embed-large-v1), an alias (mxbai-embed-large) or a built-in pack name."},
    footer = {"", "Environment: HF_ENDPOINT (mirror), HF_TOKEN (gated/private repos), HF_HOME (cache at $HF_HOME/hub),",
        "HF_HUB_OFFLINE=1 (never touch the network)."})
public final class PullCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ID[@REVISION]", description = "Repo id or alias, optionally @branch/tag/commit")
  String id;

  @Option(names = "--variant", paramLabel = "V",
      description = "ONNX variant: quantized, int8, uint8, fp16, q4, ... or a file such as onnx/model_int8.onnx")
  String variant;

  @Option(names = "--offline", description = "Do not touch the network; succeed only if the model is cached")
  boolean offline;

  @Option(names = "--progress", negatable = true, description = {"--progress: a live bar on stderr; --no-progress: none.",
      "Default: the live bar when stderr is a terminal, else a plain line at each 25%% and every 10 s, and one per file when done."})
  Boolean progress;

  private final Supplier<HubSettings> settings;

  public PullCommand() {
    this(HubCommandSupport.fromEnvironment());
  }

  public PullCommand(Supplier<HubSettings> settings) {
    this.settings = settings;
  }

  @Override
  public Integer call() {
    HubSettings s = settings.get();
    if (offline) {
      s = s.withOffline(true);
    }
    if (progress != null) {
      s = s.withProgress(ProgressMode.requested(progress));
    }
    PrintWriter out = spec.commandLine().getOut();
    PulledModel model = new HubPuller(s, spec.commandLine().getErr()).pull(ModelRef.parse(id, variant));
    if (model.isBuiltInPack()) {
      // Not a hub model: say so, or the pack's Maven coordinates read like a commit of the repo.
      out.printf(Locale.ROOT, "%s: built-in pack %s (%s, from %s), %s; nothing downloaded from the hub%n", model.name(),
          model.builtInPack(), model.repo(), model.commit(), ByteSize.human(model.sizeBytes()));
    } else {
      out.printf(Locale.ROOT, "%s: %s @ %s, %d files, %s (%s downloaded)%n", model.name(), model.repo(), model.commit(),
          model.files().files().size(), ByteSize.human(model.sizeBytes()), ByteSize.human(model.downloadedBytes()));
    }
    out.println(model.folder());
    out.flush();
    return 0;
  }

}
