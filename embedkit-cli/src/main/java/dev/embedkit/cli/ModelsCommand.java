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
import dev.embedkit.io.AlignedTable;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.ModelFacts;
import dev.embedkit.model.PackCache;
import dev.embedkit.model.Quantize;
import dev.embedkit.progress.ByteSize;
import java.io.PrintWriter;
import java.util.List;
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
      HubSettings settings = HubSettings.fromEnvironment();
      HubCatalog hub = new HubCatalog(settings);
      if (remote) {
        printRemote(out, hub, settings);
      } else if (format == Format.JSON) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        PackCache cache = PackCache.standard();
        for (BuiltinPack pack : BuiltinPack.values()) {
          models.add(packJson(pack, cache));
        }
        ArrayNode cached = root.putArray("hub");
        hub.cached().forEach(m -> cached.add(JSON.valueToTree(m)));
        out.println(JSON.writeValueAsString(root));
      } else {
        printPacks(out);
        out.println();
        printHubCache(out, hub, settings);
      }
      out.flush();
      return 0;
    }

    private static void printPacks(PrintWriter out) {
      PackCache cache = PackCache.standard();
      AlignedTable table = new AlignedTable("NAME", "WEIGHTS", "DIMS", "POOL", "TOKENS", "PROMPTS", "SIZE", "EXTRACTED");
      for (BuiltinPack pack : BuiltinPack.values()) {
        ModelFacts facts = pack.facts();
        table.row(pack.packName(), pack.weights(), facts.dimensions(), Named.of(facts.pooling()), facts.maxSeqLength(),
            prompts(facts), ByteSize.human(pack.onnxSize()), cache.isCached(pack) ? cache.folderOf(pack) : "no (on first use)");
      }
      table.print(out);
      out.println();
      out.println("Default: " + Embedkit.DEFAULT_MODEL + ". Any folder in the Hugging Face / sentence-transformers layout"
          + " also works: --model PATH.");
    }

    private static void printHubCache(PrintWriter out, HubCatalog hub, HubSettings settings) {
      List<HubCatalog.CachedModel> cached = hub.cached();
      if (cached.isEmpty()) {
        out.println("Hugging Face cache (" + settings.cacheDir() + "): empty. 'embedkit models list --remote' shows what"
            + " can be pulled.");
        return;
      }
      out.println("Hugging Face cache (" + settings.cacheDir() + "):");
      AlignedTable table = new AlignedTable("REPO", "ALIAS", "SIZE", "ONNX", "REVISIONS");
      for (HubCatalog.CachedModel m : cached) {
        List<String> revisions = m.refs().stream().map(r -> r.substring(0, r.indexOf('='))).toList();
        table.row(m.repo(), m.alias(), ByteSize.human(m.sizeBytes()), m.hasOnnx() ? "yes" : "no",
            revisions.isEmpty() ? m.snapshots().size() + " commit(s), no refs" : String.join(",", revisions));
      }
      table.print(out, "  ");
    }

    private void printRemote(PrintWriter out, HubCatalog hub, HubSettings settings) throws Exception {
      if (format == Format.JSON) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode models = root.putArray("models");
        hub.remote().forEach(m -> models.add(JSON.valueToTree(m)));
        out.println(JSON.writeValueAsString(root));
        return;
      }
      AlignedTable table = new AlignedTable("ALIAS", "REPO", "KIND", "DIMS", "POOL", "DOWNLOAD", "CACHED", "BUILT-IN");
      for (HubCatalog.RemoteModel m : hub.remote()) {
        table.row(m.alias(), m.repo(), m.modality(), m.dimensions(), m.pooling(), "~" + ByteSize.human(m.approxDownloadBytes()),
            m.cached() ? "yes" : "no", m.builtInPack() == null ? "-" : m.builtInPack() + (m.builtInExtracted() ? " (extracted)" : ""));
      }
      table.print(out);
      out.println();
      out.println("CACHED: in the Hugging Face cache (" + settings.cacheDir() + "). BUILT-IN: a built-in pack of the same"
          + " model, which runs as --model PACK with no hub download.");
      out.println("Pull with 'embedkit models pull ALIAS' (or any Hugging Face repo id with an ONNX export); HF_ENDPOINT,"
          + " HF_TOKEN, HF_HOME and HF_HUB_OFFLINE apply.");
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
    node.put("extracted", cache.isCached(pack));
    node.put("path", cache.folderOf(pack).toAbsolutePath().toString());
    return node;
  }

  private static String prompts(ModelFacts facts) {
    return facts.prompts().byName().isEmpty() ? "-" : String.join(",", new java.util.TreeSet<>(facts.prompts().byName().keySet()));
  }

}
