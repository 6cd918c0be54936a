package dev.embedkit.store.cli;

import dev.embedkit.progress.ByteSize;
import dev.embedkit.store.CollectionInfo;
import dev.embedkit.store.Collection;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit collection compact NAME}: merges the index into one segment, dropping deleted and replaced
 * documents, which makes searches faster after many updates.
 */
@Command(name = "compact", mixinStandardHelpOptions = true,
    description = "Merge a collection's index into one segment, dropping deleted and replaced documents.")
public final class CollectionCompactCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin CollectionsOption location;

  @Parameters(paramLabel = "NAME", description = "The collection.")
  String name;

  @Override
  public Integer call() {
    CollectionInfo before;
    CollectionInfo after;
    try (LoadedModels models = new LoadedModels();
        Collection collection = location.collections(models).openAny(name, false)) {
      before = collection.info();
      collection.compact();
      after = collection.info();
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("compacted collection '" + name + "': " + before.segments() + " segment"
        + (before.segments() == 1 ? "" : "s") + " -> " + after.segments() + ", " + before.chunks() + " -> "
        + after.chunks() + " chunks, " + ByteSize.human(before.sizeBytes()) + " -> "
        + ByteSize.human(after.sizeBytes()));
    out.flush();
    return 0;
  }
}
