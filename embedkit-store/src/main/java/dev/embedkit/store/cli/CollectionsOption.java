package dev.embedkit.store.cli;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.store.ModelFingerprint;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.CommandLine.Option;

/**
 * The {@code --path} option every collection command shares: the folder that holds the collections, one folder per
 * collection ({@code DIR/NAME}); by default {@code $EMBEDKIT_HOME/collections}.
 */
public final class CollectionsOption {
  @Option(names = "--path", paramLabel = "DIR",
      description = "Folder holding the collections, each in DIR/NAME (default: $EMBEDKIT_HOME/collections).")
  Path path;

  /** The folder given with --path, or null for the default. */
  public Path path() {
    return path;
  }

  /** The collections under --path, opening each with its recorded model loaded by {@code models}. */
  public EmbeddedCollections collections(Function<String, EmbeddingModel> models) {
    return path == null ? EmbeddedCollections.atHome(models) : new EmbeddedCollections(path, models);
  }

  /**
   * The collections under --path for commands that read what is stored and embed nothing (list, info, export): they
   * open read-only without loading any model.
   */
  public EmbeddedCollections withoutModels() {
    return collections(name -> null);
  }

  /**
   * Opens a collection with its recorded model. {@code model} is what the user gave with {@code --model} (or null): a
   * collection is written and searched only with the model it was built with, so another name is refused unless it
   * loads the very same model (an alias, a folder of the same files).
   */
  static Collection open(EmbeddedCollections collections, LoadedModels models, String name, String model,
      boolean readOnly) {
    if (model != null && collections.exists(name)) {
      checkModel(LuceneCollection.readConfig(collections.folder(name)), model, models);
    }
    return collections.openAny(name, readOnly);
  }

  private static void checkModel(CollectionConfig config, String model, LoadedModels models) {
    if (config.model() == null) {
      throw EmbedkitException.invalidInput("collection '" + config.name() + "' holds external vectors of "
          + config.dimensions() + " dimensions and records no model; leave out --model " + model);
    }
    String recorded = config.model().name();
    if (recorded.equals(model)) {
      return;
    }
    String fingerprint = ModelFingerprint.of(models.apply(model).info());
    if (!fingerprint.equals(config.model().fingerprint())) {
      throw EmbedkitException.invalidInput("collection '" + config.name() + "' records its model, " + recorded
          + "; --model " + model + " is a different model (its vectors are not comparable): leave out --model,"
          + " or index into a new collection created with --model " + model);
    }
  }
}
