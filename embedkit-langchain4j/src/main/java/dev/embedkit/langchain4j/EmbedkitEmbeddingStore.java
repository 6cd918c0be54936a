package dev.embedkit.langchain4j;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.Document;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.Field;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.remote.HttpCollection;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.CosineSimilarity;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingSearchResult;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.RelevanceScore;
import dev.langchain4j.store.embedding.filter.Filter;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A LangChain4j {@link EmbeddingStore} over an embedkit {@link Collection}: the embedded Lucene collection
 * ({@link EmbeddedCollections}) or any other implementation of the interface (the server's collections over HTTP,
 * {@link HttpCollection}: {@code .server(URI.create("http://127.0.0.1:8080"), key)}). Passes LangChain4j's own store
 * suites, over both.
 *
 * <pre>{@code
 * EmbedkitEmbeddingModel model = EmbedkitEmbeddingModel.of("all-minilm-l6-v2");
 * EmbedkitEmbeddingStore store = EmbedkitEmbeddingStore.builder()
 *     .root(Path.of("collections")).collectionName("docs").embeddingModel(model).build();
 * TextSegment segment = TextSegment.from("A man is eating food.", Metadata.from("lang", "en"));
 * store.add(model.embed(segment).content(), segment);
 * List<EmbeddingMatch<TextSegment>> hits = store.search(EmbeddingSearchRequest.builder()
 *     .queryEmbedding(model.embed("Someone eats").content()).maxResults(3)
 *     .filter(metadataKey("lang").isEqualTo("en")).build()).matches();
 * }</pre>
 *
 * <p>Scores follow LangChain4j: {@code (cosine + 1) / 2} of the query and the stored vector, computed by LangChain4j's
 * own {@link CosineSimilarity} and {@link RelevanceScore}; {@code minScore} keeps a match whose returned score is at
 * least the bound. A match's embedding is the stored vector, float for float; {@code embedded()} is null for an
 * embedding stored without a segment. Metadata keeps its Java types (String, UUID, Integer, Long, Float, Double)
 * through reserved fields (see {@link SegmentMetadata}: keys "langchain4j.int", "langchain4j.float",
 * "langchain4j.uuid"; keys starting with '_' are refused). Filters are translated node for node
 * ({@link FilterTranslator}); containsString throws {@link UnsupportedOperationException}. Adding an id that exists
 * replaces it.
 */
public final class EmbedkitEmbeddingStore implements EmbeddingStore<TextSegment>, AutoCloseable {
  private static final int WRITE_BATCH = 1_000;

  private final Collection collection;
  private final boolean ownsCollection;
  private final EmbeddingModel ownedModel;
  private final boolean exact;
  private final int efSearch;

  private EmbedkitEmbeddingStore(Collection collection, boolean ownsCollection, EmbeddingModel ownedModel,
      boolean exact, int efSearch) {
    this.collection = collection;
    this.ownsCollection = ownsCollection;
    this.ownedModel = ownedModel;
    this.exact = exact;
    this.efSearch = efSearch;
  }

