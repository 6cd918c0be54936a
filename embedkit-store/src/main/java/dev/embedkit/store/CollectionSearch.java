package dev.embedkit.store;

import static dev.embedkit.store.LuceneSchema.CHUNK;
import static dev.embedkit.store.LuceneSchema.END;
import static dev.embedkit.store.LuceneSchema.ID;
import static dev.embedkit.store.LuceneSchema.IMAGE;
import static dev.embedkit.store.LuceneSchema.SORT_ID;
import static dev.embedkit.store.LuceneSchema.START;
import static dev.embedkit.store.LuceneSchema.TEXT;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.filter.LuceneFilters;
import dev.embedkit.vector.Metric;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.QueryBuilder;

/**
 * Runs a {@link SearchRequest} on a searcher: the query's vector, the graph walk (or every vector in exact mode) under
 * the filter, exact rescoring with the collection's {@link Metric}, best chunk per document, BM25 and reciprocal rank
 * fusion for hybrid search, then min score, offset, top-k and the fields asked for.
 */
final class CollectionSearch {
  private final LuceneCollection collection;

  CollectionSearch(LuceneCollection collection) {
    this.collection = collection;
  }

  /** A chunk found: its doc id, its document's id, and its score (larger is closer). */
  private record Candidate(int doc, String id, double rank, double score) {}

  private static final Comparator<Candidate> BEST_FIRST =
      Comparator.comparingDouble(Candidate::rank).reversed().thenComparingInt(Candidate::doc);

  List<SearchHit> run(IndexSearcher searcher, SearchRequest request) throws IOException {
    CollectionConfig config = collection.config();
    Metric metric = config.similarity();
    if (request.query() instanceof dev.embedkit.store.Query.Keywords keywords) {
      return keywordsOnly(searcher, keywords.text(), request);
    }
    if (request.minScore() != null && !metric.isSimilarity() && request.hybrid() == null) {
      throw EmbedkitException.unsupported("min score applies to similarities; collection '" + config.name()
          + "' ranks by " + metric.name().toLowerCase(java.util.Locale.ROOT) + " distance (smaller is closer)");
    }
    String excluded = null;
    float[] vector;
    dev.embedkit.store.Query query = request.query();
    if (query instanceof dev.embedkit.store.Query.Text text) {
      vector = embedder(config, "a text query").query(text.text());
    } else if (query instanceof dev.embedkit.store.Query.Image image) {
      CollectionEmbedder embedder = embedder(config, "an image query");
      if (!embedder.takesImages()) {
        throw EmbedkitException.unsupported("collection '" + config.name() + "' uses the text model "
            + config.model().name() + "; image queries need a CLIP collection");
      }
      vector = embedder.images(List.of(image.source())).get(0);
    } else if (query instanceof dev.embedkit.store.Query.Vector given) {
      collection.checkVector(given.vector(), "the query");
      vector = given.vector();
    } else {
      String id = ((dev.embedkit.store.Query.LikeDocument) query).id();
      vector = storedVector(searcher, id);
      excluded = id;
    }
    Query filter = request.filter() == null ? null : LuceneFilters.toQuery(request.filter(), collection.kinds());
    if (excluded != null) {
      BooleanQuery.Builder without = new BooleanQuery.Builder()
          .add(filter == null ? new MatchAllDocsQuery() : filter, Occur.FILTER)
          .add(new TermQuery(new Term(ID, excluded)), Occur.MUST_NOT);
      filter = without.build();
    }
    int wanted = request.topK() + request.offset();
    boolean documents = request.granularity() == Granularity.DOCUMENTS;
    List<Candidate> ranked = vectorRanking(searcher, vector, filter, request, wanted, documents);
    if (request.hybrid() != null) {
      ranked = fuse(ranked, keywordRanking(searcher, ((dev.embedkit.store.Query.Text) query).text(), filter, request,
          wanted, documents), request.hybrid(), documents);
    }
    return page(searcher, ranked, request);
  }

  /** BM25 alone (a {@link dev.embedkit.store.Query.Keywords} query): hits scored by BM25, best chunk per document. */
  private List<SearchHit> keywordsOnly(IndexSearcher searcher, String text, SearchRequest request) throws IOException {
    if (request.hybrid() != null) {
      throw EmbedkitException.unsupported("a keywords query is BM25 alone; hybrid search needs a text query");
    }
    Query filter = request.filter() == null ? null : LuceneFilters.toQuery(request.filter(), collection.kinds());
    int wanted = request.topK() + request.offset();
    List<Candidate> ranked = keywordRanking(searcher, text, filter, request, wanted,
        request.granularity() == Granularity.DOCUMENTS);
    return page(searcher, ranked, request);
  }

  /** The request's page of a ranking (offset, top k), stopping at the first candidate under the min score. */
  private List<SearchHit> page(IndexSearcher searcher, List<Candidate> ranked, SearchRequest request)
      throws IOException {
    List<SearchHit> hits = new ArrayList<>();
    for (int i = request.offset(); i < ranked.size() && hits.size() < request.topK(); i++) {
      Candidate candidate = ranked.get(i);
      if (request.minScore() != null && candidate.score() < request.minScore()) {
        break;
      }
      hits.add(hit(searcher, candidate, request.fields()));
    }
    return hits;
  }

