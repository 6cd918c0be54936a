package dev.embedkit.store.cli;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The models one command loads, by name, each once; closed with the command. Handed to {@link
 * dev.embedkit.store.EmbeddedCollections}, which asks for a collection's recorded model when it opens it.
 */
final class LoadedModels implements Function<String, EmbeddingModel>, AutoCloseable {
  private final Map<String, EmbeddingModel> models = new LinkedHashMap<>();

  @Override
  public synchronized EmbeddingModel apply(String name) {
    return models.computeIfAbsent(name, Embedkit::load);
  }

  @Override
  public synchronized void close() {
    models.values().forEach(EmbeddingModel::close);
    models.clear();
  }
}
