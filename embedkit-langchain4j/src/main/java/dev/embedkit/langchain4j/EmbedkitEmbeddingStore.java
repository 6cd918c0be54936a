package dev.embedkit.langchain4j;

import dev.embedkit.EmbedkitException;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.store.Collection;
import dev.embedkit.store.Document;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.Field;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.filter.LenientFilters;
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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
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
 * ({@link FilterTranslator}); containsString throws {@link UnsupportedOperationException}. A condition on a key no
 * stored document has is false and its negation true, as in LangChain4j's own stores (so a filter on an empty store
 * finds nothing, {@code isNotEqualTo} finds everything, and {@code removeAll(filter)} removes what it matches: nothing,
 * or everything). Adding an id that exists replaces it. The collection's model and similarity are checked when the
 * store is built ({@link EmbedkitEmbeddingStoreBuilder}).
 *
 * <p>Errors are LangChain4j's ({@link Errors}): IllegalArgumentException for bad input (as the suites expect),
 * {@code AuthenticationException} when a server refuses the key, {@code TimeoutException},
 * {@code RateLimitException}, {@code RetriableException} for an unreachable or overloaded server,
 * {@code UnsupportedFeatureException}, and {@code LangChain4jException} for the rest, each with embedkit's one-line
 * message and the embedkit exception as its cause.
 */
public final class EmbedkitEmbeddingStore implements EmbeddingStore<TextSegment>, AutoCloseable {
  private static final int WRITE_BATCH = 1_000;

  private final Collection collection;
  private final boolean ownsCollection;
  private final EmbeddingModel ownedModel;
  private final boolean exact;
  private final int efSearch;

  EmbedkitEmbeddingStore(Collection collection, boolean ownsCollection, EmbeddingModel ownedModel,
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
    return builder().collection(collection).build();
  }

  public static EmbedkitEmbeddingStoreBuilder builder() {
    return new EmbedkitEmbeddingStoreBuilder();
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
    List<SearchHit> hits;
    try {
      LenientFilters.Resolved filter = lenient(collection, request.filter());
      if (filter.matchesNone()) {
        return new EmbeddingSearchResult<>(List.of());
      }
      SearchRequest search = SearchRequest.of(Query.vector(query))
          .withTopK(request.maxResults()) // above SearchRequest.MAX_TOP_K: refused, not cut
          .withFilter(filter.filter())
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

  /**
   * A LangChain4j filter as the store runs it, read as LangChain4j's stores read it: a condition on a key no document
   * has is false and its negation true (the store alone would refuse such a filter as a likely typo).
   */
  static LenientFilters.Resolved lenient(Collection collection, Filter filter) {
    dev.embedkit.store.filter.Filter translated = FilterTranslator.translate(filter);
    return translated == null ? LenientFilters.resolve(null, Map.of())
        : LenientFilters.resolve(translated, collection.info().fields());
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
      LenientFilters.Resolved resolved = LenientFilters.resolve(translated, collection.info().fields());
      if (resolved.matchesAll()) {
        collection.clear();
      } else if (!resolved.matchesNone()) {
        collection.delete(resolved.filter());
      }
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
}