  private CollectionEmbedder embedder(CollectionConfig config, String what) {
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

  private float[] storedVector(IndexSearcher searcher, String id) throws IOException {
    Query first = LuceneCollection.firstChunks(new TermQuery(new Term(ID, id)));
    ScoreDoc[] docs = searcher.search(first, 1).scoreDocs;
    if (docs.length == 0) {
      throw EmbedkitException.notFound("collection '" + collection.config().name() + "' holds no document '" + id
          + "' to search like");
    }
    return StoredVectors.read(searcher, new int[] {docs[0].doc})[0];
  }

  /**
   * Chunks ranked by the exact metric: the graph's (or, exact, every vector's) best {@code n} candidates rescored on
   * their stored floats; for document granularity the best chunk per document, asking for more candidates until
   * {@code wanted} documents are found or every chunk was seen.
   */
  private List<Candidate> vectorRanking(IndexSearcher searcher, float[] vector, Query filter, SearchRequest request,
      int wanted, boolean documents) throws IOException {
    int total = searcher.getIndexReader().numDocs();
    int n = Math.max(request.candidates(), wanted);
    while (true) {
      List<Candidate> chunks = request.exact() ? exact(searcher, vector, filter, n) : graph(searcher, vector, filter, n);
      List<Candidate> ranked = documents ? bestPerDocument(chunks) : chunks;
      if (ranked.size() >= wanted || chunks.size() < n || n >= total) {
        return ranked;
      }
      n = (int) Math.min((long) n * 4, total);
    }
  }

  private List<Candidate> graph(IndexSearcher searcher, float[] vector, Query filter, int n) throws IOException {
    KnnFloatVectorQuery knn = new KnnFloatVectorQuery(LuceneSchema.VECTOR, vector, n, filter);
    ScoreDoc[] found = searcher.search(knn, n).scoreDocs;
    int[] docs = new int[found.length];
    for (int i = 0; i < found.length; i++) {
      docs[i] = found[i].doc;
    }
    float[][] stored = StoredVectors.read(searcher, docs);
    Metric metric = collection.config().similarity();
    List<Candidate> out = new ArrayList<>(docs.length);
    for (int i = 0; i < docs.length; i++) {
      out.add(new Candidate(docs[i], null, metric.rankingScore(vector, stored[i]), metric.compute(vector, stored[i])));
    }
    out.sort(BEST_FIRST);
    return withIds(searcher, out);
  }

  /** Ground truth: every live vector under the filter is scored. */
  private List<Candidate> exact(IndexSearcher searcher, float[] vector, Query filter, int n) throws IOException {
    Metric metric = collection.config().similarity();
    Weight weight = filter == null ? null
        : searcher.createWeight(searcher.rewrite(filter), ScoreMode.COMPLETE_NO_SCORES, 1f);
    PriorityQueue<Candidate> heap = new PriorityQueue<>(n + 1, BEST_FIRST.reversed());
    for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
      FloatVectorValues values = leaf.reader().getFloatVectorValues(LuceneSchema.VECTOR);
      if (values == null) {
        continue;
      }
      DocIdSetIterator allowed = null;
      if (weight != null) {
        Scorer scorer = weight.scorer(leaf);
        if (scorer == null) {
          continue;
        }
        allowed = scorer.iterator();
      }
      Bits live = leaf.reader().getLiveDocs();
      for (int doc = values.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = values.nextDoc()) {
        if (live != null && !live.get(doc)) {
          continue;
        }
        if (allowed != null) {
          int at = allowed.docID() >= doc ? allowed.docID() : allowed.advance(doc);
          if (at != doc) {
            if (at == DocIdSetIterator.NO_MORE_DOCS) {
              break;
            }
            continue;
          }
        }
        float[] stored = values.vectorValue();
        double rank = metric.rankingScore(vector, stored);
        if (heap.size() < n || rank > heap.peek().rank()) {
          heap.add(new Candidate(leaf.docBase + doc, null, rank, metric.compute(vector, stored)));
          if (heap.size() > n) {
            heap.poll();
          }
        }
      }
    }
    List<Candidate> out = new ArrayList<>(heap);
    out.sort(BEST_FIRST);
    return withIds(searcher, out);
  }

  /** The candidates with their document ids, read from sorted doc values in doc order, one iterator per segment. */
  private static List<Candidate> withIds(IndexSearcher searcher, List<Candidate> candidates) throws IOException {
    List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
    Integer[] order = new Integer[candidates.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, Comparator.comparingInt(i -> candidates.get(i).doc()));
    String[] ids = new String[order.length];
    int leafIndex = -1;
    SortedDocValues values = null;
    LeafReaderContext leaf = null;
    for (int i : order) {
      int doc = candidates.get(i).doc();
      int at = ReaderUtil.subIndex(doc, leaves);
      if (at != leafIndex) {
        leafIndex = at;
        leaf = leaves.get(at);
        values = leaf.reader().getSortedDocValues(SORT_ID);
      }
      int local = doc - leaf.docBase;
      if (values != null && (values.docID() == local || (values.docID() < local && values.advanceExact(local)))) {
        ids[i] = values.lookupOrd(values.ordValue()).utf8ToString();
      }
    }
    List<Candidate> out = new ArrayList<>(candidates.size());
    for (int i = 0; i < ids.length; i++) {
      Candidate candidate = candidates.get(i);
      out.add(new Candidate(candidate.doc(), ids[i], candidate.rank(), candidate.score()));
    }
    return out;
  }

