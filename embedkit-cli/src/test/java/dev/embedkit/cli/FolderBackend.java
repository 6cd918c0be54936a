package dev.embedkit.cli;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.store.spi.CollectionBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A test backend ("folder"): a real {@link LuceneCollection} in the folder named by the location key {@code dir},
 * outside the collections folder, so the CLI's backend plumbing (create, registry, open, drop) runs for real without
 * a SolrCloud cluster (embedkit-solr's tests run it against one).
 */
public final class FolderBackend implements CollectionBackend {
  @Override
  public String name() {
    return "folder";
  }

  @Override
  public Collection create(CollectionConfig config, Map<String, String> location, EmbeddingModel model) {
    return LuceneCollection.create(dir(location), config, model);
  }

  @Override
  public Collection open(CollectionConfig config, Map<String, String> location, EmbeddingModel model) {
    return LuceneCollection.open(dir(location), model, model == null, null); // without a model: only reading
  }

  @Override
  public void drop(CollectionConfig config, Map<String, String> location) {
    try (Stream<Path> files = Files.walk(dir(location))) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw EmbedkitException.internal("cannot drop " + location + ": " + e.getMessage(), e);
    }
  }

  private static Path dir(Map<String, String> location) {
    for (String key : location.keySet()) {
      if (!key.equals("dir")) {
        throw EmbedkitException.invalidInput("unknown folder backend setting '" + key + "'; accepted: dir");
      }
    }
    String dir = location.get("dir");
    if (dir == null) {
      throw EmbedkitException.invalidInput("the folder backend needs --backend-option dir=PATH");
    }
    return Path.of(dir);
  }
}
