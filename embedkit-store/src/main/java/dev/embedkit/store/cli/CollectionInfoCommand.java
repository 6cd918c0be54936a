package dev.embedkit.store.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.io.AlignedTable;
import dev.embedkit.progress.ByteSize;
import dev.embedkit.store.CollectionInfo;
import dev.embedkit.store.Collection;
import dev.embedkit.store.EmbeddedCollections;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embedkit collection info NAME}: settings, counts, size on disk and metadata fields; loads no model. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = "Everything about one collection: its model, settings, documents, chunks, size and metadata fields.")
public final class CollectionInfoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CollectionsOption location;

  @Parameters(paramLabel = "NAME", description = "The collection.")
  String name;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
      description = "table or json. Default: ${DEFAULT-VALUE}.")
  OutputFormat format;

  @Override
  public Integer call() throws Exception {
    CollectionInfo info;
    EmbeddedCollections collections = location.withoutModels();
    try (Collection collection = collections.openAny(name, true)) {
      info = collection.info();
    }
    ObjectNode json = CollectionJson.info(info);
    json.put("backend", collections.backend(name));
    PrintWriter out = spec.commandLine().getOut();
    if (format == OutputFormat.JSON) {
      out.println(CollectionJson.JSON.writeValueAsString(json));
    } else {
      AlignedTable table = new AlignedTable("PROPERTY", "VALUE");
      for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        String value = e.getKey().equals("sizeBytes") ? ByteSize.human(info.sizeBytes())
            : e.getKey().equals("fields") ? fields(info) : e.getValue().isNull() ? "-" : e.getValue().asText();
        table.row(e.getKey().equals("sizeBytes") ? "size" : e.getKey(), value);
      }
      table.print(out);
    }
    out.flush();
    return 0;
  }

  /** "lang (string), year (long)": the metadata fields seen, with the kinds of value each held. */
  private static String fields(CollectionInfo info) {
    StringBuilder text = new StringBuilder();
    info.fields().forEach((field, kinds) -> text.append(text.length() == 0 ? "" : ", ").append(field).append(" (")
        .append(String.join("|", kinds)).append(')'));
    return text.toString();
  }
}
