package dev.embedkit.solr;

import static dev.embedkit.solr.SolrFields.CHUNK;
import static dev.embedkit.solr.SolrFields.DOC_ID;
import static dev.embedkit.solr.SolrFields.END;
import static dev.embedkit.solr.SolrFields.ID;
import static dev.embedkit.solr.SolrFields.START;
import static dev.embedkit.solr.SolrFields.VECTOR;
import static dev.embedkit.solr.SolrFilters.quote;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionEmbedder;
import dev.embedkit.store.Field;
import dev.embedkit.store.Granularity;
import dev.embedkit.store.Hybrid;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.vector.Metric;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;

/**
 * Runs a {@link SearchRequest} on a {@link SolrCollection}, step by step as the embedded store's search does: the
 * query's vector (embedded here, once), Solr's kNN under the filter with candidates per shard, scored as the
 * collection's {@link Metric} (Solr's own cosine, or rescored on the stored floats), best chunk per document, BM25
 * and reciprocal rank fusion for hybrid search, then min score, offset, top-k and the fields asked for.
 *
 * <p>BM25: the query text is analysed here with the collection's analyzer (the same class as in the Solr schema and
 * the embedded store) and sent as one term query per token ({@code {!bool should=...}} of {@code {!term}} queries,
 * values passed as raw parameters, so no query syntax or escaping is involved), which is what Lucene's QueryBuilder
 * makes of a text in the embedded store. The collection-wide statistics (ExactStatsCache in the configset) make the
 * BM25 scores those of one index.
 */
final class SolrSearch {
  private final SolrCollection collection;
  private final CollectionConfig config;

  SolrSearch(SolrCollection collection) {
    this.collection = collection;
    this.config = collection.config();
  }

  /** A chunk found: its Solr id, document id, span, stored vector (when fetched), rank and score (larger is closer). */
  private record Candidate(String solrId, String id, int chunk, int start, int end, float[] vector, double rank,
      double score) {
    Candidate withScore(double value) {
      return new Candidate(solrId, id, chunk, start, end, vector, value, value);
    }
  }

  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingDouble(Candidate::rank).reversed().thenComparing(Candidate::solrId);

  List<SearchHit> run(SearchRequest request) {
    Metric metric = config.similarity();
    boolean documents = request.granularity() == Granularity.DOCUMENTS;
    int wanted = request.topK() + request.offset();
    if (request.query() instanceof Query.Keywords keywords) {
      if (request.hybrid() != null) {
        throw EmbedkitException.unsupported("a keywords query is BM25 alone; hybrid search needs a text query");
      }
      List<String> filters = filters(request, null);
      return page(keywordRanking(keywords.text(), filters, request, wanted, documents), request);
    }
    if (request.minScore() != null && !metric.isSimilarity() && request.hybrid() == null) {
      throw EmbedkitException.unsupported("min score applies to similarities; collection '" + config.name()
          + "' ranks by " + metric.name().toLowerCase(Locale.ROOT) + " distance (smaller is closer)");
    }
    String excluded = null;
    float[] vector;
    Query query = request.query();
    if (query instanceof Query.Text text) {
      vector = embedder("a text query").query(text.text());
    } else if (query instanceof Query.Image image) {
      CollectionEmbedder embedder = embedder("an image query");
      if (!embedder.takesImages()) {
        throw EmbedkitException.unsupported("collection '" + config.name() + "' uses the text model "
            + config.model().name() + "; image queries need a CLIP collection");
      }
      vector = embedder.images(List.of(image.source())).get(0);
    } else if (query instanceof Query.Vector given) {
      collection.checkQueryVector(given.vector());
      vector = given.vector();
    } else {
      String id = ((Query.LikeDocument) query).id();
      StoredDocument like = collection.get(id, true).orElseThrow(() -> EmbedkitException.notFound("collection '"
          + config.name() + "' holds no document '" + id + "' to search like"));
      vector = like.vector();
      excluded = id;
    }
    List<String> filters = filters(request, excluded);
    List<Candidate> ranked = vectorRanking(vector, filters, request, wanted, documents);
    if (request.hybrid() != null) {
      ranked = fuse(ranked, keywordRanking(((Query.Text) query).text(), filters, request, wanted, documents),
          request.hybrid(), documents);
    }
    return page(ranked, request);
  }