  /** A store over an open collection, which stays open when the store closes. */
  public static EmbedkitEmbeddingStore of(Collection collection) {
    if (collection == null) {
      throw new IllegalArgumentException("collection cannot be null");
    }
    return new EmbedkitEmbeddingStore(collection, false, null, false, 0);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The collection underneath (for hybrid search, see {@link EmbedkitContentRetriever}). */
  public Collection collection() {
    return collection;
  }

  @Override
  public String add(Embedding embedding) {
    String id = UUID.randomUUID().toString();
    add(id, embedding);
    return id;
  }

  @Override
  public void add(String id, Embedding embedding) {
    addAll(List.of(requireId(id)), List.of(requireEmbedding(embedding, 0)), null);
  }

  @Override
  public String add(Embedding embedding, TextSegment segment) {
    String id = UUID.randomUUID().toString();
    addAll(List.of(id), List.of(requireEmbedding(embedding, 0)), java.util.Collections.singletonList(segment));
    return id;
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings) {
    if (embeddings == null) {
      throw new IllegalArgumentException("embeddings cannot be null");
    }
    List<String> ids = generateIds(embeddings.size());
    addAll(ids, embeddings, null);
    return ids;
  }

  @Override
  public List<String> addAll(List<Embedding> embeddings, List<TextSegment> segments) {
    if (embeddings == null) {
      throw new IllegalArgumentException("embeddings cannot be null");
    }
    List<String> ids = generateIds(embeddings.size());
    addAll(ids, embeddings, segments);
    return ids;
  }

  /**
   * Adds (or replaces, by id) embeddings with their segments; {@code segments} may be null (no segments) or must have
   * one element per embedding (an element may be null: that embedding has no segment).
   */
  @Override
  public void addAll(List<String> ids, List<Embedding> embeddings, List<TextSegment> segments) {
    if (ids == null || embeddings == null) {
      throw new IllegalArgumentException("ids and embeddings cannot be null");
    }
    if (ids.size() != embeddings.size() || (segments != null && segments.size() != embeddings.size())) {
      throw new IllegalArgumentException("ids (" + ids.size() + "), embeddings (" + embeddings.size()
          + ") and segments (" + (segments == null ? "none" : segments.size()) + ") must have the same size");
    }
    List<Document> batch = new ArrayList<>(Math.min(ids.size(), WRITE_BATCH));
    for (int i = 0; i < ids.size(); i++) {
      TextSegment segment = segments == null ? null : segments.get(i);
      Embedding embedding = requireEmbedding(embeddings.get(i), i);
      String id = requireId(ids.get(i));
      try {
        batch.add(segment == null
            ? new Document(id, null, Map.of(), embedding.vector(), null)
            : new Document(id, segment.text(), SegmentMetadata.encode(segment.metadata()), embedding.vector(), null));
      } catch (EmbedkitException e) {
        throw Errors.translate(e);
      }
      if (batch.size() == WRITE_BATCH) {
        write(batch);
        batch = new ArrayList<>(WRITE_BATCH);
      }
    }
    if (!batch.isEmpty()) {
      write(batch);
    }
  }

  private void write(List<Document> batch) {
    try {
      collection.upsert(batch);
    } catch (EmbedkitException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public EmbeddingSearchResult<TextSegment> search(EmbeddingSearchRequest request) {
    if (request == null || request.queryEmbedding() == null) {
      throw new IllegalArgumentException("request and its queryEmbedding cannot be null");
    }
    float[] query = request.queryEmbedding().vector();
    dev.embedkit.store.filter.Filter filter = FilterTranslator.translate(request.filter());
    List<SearchHit> hits;
    try {
      SearchRequest search = SearchRequest.of(Query.vector(query))
          .withTopK(request.maxResults()) // above SearchRequest.MAX_TOP_K: refused, not cut
          .withFilter(filter)
          .withExact(exact)
          .withEfSearch(efSearch)
          .withFields(EnumSet.of(Field.TEXT, Field.METADATA, Field.VECTOR));
      hits = collection.search(search);
    } catch (EmbedkitException e) {
      throw Errors.translate(e);
    }
    List<EmbeddingMatch<TextSegment>> matches = new ArrayList<>(hits.size());
    for (SearchHit hit : hits) {
      Embedding stored = new Embedding(hit.vector());
      double score = RelevanceScore.fromCosineSimilarity(CosineSimilarity.between(request.queryEmbedding(), stored));
      if (score >= request.minScore()) {
        matches.add(new EmbeddingMatch<>(score, hit.id(), stored, segment(hit.text(), hit.metadata())));
      }
    }
    // The collection ranks by its own score (float cosine); ties and float noise aside it is this order.
    matches.sort(Comparator.comparingDouble((EmbeddingMatch<TextSegment> m) -> m.score()).reversed());
    return new EmbeddingSearchResult<>(matches);
  }

  /** The segment stored with a document, or null when it was stored without one. */
  static TextSegment segment(String text, Map<String, Object> metadata) {
    if (text == null || text.isBlank()) {
      return null; // LangChain4j segments have non-blank text; stored without one
    }
    return TextSegment.from(text, SegmentMetadata.decode(metadata == null ? Map.of() : metadata));
  }

  @Override
  public void remove(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id cannot be null or blank");
    }
    removeAll(List.of(id));
  }

  @Override
  public void removeAll(java.util.Collection<String> ids) {
    if (ids == null || ids.isEmpty()) {
      throw new IllegalArgumentException("ids cannot be null or empty");
    }
    try {
      collection.delete(List.copyOf(ids));
    } catch (EmbedkitException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public void removeAll(Filter filter) {
    if (filter == null) {
      throw new IllegalArgumentException("filter cannot be null");
    }
    dev.embedkit.store.filter.Filter translated = FilterTranslator.translate(filter);
    try {
      collection.delete(translated);
    } catch (EmbedkitException e) {
      throw Errors.translate(e);
    }
  }

  @Override
  public void removeAll() {
    try {
      collection.clear();
    } catch (EmbedkitException e) {
      throw Errors.translate(e);
    }
  }

  /** Closes the collection and model if the builder opened them; a collection passed in stays open. */
  @Override
  public void close() {
    try {
      if (ownsCollection) {
        collection.close();
      }
    } finally {
      if (ownedModel != null) {
        ownedModel.close();
      }
    }
  }

  private static String requireId(String id) {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("id cannot be null or blank");
    }
    return id;
  }

  private static Embedding requireEmbedding(Embedding embedding, int index) {
    if (embedding == null) {
      throw new IllegalArgumentException("embedding " + index + " is null");
    }
    return embedding;
  }

  /**
   * Builds a store: either an open {@link #collection(Collection)}, or a {@link #collectionName(String)} under a
   * {@link #root(Path)} (or {@link #collections(EmbeddedCollections)}, or on a {@link #server(URI, String)}), opened if it exists and otherwise created for
   * the {@link #embeddingModel} (keyword and hybrid search then work too) or for external vectors of
   * {@link #dimensions}.
   */
  public static final class Builder {
    private Collection collection;
    private EmbeddedCollections collections;
    private Path root;
    private URI server;
    private String apiKey;
    private String name;
    private EmbedkitEmbeddingModel model;
    private Integer dimensions;
    private boolean exact;
    private int efSearch;

    private Builder() {}

    public Builder collection(Collection open) {
      this.collection = open;
      return this;
    }

    public Builder collections(EmbeddedCollections all) {
      this.collections = all;
      return this;
    }

    /** The folder holding one folder per collection. */
    public Builder root(Path folder) {
      this.root = folder;
      return this;
    }

    /**
     * An embedkit server's collections over HTTP ({@link HttpCollection}) instead of a local folder.
     *
     * @param serverUrl e.g. {@code http://127.0.0.1:8080}
     * @param key the server's API key, or null when it has none
     */
    public Builder server(URI serverUrl, String key) {
      this.server = serverUrl;
      this.apiKey = key;
      return this;
    }

    public Builder collectionName(String collectionName) {
      this.name = collectionName;
      return this;
    }

    /** The model a new collection is created for (its name and facts are recorded in the collection). */
    public Builder embeddingModel(EmbedkitEmbeddingModel embeddingModel) {
      this.model = embeddingModel;
      return this;
    }

    /** Dimensions of a new collection of external vectors (no model). */
    public Builder dimensions(Integer n) {
      this.dimensions = n;
      return this;
    }

    /** Score every vector instead of walking the HNSW graph (ground truth; slower on large collections). */
    public Builder exact(boolean scoreAll) {
      this.exact = scoreAll;
      return this;
    }

    /**
     * HNSW candidates per search (0, the default: the collection's default of
     * {@value dev.embedkit.store.SearchRequest#DEFAULT_EF_SEARCH}, or maxResults if larger). Fewer is faster and
     * recalls less.
     */
    public Builder efSearch(int candidates) {
      if (candidates < 0 || candidates > SearchRequest.MAX_TOP_K) {
        throw new IllegalArgumentException("efSearch is " + candidates + "; accepted: 0 (default) to "
            + SearchRequest.MAX_TOP_K);
      }
      this.efSearch = candidates;
      return this;
    }

    /** The server's collection, created there (for the model's name, or external dimensions) when missing. */
    private Collection remote() {
      try {
        if (HttpCollection.exists(server, name, apiKey)) {
          return HttpCollection.open(server, name, apiKey);
        }
        if (model == null && dimensions == null) {
          throw new IllegalArgumentException("collection '" + name + "' does not exist on " + server
              + "; give an embeddingModel or dimensions to create it");
        }
        return HttpCollection.create(server, model != null ? CollectionSpec.of(name, model.modelName())
            : CollectionSpec.external(name, dimensions), apiKey);
      } catch (EmbedkitException e) {
        throw Errors.translate(e);
      }
    }

    public EmbedkitEmbeddingStore build() {
      if (collection != null) {
        if (name != null || root != null || collections != null || server != null) {
          throw new IllegalArgumentException("give either an open collection or a collection name with a root, not both");
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
      if (server != null) {
        return new EmbedkitEmbeddingStore(remote(), true, null, exact, efSearch);
      }
      Map<String, EmbeddingModel> loaded = new HashMap<>();
      EmbeddedCollections all = collections != null ? collections : new EmbeddedCollections(root, modelName -> {
        if (model != null && model.modelName().equals(modelName)) {
          return model.embedkitModel();
        }
        return loaded.computeIfAbsent(modelName, Embedkit::load);
      });
      try {
        Collection opened;
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
        return new EmbedkitEmbeddingStore(opened, true, loaded.values().stream().findFirst().orElse(null), exact,
            efSearch);
      } catch (EmbedkitException e) {
        loaded.values().forEach(EmbeddingModel::close);
        throw Errors.translate(e);
      }
    }
  }
}
