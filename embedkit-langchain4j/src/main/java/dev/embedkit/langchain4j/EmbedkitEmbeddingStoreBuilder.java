package dev.embedkit.langchain4j;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.ModelFingerprint;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.remote.HttpCollection;
import dev.embedkit.vector.Metric;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds an {@link EmbedkitEmbeddingStore}: either an open {@link #collection(Collection)}, or a
 * {@link #collectionName(String)} under a {@link #root(Path)} (or {@link #collections(EmbeddedCollections)}, or on a
 * {@link #server(URI, String)}), opened if it exists and otherwise created for the {@link #embeddingModel} (keyword and
 * hybrid search then work too) or for external vectors of {@link #dimensions}.
 *
 * <p>{@link #build()} refuses (IllegalArgumentException naming both sides) a collection whose recorded model is not
 * the {@link #embeddingModel} given (compared by {@link ModelFingerprint}), whose dimensions differ from the model's or
 * from {@link #dimensions}, or whose similarity is not cosine: LangChain4j's scores are {@code (cosine + 1) / 2}. A DOT
 * collection is accepted only with an {@link #embeddingModel} that normalises its vectors (then dot equals cosine).
 */
public final class EmbedkitEmbeddingStoreBuilder {
  private Collection collection;
  private EmbeddedCollections collections;
  private Path root;
  private URI server;
  private String apiKey;
  private HttpCollection.Options httpOptions = HttpCollection.Options.DEFAULTS;
  private String name;
  private EmbedkitEmbeddingModel model;
  private Integer dimensions;
  private boolean exact;
  private int efSearch;

  EmbedkitEmbeddingStoreBuilder() {}

  public EmbedkitEmbeddingStoreBuilder collection(Collection open) {
    this.collection = open;
    return this;
  }

  public EmbedkitEmbeddingStoreBuilder collections(EmbeddedCollections all) {
    this.collections = all;
    return this;
  }

  /** The folder holding one folder per collection. */
  public EmbedkitEmbeddingStoreBuilder root(Path folder) {
    this.root = folder;
    return this;
  }

  /**
   * An embedkit server's collections over HTTP ({@link HttpCollection}) instead of a local folder.
   *
   * @param serverUrl e.g. {@code http://127.0.0.1:8080}
   * @param key the server's API key, or null when it has none
   */
  public EmbedkitEmbeddingStoreBuilder server(URI serverUrl, String key) {
    this.server = serverUrl;
    this.apiKey = key;
    return this;
  }

  /** How requests to the {@link #server} are sent (timeout, batch limits, retries); default {@code DEFAULTS}. */
  public EmbedkitEmbeddingStoreBuilder httpOptions(HttpCollection.Options options) {
    this.httpOptions = options == null ? HttpCollection.Options.DEFAULTS : options;
    return this;
  }

  public EmbedkitEmbeddingStoreBuilder collectionName(String collectionName) {
    this.name = collectionName;
    return this;
  }

  /**
   * The model a new collection is created for (its name and fingerprint are recorded in the collection); for an
   * existing collection, the model it must have been built with.
   */
  public EmbedkitEmbeddingStoreBuilder embeddingModel(EmbedkitEmbeddingModel embeddingModel) {
    this.model = embeddingModel;
    return this;
  }

  /** Dimensions of a new collection of external vectors (no model); an existing one must have these. */
  public EmbedkitEmbeddingStoreBuilder dimensions(Integer n) {
    this.dimensions = n;
    return this;
  }

  /** Score every vector instead of walking the HNSW graph (ground truth; slower on large collections). */
  public EmbedkitEmbeddingStoreBuilder exact(boolean scoreAll) {
    this.exact = scoreAll;
    return this;
  }

  /**
   * HNSW candidates per search (0, the default: the collection's default of
   * {@value dev.embedkit.store.SearchRequest#DEFAULT_EF_SEARCH}, or maxResults if larger). Fewer is faster and
   * recalls less.
   */
  public EmbedkitEmbeddingStoreBuilder efSearch(int candidates) {
    if (candidates < 0 || candidates > SearchRequest.MAX_TOP_K) {
      throw new IllegalArgumentException("efSearch is " + candidates + "; accepted: 0 (default) to "
          + SearchRequest.MAX_TOP_K);
    }
    this.efSearch = candidates;
    return this;
  }

  /** The server's collection, created there (for the model's name, or external dimensions) when missing. */
  private Collection remote() {
    if (HttpCollection.exists(server, name, apiKey)) {
      return HttpCollection.open(server, name, apiKey, httpOptions);
    }
    if (model == null && dimensions == null) {
      throw new IllegalArgumentException("collection '" + name + "' does not exist on " + server
          + "; give an embeddingModel or dimensions to create it");
    }
    return HttpCollection.create(server, model != null ? CollectionSpec.of(name, model.modelName())
        : CollectionSpec.external(name, dimensions), apiKey, httpOptions);
  }

  /** Refuses a collection this builder's model, dimensions or LangChain4j's cosine scores do not fit. */
  private void check(CollectionConfig config) {
    if (dimensions != null && dimensions != config.dimensions()) {
      throw new IllegalArgumentException("dimensions is " + dimensions + " but collection '" + config.name()
          + "' holds vectors of " + config.dimensions() + " dimensions; give its dimensions, or a new collection");
    }
    if (model != null) {
      ModelFingerprint.check(config, model.embedkitModel().info());
    }
    Metric metric = config.similarity();
    boolean normalisedDot = metric == Metric.DOT && model != null && model.embedkitModel().info().normalize();
    if (metric != Metric.COSINE && !normalisedDot) {
      throw new IllegalArgumentException("collection '" + config.name() + "' ranks by " + metric + " similarity;"
          + " LangChain4j scores are (cosine + 1) / 2, so the store needs a cosine collection (or DOT with an"
          + " embeddingModel that normalises its vectors)");
    }
  }

  public EmbedkitEmbeddingStore build() {
    if (collection != null) {
      if (name != null || root != null || collections != null || server != null) {
        throw new IllegalArgumentException("give either an open collection or a collection name with a root, not both");
      }
      try {
        check(collection.config());
      } catch (EmbedkitException e) {
        throw Errors.translate(e);
      }
      return new EmbedkitEmbeddingStore(collection, false, null, exact, efSearch);
    }
    int places = (root == null ? 0 : 1) + (collections == null ? 0 : 1) + (server == null ? 0 : 1);
    if (name == null || places != 1) {
      throw new IllegalArgumentException("give an open collection, or a collectionName with exactly one of root,"
          + " collections and server");
    }
    if (model != null && dimensions != null && dimensions != model.dimension()) {
      throw new IllegalArgumentException("dimensions is " + dimensions + " but model " + model.modelName()
          + " makes " + model.dimension() + "; give one of them");
    }
    Map<String, EmbeddingModel> loaded = new HashMap<>();
    Collection opened = null;
    try {
      if (server != null) {
        opened = remote();
      } else {
        EmbeddedCollections all = collections != null ? collections : new EmbeddedCollections(root, modelName -> {
          if (model != null && model.modelName().equals(modelName)) {
            return model.embedkitModel();
          }
          return loaded.computeIfAbsent(modelName, Embedkit::load);
        });
        if (all.exists(name)) {
          opened = all.open(name);
        } else if (model != null) {
          opened = all.create(CollectionSpec.of(name, model.modelName()));
        } else if (dimensions != null) {
          opened = all.create(CollectionSpec.external(name, dimensions));
        } else {
          throw new IllegalArgumentException("collection '" + name + "' does not exist; give an embeddingModel or"
              + " dimensions to create it");
        }
      }
      check(opened.config());
      return new EmbedkitEmbeddingStore(opened, true, loaded.values().stream().findFirst().orElse(null), exact,
          efSearch);
    } catch (RuntimeException e) {
      if (opened != null) {
        opened.close();
      }
      loaded.values().forEach(EmbeddingModel::close);
      throw e instanceof EmbedkitException embedkit ? Errors.translate(embedkit) : e;
    }
  }
}