  private CollectionEmbedder embedder(String what) {
    if (config.externalVectors()) {
      throw EmbedkitException.unsupported("collection '" + config.name() + "' holds external vectors and has no model"
          + " to embed " + what + "; search it by vector or by document id");
    }
    if (collection.embedder() == null) {
      throw EmbedkitException.unsupported("collection '" + config.name() + "' was opened without its model "
          + config.model().name() + "; it cannot embed " + what);
    }
    return collection.embedder();
  }

  private List<String> filters(SearchRequest request, String excluded) {
    List<String> filters = new ArrayList<>(2);
    if (request.filter() != null) {
      filters.add(collection.filterQuery(request.filter()));
    }
    if (excluded != null) {
      filters.add("-" + DOC_ID + ":" + quote(excluded));
    }
    return filters;
  }

  /**
   * Chunks ranked by the exact metric: Solr's kNN with {@code n} candidates per shard (in exact mode, every matching
   * chunk: a kNN query whose pre-filter matches no more than topK vectors is an exact scan in Lucene), the best
   * {@code rows} of them; for document granularity the best chunk per document, asking for more rows, then more
   * candidates, until {@code wanted} documents are found or every matching chunk was seen.
   */
  private List<Candidate> vectorRanking(float[] vector, List<String> filters, SearchRequest request, int wanted,
      boolean documents) {
    long total = -1;
    int n = Math.max(request.candidates(), wanted);
    if (request.exact()) {
      total = matchingChunks(filters);
      n = (int) Math.max(1, Math.min(total, Integer.MAX_VALUE / Math.max(1, collection.shards())));
    }
    // Hybrid fusion ranks every candidate (as the embedded store does); a plain search needs only the page's hits
    int rows = request.hybrid() != null ? (int) Math.min(Integer.MAX_VALUE, (long) n * collection.shards()) : wanted;
    while (true) {
      List<Candidate> chunks = knn(vector, filters, n, rows, request.exact());
      List<Candidate> ranked = documents ? bestPerDocument(chunks) : chunks;
      if (ranked.size() >= wanted) {
        return ranked;
      }
      long pool = (long) n * collection.shards(); // what the shards' kNN yields at most
      if (chunks.size() >= rows && rows < pool) {
        rows = (int) Math.min(pool, (long) rows * 4); // a document's chunks filled the page: read further
        continue;
      }
      if (total < 0) {
        total = matchingChunks(filters);
      }
      if (chunks.size() >= total || n >= total) {
        return ranked;
      }
      n = (int) Math.min((long) n * 4, total);
      rows = (int) Math.min((long) n * collection.shards(), (long) rows * 4);
    }
  }

  private long matchingChunks(List<String> filters) {
    SolrQuery query = new SolrQuery("*:*").setRows(0);
    filters.forEach(query::addFilterQuery);
    return collection.query("cannot search collection '" + config.name() + "'", query).getResults().getNumFound();
  }

