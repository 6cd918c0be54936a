package dev.embedkit.langchain4j;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Collection;
import dev.embedkit.store.Field;
import dev.embedkit.store.Hybrid;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.filter.Filter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A LangChain4j {@link ContentRetriever} that sends the query's text to an embedkit collection, which embeds it with
 * its own model (the model's query prompt included) and, by default, fuses BM25 over the stored texts with the vector
 * ranking by reciprocal rank fusion ({@link Hybrid}). Exact words (names, codes, rare terms) then find their documents
 * even where the vectors rank them low. The collection must have a model (create it with
 * {@link EmbedkitEmbeddingStore.Builder#embeddingModel}).
 *
 * <pre>{@code
 * ContentRetriever retriever = EmbedkitContentRetriever.builder()
 *     .collection(store.collection()).maxResults(5).build();
 * List<Content> contents = retriever.retrieve(Query.from("What lowers blood pressure?"));
 * }</pre>
 *
 * Each content carries {@link ContentMetadata#SCORE} (the fused RRF score in hybrid mode, cosine with
 * {@code hybrid(null)}) and {@link ContentMetadata#EMBEDDING_ID}; {@code minScore} applies to that same score,
 * inclusively. Hits without text (vector-only documents) are left out: a retrieved content is text for a prompt.
 */
public final class EmbedkitContentRetriever implements ContentRetriever {
  public static final int DEFAULT_MAX_RESULTS = 3;

  private final Collection collection;
  private final int maxResults;
  private final Double minScore;
  private final Function<Query, Filter> filter;
  private final Hybrid hybrid;

  private EmbedkitContentRetriever(Builder builder) {
    if (builder.collection == null) {
      throw new IllegalArgumentException("collection cannot be null; give an open collection (store.collection())");
    }
    if (builder.maxResults < 1 || builder.maxResults > SearchRequest.MAX_TOP_K) {
      throw new IllegalArgumentException("maxResults is " + builder.maxResults + "; accepted: 1 to "
          + SearchRequest.MAX_TOP_K);
    }
    if (builder.minScore != null && !Double.isFinite(builder.minScore)) {
      throw new IllegalArgumentException("minScore is " + builder.minScore + "; accepted: a finite number");
    }
    this.collection = builder.collection;
    this.maxResults = builder.maxResults;
    this.minScore = builder.minScore;
    this.filter = builder.filter;
    this.hybrid = builder.hybrid;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public List<Content> retrieve(Query query) {
    if (query == null || query.text() == null || query.text().isBlank()) {
      throw new IllegalArgumentException("query cannot be null or blank");
    }
    SearchRequest request = SearchRequest.of(dev.embedkit.store.Query.text(query.text()))
        .withTopK(maxResults)
        .withHybrid(hybrid)
        .withMinScore(minScore)
        .withFilter(FilterTranslator.translate(filter.apply(query)))
        .withFields(EnumSet.of(Field.TEXT, Field.METADATA));
    List<SearchHit> hits;
    try {
      hits = collection.search(request);
    } catch (EmbedkitException e) {
      throw Errors.translate(e);
    }
    List<Content> contents = new ArrayList<>(hits.size());
    for (SearchHit hit : hits) {
      TextSegment segment = EmbedkitEmbeddingStore.segment(hit.text(), hit.metadata());
      if (segment != null) {
        contents.add(Content.from(segment, Map.of(ContentMetadata.SCORE, hit.score(),
            ContentMetadata.EMBEDDING_ID, hit.id())));
      }
    }
    return contents;
  }

  /** Builds an {@link EmbedkitContentRetriever}: a collection, optionally results, minimum score, filter, fusion. */
  public static final class Builder {
    private Collection collection;
    private int maxResults = DEFAULT_MAX_RESULTS;
    private Double minScore;
    private Function<Query, Filter> filter = query -> null;
    private Hybrid hybrid = Hybrid.DEFAULTS;

    private Builder() {}

    public Builder collection(Collection open) {
      this.collection = open;
      return this;
    }

    /** The store's collection. */
    public Builder store(EmbedkitEmbeddingStore store) {
      this.collection = store.collection();
      return this;
    }

    public Builder maxResults(int n) {
      this.maxResults = n;
      return this;
    }

    /** Drops results scoring below this (inclusive bound) on the score this retriever reports. */
    public Builder minScore(Double bound) {
      this.minScore = bound;
      return this;
    }

    /** A metadata filter for every query. */
    public Builder filter(Filter metadataFilter) {
      this.filter = query -> metadataFilter;
      return this;
    }

    /** A metadata filter chosen per query (e.g. from the user in the query's metadata). */
    public Builder dynamicFilter(Function<Query, Filter> perQuery) {
      this.filter = perQuery == null ? query -> null : perQuery;
      return this;
    }

    /** The fusion weights and RRF constant; null for vectors only. Default {@link Hybrid#DEFAULTS} (1, 1, k 60). */
    public Builder hybrid(Hybrid fusion) {
      this.hybrid = fusion;
      return this;
    }

    public EmbedkitContentRetriever build() {
      return new EmbedkitContentRetriever(this);
    }
  }
}
