package dev.embedkit.spring.ai;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Field;
import dev.embedkit.store.ModelFingerprint;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.filter.LenientFilters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.ai.document.Document;
import org.springframework.ai.document.DocumentMetadata;
import org.springframework.ai.embedding.BatchingStrategy;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingOptions;
import org.springframework.ai.vectorstore.AbstractVectorStoreBuilder;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.observation.AbstractObservationVectorStore;
import org.springframework.ai.vectorstore.observation.VectorStoreObservationContext;

/**
 * A Spring AI {@link org.springframework.ai.vectorstore.VectorStore} over an embedkit {@link Collection} (an embedded
 * Lucene index on disk: durable writes, HNSW search with pre-filtering).
 *
 * <pre>{@code
 * EmbedkitEmbeddingModel model = EmbedkitEmbeddingModel.load("all-minilm-l6-v2");
 * Collection docs = new EmbeddedCollections(Path.of("collections"), name -> model.embedkitModel())
 *     .create(CollectionSpec.of("docs", "all-minilm-l6-v2"));
 * VectorStore store = EmbedkitVectorStore.builder(docs, model).build();
 * store.add(List.of(new Document("Spring AI meets embedkit", Map.of("year", 2025))));
 * List<Document> hits = store.similaritySearch(SearchRequest.builder().query("embedkit").topK(3)
 *     .filterExpression("year >= 2020").build());
 * }</pre>
 *
 * <ul>
 *   <li>Writes: documents are embedded with the store's {@link EmbeddingModel} (in the builder's batches, as Spring AI's
 *       stores do) and written with their vectors, ids, text and metadata; an id already stored is replaced. The
 *       collection's own model never embeds here, so whatever EmbeddingModel the application uses is the one that
 *       counts, and queries are embedded by it too. Metadata values must be strings, numbers, booleans or flat lists
 *       of them (ints come back as longs, floats as doubles). With an {@link EmbedkitEmbeddingModel}, documents get the
 *       model's document prompt and queries its query prompt (e5's "passage: " and "query: "), exactly as the
 *       collection itself embeds them, so the CLI and the server find the same hits by text.</li>
 *   <li>Search: {@code topK} nearest by the collection's similarity; the score on each returned {@link Document} is
 *       that similarity itself (raw cosine for cosine collections, the number {@code embedkit similarity} prints, as
 *       Spring's SimpleVectorStore reports), metadata {@code distance} is {@code 1 - score}; the similarity threshold
 *       keeps scores {@code >=} it, always, as SimpleVectorStore does: so 0
 *       ({@link SearchRequest#SIMILARITY_THRESHOLD_ACCEPT_ALL}) drops negative cosines.</li>
 *   <li>Filters: Spring AI expressions are translated node by node into embedkit filters ({@link SpringFilters});
 *       operators outside {@value SpringFilters#SUPPORTED} and values that cannot be translated (a Date) are refused with
 *       an {@link IllegalArgumentException}. A condition on a key no stored document has, or comparing with a kind of
 *       value the key never held, is false and its negation true ({@link LenientFilters}), as in SimpleVectorStore:
 *       a filter on an empty store finds nothing, {@code colour != 'red'} everything.</li>
 *   <li>Documents: text only; a document with media is refused (images go through
 *       {@link EmbedkitDocumentEmbeddingModel}).</li>
 * </ul>
 * The store does not own the collection: close the collection when done.
 */
public class EmbedkitVectorStore extends AbstractObservationVectorStore {
  /** The name observations report as the database system. */
  public static final String DB_SYSTEM = "embedkit";
  /** Documents per embedding call by default (embedkit batches further inside the call). */
  public static final int DEFAULT_BATCH_SIZE = 256;

  private static final Set<Field> FIELDS = Set.of(Field.TEXT, Field.METADATA);

  private final Collection collection;
  private final boolean exact;
  /** The EmbeddingModel as it embeds documents, and as it embeds queries (the model's prompts, for embedkit models). */
  private final EmbeddingModel documentEmbedder;
  private final EmbeddingModel queryEmbedder;