  private static List<Candidate> bestPerDocument(List<Candidate> chunks) {
    Map<String, Candidate> best = new LinkedHashMap<>();
    for (Candidate chunk : chunks) {
      best.putIfAbsent(chunk.id(), chunk); // chunks arrive best first
    }
    return new ArrayList<>(best.values());
  }

  /** BM25 over the chunks' text under the same filter. */
  private List<Candidate> keywordRanking(IndexSearcher searcher, String text, Query filter, SearchRequest request,
      int wanted, boolean documents) throws IOException {
    Query words = new QueryBuilder(collection.analyzer()).createBooleanQuery(LuceneSchema.BODY, text);
    if (words == null) {
      return List.of(); // only stop words
    }
    BooleanQuery.Builder query = new BooleanQuery.Builder().add(words, Occur.MUST);
    if (filter != null) {
      query.add(filter, Occur.FILTER);
    }
    int n = Math.max(request.candidates(), wanted);
    ScoreDoc[] found = searcher.search(query.build(), n).scoreDocs;
    List<Candidate> chunks = new ArrayList<>(found.length);
    for (ScoreDoc doc : found) {
      chunks.add(new Candidate(doc.doc, null, doc.score, doc.score));
    }
    chunks = withIds(searcher, chunks);
    return documents ? bestPerDocument(chunks) : chunks;
  }

  /**
   * Weighted reciprocal rank fusion of the vector and keyword rankings (1-based ranks). A hit keeps the vector
   * ranking's chunk when it has one, else the keyword ranking's.
   */
  private static List<Candidate> fuse(List<Candidate> vectors, List<Candidate> keywords, Hybrid hybrid,
      boolean documents) {
    Map<Object, Double> scores = new HashMap<>();
    Map<Object, Candidate> chosen = new LinkedHashMap<>();
    for (int i = 0; i < vectors.size(); i++) {
      Candidate c = vectors.get(i);
      Object key = documents ? c.id() : (Object) c.doc();
      scores.merge(key, hybrid.vectorWeight() / (hybrid.rrfK() + i + 1.0), Double::sum);
      chosen.putIfAbsent(key, c);
    }
    for (int i = 0; i < keywords.size(); i++) {
      Candidate c = keywords.get(i);
      Object key = documents ? c.id() : (Object) c.doc();
      scores.merge(key, hybrid.keywordWeight() / (hybrid.rrfK() + i + 1.0), Double::sum);
      chosen.putIfAbsent(key, c);
    }
    List<Candidate> out = new ArrayList<>(chosen.size());
    for (Map.Entry<Object, Candidate> entry : chosen.entrySet()) {
      double score = scores.get(entry.getKey());
      out.add(new Candidate(entry.getValue().doc(), entry.getValue().id(), score, score));
    }
    out.sort(BEST_FIRST);
    return out;
  }

  private SearchHit hit(IndexSearcher searcher, Candidate candidate, Set<Field> fields) throws IOException {
    float[] vector = fields.contains(Field.VECTOR) ? StoredVectors.read(searcher, new int[] {candidate.doc()})[0]
        : null;
    boolean stored = fields.contains(Field.TEXT) || fields.contains(Field.METADATA) || fields.contains(Field.CHUNK)
        || fields.contains(Field.IMAGE);
    if (!stored) {
      return new SearchHit(candidate.id(), candidate.score(), null, null, vector, null, null);
    }
    org.apache.lucene.document.Document chunkDoc = searcher.storedFields().document(candidate.doc(),
        Set.of(CHUNK, START, END, TEXT, LuceneSchema.META, IMAGE));
    int index = chunkDoc.getField(CHUNK).numericValue().intValue();
    org.apache.lucene.document.Document first = chunkDoc;
    if (index != 0) {
      ScoreDoc[] docs = searcher.search(LuceneCollection.firstChunks(new TermQuery(new Term(ID, candidate.id()))), 1)
          .scoreDocs;
      first = docs.length == 0 ? chunkDoc : searcher.storedFields().document(docs[0].doc);
    }
    String text = first.get(TEXT);
    Chunk chunk = null;
    if (fields.contains(Field.CHUNK) && text != null) {
      int start = chunkDoc.getField(START).numericValue().intValue();
      int end = chunkDoc.getField(END).numericValue().intValue();
      chunk = new Chunk(index, start, end, text.substring(start, end));
    }
    return new SearchHit(candidate.id(), candidate.score(), fields.contains(Field.TEXT) ? text : null,
        fields.contains(Field.METADATA) ? LuceneCollection.metadata(first) : null, vector, chunk,
        fields.contains(Field.IMAGE) ? first.get(IMAGE) : null);
  }
}
