package dev.embedkit.solr;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.spi.CollectionBackend;
import java.util.Map;

/**
 * The {@code solr} collection backend: embedkit collections held by SolrCloud collections ({@link SolrCollection}).
 * Location keys ({@link SolrLocation}): {@code solr} (base URLs) or {@code zk} (ZooKeeper hosts with an optional
 * chroot), {@code collection} (the Solr name; default the embedkit name), {@code shards} and {@code replicas} (at
 * create; default 1 and 1). Registered for {@link java.util.ServiceLoader} in {@code META-INF/services}.
 */
public final class SolrBackend implements CollectionBackend {
  public static final String NAME = "solr";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Collection create(CollectionConfig config, Map<String, String> location, EmbeddingModel model) {
    return SolrCollections.create(config, SolrLocation.parse(location), model);
  }

  @Override
  public Collection open(CollectionConfig config, Map<String, String> location, EmbeddingModel model) {
    return SolrCollections.open(config, SolrLocation.parse(location), model);
  }

  @Override
  public void drop(CollectionConfig config, Map<String, String> location) {
    SolrCollections.drop(config, SolrLocation.parse(location));
  }
}
