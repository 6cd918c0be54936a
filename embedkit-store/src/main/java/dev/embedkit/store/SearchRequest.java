package dev.embedkit.store;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.filter.Filter;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A search. Build with {@link #of(Query)} and the withers.
 *
 * @param query what to look for
 * @param topK results wanted (1 to {@value #MAX_TOP_K}); a collection with fewer documents returns what it has
 * @param offset results skipped first (paging), 0 or more
 * @param filter metadata filter applied inside the kNN search (pre-filtering), or null
 * @param hybrid fuse BM25 over the text with the vector ranking (text queries only), or null for vectors only
 * @param exact score every vector (ground truth) instead of walking the HNSW graph
 * @param minScore drop hits scoring below this (inclusive bound), or null
 * @param efSearch candidates the HNSW search keeps (Lucene's k for the graph walk; at least topK + offset); 0 picks
 *     {@value #DEFAULT_EF_SEARCH} or topK + offset if larger
 * @param granularity one hit per document (best chunk) or per chunk
 * @param fields what each hit carries besides id and score
 */
public record SearchRequest(
    Query query,
    int topK,
    int offset,
    Filter filter,
    Hybrid hybrid,
    boolean exact,
    Double minScore,
    int efSearch,
    Granularity granularity,
    Set<Field> fields) {

  public static final int MAX_TOP_K = 10_000;
  public static final int DEFAULT_TOP_K = 10;
  /** Graph candidates by default: recall@10 0.96 at 1,000,000 vectors (m 16, beam width 100; BENCHMARKS.md). */
  public static final int DEFAULT_EF_SEARCH = 200;

  public SearchRequest {
    Objects.requireNonNull(query, "query");
    if (topK < 1 || topK > MAX_TOP_K) {
      throw EmbedkitException.invalidInput("top-k is " + topK + "; accepted: 1 to " + MAX_TOP_K);
    }
    if (offset < 0 || offset > MAX_TOP_K) {
      throw EmbedkitException.invalidInput("offset is " + offset + "; accepted: 0 to " + MAX_TOP_K);
    }
    if (efSearch < 0 || efSearch > MAX_TOP_K) {
      throw EmbedkitException.invalidInput("ef-search is " + efSearch + "; accepted: 0 (default) to " + MAX_TOP_K);
    }
    if (minScore != null && !Double.isFinite(minScore)) {
      throw EmbedkitException.invalidInput("min score is " + minScore + "; accepted: a finite number");
    }
    if (hybrid != null && !(query instanceof Query.Text)) {
      throw EmbedkitException.unsupported("hybrid search needs a text query (BM25 ranks the query's words)");
    }
    granularity = granularity == null ? Granularity.DOCUMENTS : granularity;
    fields = fields == null ? Field.DEFAULT : Set.copyOf(fields.isEmpty() ? EnumSet.noneOf(Field.class) : fields);
  }

  public static SearchRequest of(Query query) {
    return new SearchRequest(query, DEFAULT_TOP_K, 0, null, null, false, null, 0, Granularity.DOCUMENTS,
        Field.DEFAULT);
  }

  /** Graph candidates for this request: efSearch, at least topK + offset. */
  public int candidates() {
    int wanted = topK + offset;
    return Math.max(wanted, efSearch == 0 ? DEFAULT_EF_SEARCH : efSearch);
  }

  public SearchRequest withTopK(int k) {
    return new SearchRequest(query, k, offset, filter, hybrid, exact, minScore, efSearch, granularity, fields);
  }

  public SearchRequest withOffset(int n) {
    return new SearchRequest(query, topK, n, filter, hybrid, exact, minScore, efSearch, granularity, fields);
  }

  public SearchRequest withFilter(Filter f) {
    return new SearchRequest(query, topK, offset, f, hybrid, exact, minScore, efSearch, granularity, fields);
  }

  public SearchRequest withHybrid(Hybrid h) {
    return new SearchRequest(query, topK, offset, filter, h, exact, minScore, efSearch, granularity, fields);
  }

  public SearchRequest withExact(boolean e) {
    return new SearchRequest(query, topK, offset, filter, hybrid, e, minScore, efSearch, granularity, fields);
  }

  public SearchRequest withMinScore(Double s) {
    return new SearchRequest(query, topK, offset, filter, hybrid, exact, s, efSearch, granularity, fields);
  }

  public SearchRequest withEfSearch(int ef) {
    return new SearchRequest(query, topK, offset, filter, hybrid, exact, minScore, ef, granularity, fields);
  }

  public SearchRequest withGranularity(Granularity g) {
    return new SearchRequest(query, topK, offset, filter, hybrid, exact, minScore, efSearch, g, fields);
  }

  public SearchRequest withFields(Set<Field> f) {
    return new SearchRequest(query, topK, offset, filter, hybrid, exact, minScore, efSearch, granularity, f);
  }
}
