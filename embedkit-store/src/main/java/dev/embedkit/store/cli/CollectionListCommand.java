package dev.embedkit.store.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Named;
import dev.embedkit.io.AlignedTable;
import dev.embedkit.progress.ByteSize;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionInfo;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.Collection;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code embedkit collection list}: every collection under --path with its model and size; loads no model. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "List the collections, with model and size.")
public final class CollectionListCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CollectionsOption location;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    EmbeddedCollections collections = location.withoutModels();
    List<CollectionConfig> configs = collections.list();
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      ObjectNode root = CollectionJson.JSON.createObjectNode();
      ArrayNode array = root.putArray("collections");
      for (CollectionConfig config : configs) {
        CollectionInfo info = info(collections, config);
        array.add(info == null ? CollectionJson.config(config) : CollectionJson.info(info));
      }
      out.println(CollectionJson.JSON.writeValueAsString(root));
    } else if (configs.isEmpty()) {
      out.println("no collections in " + collections.root() + "; create one with 'embedkit collection create NAME'");
    } else {
      AlignedTable table = new AlignedTable("NAME", "MODEL", "DIMS", "SIMILARITY", "DOCUMENTS", "CHUNKS", "SIZE");
      for (CollectionConfig config : configs) {
        CollectionInfo info = info(collections, config);
        table.row(config.name(), config.model() == null ? "(external vectors)" : config.model().name(),
            config.dimensions(), Named.of(config.similarity()), info == null ? "?" : info.documents(),
            info == null ? "?" : info.chunks(), info == null ? "?" : ByteSize.human(info.sizeBytes()));
      }
      table.print(out);
    }
    out.flush();
    return 0;
  }

  /** Counts from the index, read-only (a collection being written elsewhere is listed too); null if unreadable. */
  private CollectionInfo info(EmbeddedCollections collections, CollectionConfig config) {
    try (Collection collection = collections.openAny(config.name(), true)) {
      return collection.info();
    } catch (EmbedkitException e) {
      spec.commandLine().getErr().println("embedkit: collection '" + config.name() + "': " + e.getMessage());
      return null;
    }
  }
}