  /**
   * The best {@code rows} chunks of Solr's kNN ({@code n} per shard; ties in id order). For cosine the score is
   * Solr's own, Lucene's (1 + cos) / 2 computed on the same float32 vectors, turned back into the cosine (so only ids
   * travel; within about 1e-7 of the embedded store's); dot product (Lucene's clamps below -1, and the embedded store
   * takes vectors of any length) and euclidean are rescored here on the stored floats.
   */
  private List<Candidate> knn(float[] vector, List<String> filters, int n, int rows, boolean exact) {
    StringBuilder text = new StringBuilder(vector.length * 12);
    text.append("{!knn f=").append(VECTOR).append(" topK=").append(n).append("}[");
    for (int i = 0; i < vector.length; i++) {
      text.append(i == 0 ? "" : ",").append(vector[i]);
    }
    text.append(']');
    Metric metric = config.similarity();
    boolean solrScores = metric == Metric.COSINE;
    SolrQuery query = new SolrQuery(text.toString()).setRows(rows)
        .setFields(ID, DOC_ID, CHUNK, START, END, solrScores ? "score" : VECTOR);
    query.addSort("score", SolrQuery.ORDER.desc).addSort(ID, SolrQuery.ORDER.asc);
    filters.forEach(query::addFilterQuery);
    if (exact) {
      query.addFilterQuery(CHUNK + ":[* TO *]"); // a pre-filter, so that Lucene scans when it matches <= topK
    }
    SolrDocumentList found = collection.query("cannot search collection '" + config.name() + "'", query).getResults();
    List<Candidate> out = new ArrayList<>(found.size());
    for (SolrDocument doc : found) {
      if (solrScores) {
        double score = 2 * ((Number) doc.getFirstValue("score")).doubleValue() - 1;
        out.add(candidate(doc, null, score, score));
      } else {
        float[] stored = SolrCollection.vector(doc);
        out.add(candidate(doc, stored, metric.rankingScore(vector, stored), metric.compute(vector, stored)));
      }
    }
    out.sort(BEST_FIRST);
    return out;
  }

  private static Candidate candidate(SolrDocument doc, float[] vector, double rank, double score) {
    return new Candidate((String) doc.getFirstValue(ID), (String) doc.getFirstValue(DOC_ID),
        ((Number) doc.getFirstValue(CHUNK)).intValue(), ((Number) doc.getFirstValue(START)).intValue(),
        ((Number) doc.getFirstValue(END)).intValue(), vector, rank, score);
  }

  private static List<Candidate> bestPerDocument(List<Candidate> chunks) {
    Map<String, Candidate> best = new LinkedHashMap<>();
    for (Candidate chunk : chunks) {
      best.putIfAbsent(chunk.id(), chunk); // chunks arrive best first
    }
    return new ArrayList<>(best.values());
  }

  /** BM25 over the chunks' text under the same filters. */
  private List<Candidate> keywordRanking(String text, List<String> filters, SearchRequest request, int wanted,
      boolean documents) {
    List<String> tokens = tokens(text);
    if (tokens.isEmpty()) {
      return List.of(); // only stop words
    }
    int n = Math.max(request.candidates(), wanted);
    SolrQuery query = new SolrQuery().setRows(n);
    StringBuilder bool = new StringBuilder("{!bool");
    for (int i = 0; i < tokens.size(); i++) {
      bool.append(" should=$t").append(i);
      query.set("t" + i, "{!term f=" + SolrFields.BODY + " v=$w" + i + "}");
      query.set("w" + i, tokens.get(i));
    }
    query.setQuery(bool.append('}').toString());
    boolean vectors = request.fields().contains(Field.VECTOR);
    query.setFields(vectors ? new String[] {ID, DOC_ID, CHUNK, START, END, VECTOR, "score"}
        : new String[] {ID, DOC_ID, CHUNK, START, END, "score"});
    query.addSort("score", SolrQuery.ORDER.desc).addSort(ID, SolrQuery.ORDER.asc);
    filters.forEach(query::addFilterQuery);
    SolrDocumentList found = collection.query("cannot search collection '" + config.name() + "'", query).getResults();
    List<Candidate> chunks = new ArrayList<>(found.size());
    for (SolrDocument doc : found) {
      double score = ((Number) doc.getFirstValue("score")).doubleValue();
      chunks.add(candidate(doc, vectors ? SolrCollection.vector(doc) : null, score, score));
    }
    return documents ? bestPerDocument(chunks) : chunks;
  }