  protected EmbedkitVectorStore(Builder builder) {
    super(builder);
    this.collection = builder.collection;
    this.exact = builder.exact;
    if (embeddingModel instanceof EmbedkitEmbeddingModel embedkit) {
      this.documentEmbedder = embedkit.forDocuments();
      this.queryEmbedder = embedkit.forQueries();
    } else {
      this.documentEmbedder = embeddingModel;
      this.queryEmbedder = embeddingModel;
    }
    checkModel(collection.config(), embeddingModel);
  }

  /**
   * Refuses an EmbeddingModel whose vectors would not belong in the collection: other dimensions, or, for a
   * collection that records its model, any model but that one (its text search would then compare vectors of two
   * different models).
   */
  private static void checkModel(CollectionConfig config, EmbeddingModel embeddingModel) {
    int actual = embeddingModel.dimensions();
    if (actual != config.dimensions()) {
      throw new IllegalArgumentException("the EmbeddingModel makes vectors of " + actual + " dimensions; collection '"
          + config.name() + "' holds " + config.dimensions() + " (use the collection's model, or a new collection)");
    }
    if (config.model() == null) {
      return;
    }
    boolean same = embeddingModel instanceof EmbedkitEmbeddingModel embedkit
        && ModelFingerprint.of(embedkit.info()).equals(config.model().fingerprint());
    if (!same) {
      String running = embeddingModel instanceof EmbedkitEmbeddingModel embedkit
          ? "embedkit model '" + embedkit.info().name() + "'" : "a " + embeddingModel.getClass().getSimpleName();
      throw new IllegalArgumentException("collection '" + config.name() + "' was built with embedkit model '"
          + config.model().name() + "'; the EmbeddingModel is " + running + " (give the store that model, or use a"
          + " collection of external vectors)");
    }
  }

  /** A builder over an open collection, embedding with this model. */
  public static Builder builder(Collection collection, EmbeddingModel embeddingModel) {
    return new Builder(collection, embeddingModel);
  }

  /** Refuses documents with media before Spring's own, vaguer check, then adds as Spring AI's stores do. */
  @Override
  public void add(List<Document> documents) {
    requireText(documents);
    super.add(documents);
  }

  private static void requireText(List<Document> documents) {
    Objects.requireNonNull(documents, "documents");
    for (Document document : documents) {
      if (!document.isText()) {
        throw new IllegalArgumentException("document '" + document.getId() + "' has media, not text: the VectorStore"
            + " embeds text; embed images with EmbedkitDocumentEmbeddingModel");
      }
    }
  }

  @Override
  public void doAdd(List<Document> documents) {
    requireText(documents);
    if (documents.isEmpty()) {
      return;
    }
    List<float[]> vectors = documentEmbedder.embed(documents, EmbeddingOptions.builder().build(), batchingStrategy);
    List<dev.embedkit.store.Document> records = new ArrayList<>(documents.size());
    try {
      for (int i = 0; i < documents.size(); i++) {
        Document document = documents.get(i);
        records.add(new dev.embedkit.store.Document(document.getId(), document.getText(), document.getMetadata(),
            vectors.get(i), null));
      }
      collection.upsert(records);
    } catch (EmbedkitException e) {
      throw SpringErrors.translate(e);
    }
  }

  @Override
  public void doDelete(List<String> idList) {
    Objects.requireNonNull(idList, "ids");
    try {
      collection.delete(idList);
    } catch (EmbedkitException e) {
      throw SpringErrors.translate(e);
    }
  }

  @Override
  protected void doDelete(org.springframework.ai.vectorstore.filter.Filter.Expression filterExpression) {
    Filter filter = SpringFilters.toEmbedkit(filterExpression);
    try {
      LenientFilters.Resolved resolved = LenientFilters.resolve(filter, collection.info().fields());
      if (resolved.matchesNone()) {
        return;
      }
      if (resolved.matchesAll()) {
        collection.clear();
      } else {
        collection.delete(resolved.filter());
      }
    } catch (EmbedkitException e) {
      throw SpringErrors.translate(e);
    }
  }

