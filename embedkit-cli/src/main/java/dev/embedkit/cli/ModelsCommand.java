package dev.embedkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.ModelInfo;
import dev.embedkit.Named;
import dev.embedkit.hub.HubCatalog;
import dev.embedkit.hub.HubSettings;
import dev.embedkit.hub.cli.PullCommand;
import dev.embedkit.hub.cli.RmCommand;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.ModelFacts;
import dev.embedkit.model.PackCache;
import dev.embedkit.model.Quantize;
import dev.embedkit.progress.ByteSize;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embedkit models}: what is available and what a model is. */
@Command(name = "models", mixinStandardHelpOptions = true,
    description = "List, inspect, pull (Hugging Face Hub) and remove models.",
    subcommands = {ModelsCommand.ListCommand.class, ModelsCommand.InfoCommand.class, PullCommand.class, RmCommand.class})
final class ModelsCommand {
  private static final ObjectMapper JSON = new ObjectMapper();

  enum Format { TABLE, JSON }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Built-in models and the Hugging Face cache; with --remote, the aliases that can be pulled.")
  static final class ListCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--format", defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--remote", description = "List the aliases that 'models pull' knows, with approximate download sizes.")
    boolean remote;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      PackCache cache = PackCache.standard();
      HubCatalog hub = new HubCatalog(HubSettings.fromEnvironment());
      if (remote) {
        printRemote(out, hub);
      } else if (format == Format.JSON) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        for (BuiltinPack pack : BuiltinPack.values()) {
          models.add(packJson(pack, cache));
        }
        ArrayNode cached = root.putArray("hub");
        hub.cached().forEach(m -> cached.add(JSON.valueToTree(m)));
        out.println(JSON.writeValueAsString(root));
      } else {
        out.printf("%-24s %-6s %5s %-6s %6s %-22s %9s  %s%n", "NAME", "WEIGHTS", "DIMS", "POOL", "TOKENS", "PROMPTS", "SIZE", "CACHED");
        for (BuiltinPack pack : BuiltinPack.values()) {
          ModelFacts facts = pack.facts();
          out.printf(Locale.ROOT, "%-24s %-7s %5d %-6s %6d %-22s %9s  %s%n", pack.packName(), pack.weights(), facts.dimensions(),
              Named.of(facts.pooling()), facts.maxSeqLength(), prompts(facts), ByteSize.human(pack.onnxSize()),
              cache.isCached(pack) ? cache.folderOf(pack) : "no (extracted on first use)");
        }
        out.println();
        out.println("Default: " + Embedkit.DEFAULT_MODEL + ". Any folder in the Hugging Face / sentence-transformers layout also works: --model PATH.");
        var cachedHub = hub.cached();
        out.println();
        out.println("Hugging Face cache (" + HubSettings.fromEnvironment().cacheDir() + "): "
            + (cachedHub.isEmpty() ? "empty. 'embedkit models list --remote' shows what can be pulled." : ""));
        for (HubCatalog.CachedModel m : cachedHub) {
          out.printf(Locale.ROOT, "  %-46s %9s  %s%n", m.repo() + (m.alias() == null ? "" : " (" + m.alias() + ")"),
              ByteSize.human(m.sizeBytes()), m.hasOnnx() ? "onnx" : "no onnx");
        }
      }
      out.flush();
      return 0;
    }

    private void printRemote(PrintWriter out, HubCatalog hub) throws Exception {
      if (format == Format.JSON) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        hub.remote().forEach(m -> models.add(JSON.valueToTree(m)));
        out.println(JSON.writeValueAsString(root));
        return;
      }
      out.printf(Locale.ROOT, "%-18s %-38s %-6s %5s %-6s %10s  %s%n", "ALIAS", "REPO", "KIND", "DIMS", "POOL", "DOWNLOAD", "CACHED");
      for (HubCatalog.RemoteModel m : hub.remote()) {
        out.printf(Locale.ROOT, "%-18s %-38s %-6s %5d %-6s %10s  %s%n", m.alias(), m.repo(), m.modality(), m.dimensions(),
            m.pooling(), "~" + ByteSize.human(m.approxDownloadBytes()), m.cached() ? "yes" : "no");
      }
      out.println();
      out.println("Pull with 'embedkit models pull ALIAS' (or any Hugging Face repo id with an ONNX export); HF_ENDPOINT, HF_TOKEN, HF_HOME and HF_HUB_OFFLINE apply.");
    }
  }

  @Command(name = "info", mixinStandardHelpOptions = true, description = "Everything about one model (loads it).")
  static final class InfoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "Model name or path.")
    String name;

    @Option(names = "--format", defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--quantize", paramLabel = "none|int8", defaultValue = "none",
        description = "Describe the model as --quantize int8 runs it (builds the int8 graph if needed). Default: ${DEFAULT-VALUE}.")
    String quantize;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      Optional<BuiltinPack> pack = BuiltinPack.find(name);
      LoadOptions options = LoadOptions.DEFAULTS.withQuantize(Quantize.fromString(quantize));
      try (EmbeddingModel model = Embedkit.load(name, options)) {
        ModelInfo info = model.info();
        ObjectNode json = JSON.createObjectNode();
        json.put("name", info.name());
        pack.ifPresent(p -> json.put("repo", p.repoId()).put("coordinates", p.coordinates()).put("onnxSha256", p.onnxSha256()));
        json.put("precision", info.weights());
        json.put("dimensions", info.dimensions());
        json.put("maxTokens", info.maxSeqLength());
        json.put("pooling", info.pooling() == null ? "in the ONNX graph" : Named.of(info.pooling()));
        json.put("normalize", info.normalize());
        json.put("similarity", Named.of(info.similarity()));
        ObjectNode prompts = json.putObject("prompts");
        info.prompts().forEach(prompts::put);
        json.put("defaultPrompt", info.defaultPromptName());
        ArrayNode modalities = json.putArray("modalities");
        info.modalities().forEach(m -> modalities.add(Named.of(m)));
        json.put("outputPrecisions", "float32, int8, uint8, binary, ubinary");
        json.put("sizeBytes", info.sizeBytes());
        json.put("folder", info.folder().toAbsolutePath().toString());
        json.put("onnx", info.signature());
        if (format == Format.JSON) {
          out.println(JSON.writeValueAsString(json));
        } else {
          json.fields().forEachRemaining(e -> out.printf("%-16s %s%n", e.getKey(),
              e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        }
      }
      out.flush();
      return 0;
    }
  }

  static ObjectNode packJson(BuiltinPack pack, PackCache cache) {
    ModelFacts facts = pack.facts();
    ObjectNode node = JSON.createObjectNode();
    node.put("name", pack.packName());
    node.put("repo", pack.repoId());
    node.put("precision", pack.weights());
    node.put("dimensions", facts.dimensions());
    node.put("pooling", Named.of(facts.pooling()));
    node.put("maxTokens", facts.maxSeqLength());
    node.put("normalize", facts.normalize());
    ObjectNode prompts = node.putObject("prompts");
    facts.prompts().byName().forEach(prompts::put);
    node.put("sizeBytes", pack.onnxSize());
    node.put("coordinates", pack.coordinates());
    node.put("cached", cache.isCached(pack));
    node.put("path", cache.folderOf(pack).toAbsolutePath().toString());
    return node;
  }

  private static String prompts(ModelFacts facts) {
    return facts.prompts().byName().isEmpty() ? "-" : String.join(",", new java.util.TreeSet<>(facts.prompts().byName().keySet()));
  }

}
