package dev.embedkit.langchain4j;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Collection;
import dev.embedkit.store.Field;
import dev.embedkit.store.Hybrid;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.filter.LenientFilters;
import dev.embedkit.vector.Metric;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.content.retriever.ContentRetriever;
import dev.langchain4j.rag.query.Query;
import dev.langchain4j.store.embedding.RelevanceScore;
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
 * Each content carries {@link ContentMetadata#SCORE} and {@link ContentMetadata#EMBEDDING_ID}. With
 * {@code hybrid(null)} (vectors only) the score is LangChain4j's, {@code (cosine + 1) / 2} as {@link
 * EmbedkitEmbeddingStore} reports it, and {@code minScore} keeps a content scoring at least the bound on that scale. In
 * hybrid mode (the default) the score is the reciprocal rank fusion sum, {@code vectorWeight / (k + vectorRank) +
 * keywordWeight / (k + keywordRank)} (ranks from 1, k = 60 by default, so at most about 0.033): it orders the results
 * but is no similarity, and a {@code minScore} with hybrid search is refused (IllegalArgumentException). Filters read
 * a key no document has as LangChain4j does (a condition on it false, its negation true). Hits without text
 * (vector-only documents) are left out: a retrieved content is text for a prompt.
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
    if (builder.minScore != null && builder.hybrid != null) {
      throw new IllegalArgumentException("minScore is refused with hybrid search: the fused score is a reciprocal"
          + " rank sum (about 1/(k + rank) per ranking, at most (vectorWeight + keywordWeight) / (k + 1), e.g."
          + " 0.0328 with the defaults), not a similarity; use hybrid(null) for vector scores in [0, 1], or maxResults");
    }
    if (builder.hybrid == null && builder.collection.config().similarity() != Metric.COSINE
        && builder.collection.config().similarity() != Metric.DOT) {
      throw new IllegalArgumentException("collection '" + builder.collection.config().name() + "' ranks by "
          + builder.collection.config().similarity() + "; vector scores are reported as (cosine + 1) / 2, so use a"
          + " cosine collection (or hybrid search)");
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
        .withMinScore(minScore == null || hybrid != null ? minScore : Double.valueOf(2 * minScore - 1)) // cosine
        .withFields(EnumSet.of(Field.TEXT, Field.METADATA));
    List<SearchHit> hits;
    try {
      LenientFilters.Resolved resolved = EmbedkitEmbeddingStore.lenient(collection, filter.apply(query));
      if (resolved.matchesNone()) {
        return List.of();
      }
      hits = collection.search(request.withFilter(resolved.filter()));
    } catch (EmbedkitException e) {
      throw Errors.translate(e);
    }
    List<Content> contents = new ArrayList<>(hits.size());
    for (SearchHit hit : hits) {
      TextSegment segment = EmbedkitEmbeddingStore.segment(hit.text(), hit.metadata());
      if (segment != null) {
        double score = hybrid == null ? RelevanceScore.fromCosineSimilarity(hit.score()) : hit.score();
        if (hybrid == null && minScore != null && score < minScore) {
          continue; // float rounding at the bound: the bound is on the reported score
        }
        contents.add(Content.from(segment, Map.of(ContentMetadata.SCORE, score,
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

    /**
     * Drops results scoring below this (inclusive bound) on the score this retriever reports, {@code (cosine + 1) /
     * 2}; only with {@code hybrid(null)}: the default hybrid mode's RRF score (at most about 0.033) is no similarity,
     * and {@link #build()} refuses a minScore with it.
     */
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

    /**
     * The fusion weights and RRF constant; null for vectors only. Default {@link Hybrid#DEFAULTS} (1, 1, k 60). A
     * hybrid result's score is {@code vectorWeight / (k + vectorRank) + keywordWeight / (k + keywordRank)}, a rank
     * (from 1) missing from one ranking adding nothing: at most {@code 2 / 61} (about 0.0328) with the defaults.
     */
    public Builder hybrid(Hybrid fusion) {
      this.hybrid = fusion;
      return this;
    }

    public EmbedkitContentRetriever build() {
      return new EmbedkitContentRetriever(this);
    }
  }
}
