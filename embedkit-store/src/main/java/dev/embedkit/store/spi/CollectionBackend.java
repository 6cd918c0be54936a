package dev.embedkit.store.spi;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import java.util.Map;

/**
 * Another engine behind the {@link Collection} interface (SolrCloud in embedkit-solr), found with
 * {@link java.util.ServiceLoader}. A collection on a backend is still registered in the collections folder
 * ({@code ROOT/NAME/collection.json} with its model, plus {@code backend.json} naming the backend and where it is), so
 * {@code embedkit index}, {@code search}, {@code collection info|drop|list} work on it as on an embedded one.
 *
 * <p>{@code location} holds the user's settings for the backend as given on the command line or in code (for Solr:
 * {@code solr} = base URLs, or {@code zk} = ZooKeeper hosts, and optionally {@code collection}, the remote name); a
 * backend refuses keys it does not know with a one-line error that lists the accepted ones.
 */
public interface CollectionBackend {

  /** The name users pick it by ({@code --backend NAME}). */
  String name();

  /**
   * Creates the backend's collection for {@code config} (dimensions and similarity already resolved from the model)
   * and returns it open; an existing remote collection is refused (CONFLICT) unless it has the same vector field.
   *
   * @param model the collection's model, or null for external vectors; owned by the caller
   */
  Collection create(CollectionConfig config, Map<String, String> location, EmbeddingModel model);

  /** Opens an existing collection; checks that its vector field still matches {@code config}. */
  Collection open(CollectionConfig config, Map<String, String> location, EmbeddingModel model);

  /** Deletes the backend's collection and everything in it. */
  void drop(CollectionConfig config, Map<String, String> location);
}