  @Override
  public List<Document> doSimilaritySearch(SearchRequest request) {
    Objects.requireNonNull(request, "request");
    if (request.getTopK() == 0) {
      return List.of();
    }
    Filter filter = request.hasFilterExpression() ? SpringFilters.toEmbedkit(request.getFilterExpression()) : null;
    LenientFilters.Resolved resolved;
    try {
      resolved = LenientFilters.resolve(filter, collection.info().fields());
    } catch (EmbedkitException e) {
      throw SpringErrors.translate(e);
    }
    if (resolved.matchesNone()) {
      return List.of();
    }
    float[] query = queryEmbedder.embed(request.getQuery());
    List<SearchHit> hits;
    try {
      // SimpleVectorStore keeps score >= threshold whatever the threshold, so 0 drops negative cosines.
      var search = dev.embedkit.store.SearchRequest.of(Query.vector(query))
          .withTopK(request.getTopK())
          .withFilter(resolved.filter())
          .withExact(exact)
          .withMinScore(request.getSimilarityThreshold())
          .withFields(FIELDS);
      hits = collection.search(search);
    } catch (EmbedkitException e) {
      throw SpringErrors.translate(e);
    }
    List<Document> documents = new ArrayList<>(hits.size());
    for (SearchHit hit : hits) {
      Map<String, Object> metadata = new HashMap<>(hit.metadata());
      metadata.put(DocumentMetadata.DISTANCE.value(), 1.0 - hit.score());
      documents.add(Document.builder().id(hit.id()).text(hit.text()).metadata(metadata).score(hit.score()).build());
    }
    return documents;
  }

  @Override
  public VectorStoreObservationContext.Builder createObservationContextBuilder(String operationName) {
    return VectorStoreObservationContext.builder(DB_SYSTEM, operationName)
        .collectionName(collection.config().name())
        .dimensions(collection.config().dimensions())
        .similarityMetric(collection.config().similarity().name().toLowerCase(java.util.Locale.ROOT));
  }

  /** The embedkit collection itself. */
  @Override
  @SuppressWarnings("unchecked")
  public <T> Optional<T> getNativeClient() {
    return Optional.of((T) collection);
  }

  /** The embedkit collection itself, typed. */
  public Collection collection() {
    return collection;
  }

  /** Builds an {@link EmbedkitVectorStore}. */
  public static final class Builder extends AbstractVectorStoreBuilder<Builder> {
    private final Collection collection;
    private boolean exact;

    private Builder(Collection collection, EmbeddingModel embeddingModel) {
      super(embeddingModel);
      this.collection = Objects.requireNonNull(collection, "collection");
      batchingStrategy(fixedSize(DEFAULT_BATCH_SIZE));
    }

    /**
     * Scores every vector instead of walking the HNSW graph (exact nearest neighbours; slower on large collections).
     * Off by default.
     */
    public Builder exactSearch(boolean exactSearch) {
      this.exact = exactSearch;
      return this;
    }

    @Override
    public EmbedkitVectorStore build() {
      return new EmbedkitVectorStore(this);
    }
  }

  /**
   * Batches of at most {@code size} documents. Spring AI's default, TokenCountBatchingStrategy, counts OpenAI tokens
   * for an 8,191-token API limit that a local model does not have (embedkit truncates or chunks to its own window).
   */
  public static BatchingStrategy fixedSize(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("batch size must be positive; size=" + size);
    }
    return documents -> {
      List<List<Document>> batches = new ArrayList<>();
      for (int from = 0; from < documents.size(); from += size) {
        batches.add(documents.subList(from, Math.min(documents.size(), from + size)));
      }
      return batches;
    };
  }
}