  /** The query's terms as the collection's analyzer makes them (one per position, repeats kept). */
  private List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    try (TokenStream stream = collection.analyzer().tokenStream(SolrFields.BODY, text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        out.add(term.toString());
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  /**
   * Weighted reciprocal rank fusion of the vector and keyword rankings (1-based ranks), as in the embedded store. A
   * hit keeps the vector ranking's chunk when it has one, else the keyword ranking's.
   */
  private static List<Candidate> fuse(List<Candidate> vectors, List<Candidate> keywords, Hybrid hybrid,
      boolean documents) {
    Map<String, Double> scores = new HashMap<>();
    Map<String, Candidate> chosen = new LinkedHashMap<>();
    for (int i = 0; i < vectors.size(); i++) {
      Candidate c = vectors.get(i);
      String key = documents ? c.id() : c.solrId();
      scores.merge(key, hybrid.vectorWeight() / (hybrid.rrfK() + i + 1.0), Double::sum);
      chosen.putIfAbsent(key, c);
    }
    for (int i = 0; i < keywords.size(); i++) {
      Candidate c = keywords.get(i);
      String key = documents ? c.id() : c.solrId();
      scores.merge(key, hybrid.keywordWeight() / (hybrid.rrfK() + i + 1.0), Double::sum);
      chosen.putIfAbsent(key, c);
    }
    List<Candidate> out = new ArrayList<>(chosen.size());
    for (Map.Entry<String, Candidate> entry : chosen.entrySet()) {
      out.add(entry.getValue().withScore(scores.get(entry.getKey())));
    }
    out.sort(BEST_FIRST);
    return out;
  }

  /** The request's page of a ranking (offset, top k), stopping at the first candidate under the min score. */
  private List<SearchHit> page(List<Candidate> ranked, SearchRequest request) {
    List<Candidate> chosen = new ArrayList<>();
    for (int i = request.offset(); i < ranked.size() && chosen.size() < request.topK(); i++) {
      Candidate candidate = ranked.get(i);
      if (request.minScore() != null && candidate.score() < request.minScore()) {
        break;
      }
      chosen.add(candidate);
    }
    Set<Field> fields = request.fields();
    boolean stored = fields.contains(Field.TEXT) || fields.contains(Field.METADATA) || fields.contains(Field.CHUNK)
        || fields.contains(Field.IMAGE);
    boolean vectors = fields.contains(Field.VECTOR);
    Map<String, StoredDocument> documents = new HashMap<>();
    boolean missingVectors = vectors && chosen.stream().anyMatch(c -> c.vector() == null);
    if (stored || missingVectors) {
      List<String> ids = chosen.stream().map(Candidate::id).distinct().toList();
      for (StoredDocument document : collection.get(ids, missingVectors)) {
        documents.put(document.id(), document);
      }
    }
    List<SearchHit> hits = new ArrayList<>(chosen.size());
    for (Candidate candidate : chosen) {
      StoredDocument document = documents.get(candidate.id());
      float[] vector = null;
      if (vectors) {
        vector = candidate.vector();
        if (vector == null && document != null) {
          vector = document.chunks().stream().filter(c -> c.chunk().index() == candidate.chunk()).findFirst()
              .map(StoredDocument.StoredChunk::vector).orElse(null);
        }
      }
      if (!stored || document == null) {
        hits.add(new SearchHit(candidate.id(), candidate.score(), null, null, vector, null, null));
        continue;
      }
      String text = document.text();
      Chunk chunk = fields.contains(Field.CHUNK) && text != null
          ? new Chunk(candidate.chunk(), candidate.start(), candidate.end(),
              text.substring(candidate.start(), candidate.end()))
          : null;
      hits.add(new SearchHit(candidate.id(), candidate.score(), fields.contains(Field.TEXT) ? text : null,
          fields.contains(Field.METADATA) ? document.metadata() : null, vector, chunk,
          fields.contains(Field.IMAGE) ? document.image() : null));
    }
    return hits;
  }
}
