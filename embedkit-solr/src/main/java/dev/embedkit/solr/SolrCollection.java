package dev.embedkit.solr;

import static dev.embedkit.solr.SolrFields.CHUNK;
import static dev.embedkit.solr.SolrFields.CHUNKS;
import static dev.embedkit.solr.SolrFields.DOC_ID;
import static dev.embedkit.solr.SolrFields.END;
import static dev.embedkit.solr.SolrFields.ID;
import static dev.embedkit.solr.SolrFields.IMAGE;
import static dev.embedkit.solr.SolrFields.META;
import static dev.embedkit.solr.SolrFields.START;
import static dev.embedkit.solr.SolrFields.TEXT;
import static dev.embedkit.solr.SolrFields.VECTOR;
import static dev.embedkit.solr.SolrFilters.quote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionEmbedder;
import dev.embedkit.store.CollectionInfo;
import dev.embedkit.store.Document;
import dev.embedkit.store.DocumentChecks;
import dev.embedkit.store.Metadata;
import dev.embedkit.store.Page;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.filter.FieldKinds;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.vector.Metric;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.FacetField;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;

/**
 * A collection held by a SolrCloud collection, with the semantics of the embedded {@code LuceneCollection}: the same
 * ids, conflicts, chunking ({@link CollectionEmbedder}), scores, filters and hybrid fusion, so a caller can move from
 * one to the other. Open it with {@link SolrCollections#open} or through the {@code solr} backend
 * ({@link SolrBackend}).
 *
 * <p>Layout: one Solr document per chunk, id {@code DOCID#N}, routed by {@code doc_id} so a document's chunks share a
 * shard; chunk 0 carries the whole text, metadata (JSON) and image reference; every chunk carries the metadata filter
 * fields ({@link SolrFields}), its text for BM25 and its stored vector.
 *
 * <p>Search: the query is embedded once here; Solr's {@code {!knn}} runs with the filter as a global {@code fq}
 * (pre-filter) and {@code topK} per shard; scores are the collection's {@link Metric} (the model's cosine: Solr's
 * (1 + cos) / 2 turned back; other metrics rescored on the stored floats), the best chunk per document is kept, and
 * more rows or candidates are asked for until {@code topK + offset} documents are found or every matching chunk was
 * seen. Hybrid search fuses the kNN ranking with BM25 by the same reciprocal rank fusion as the embedded
 * store, in this process.
 *
 * <p>Durability: a write returns after Solr took it on every live replica of its shard (each writes it to its update
 * log with fsync, see the configset) and after a soft commit, so the next search sees it and a node restart replays
 * it. Writes are retried for {@value SolrCluster#RETRY_BUDGET_MS} ms while a node or leader is missing; they are
 * idempotent (fixed ids), so a retry never duplicates. Thread-safe.
 */
public final class SolrCollection implements Collection {
  /** Longest document id. */
  public static final int MAX_ID_LENGTH = DocumentChecks.MAX_ID_LENGTH;
  /** Documents embedded and sent together by {@link #ingest}. */
  static final int INGEST_BATCH = 64;
  /** Documents that bring their vectors, sent together by {@link #ingest}. */
  static final int INGEST_VECTOR_BATCH = 1024;
  /** Terms in one id query (below Solr's default maxBooleanClauses of 1024). */
  private static final int IDS_PER_QUERY = 500;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ALL_CHUNKS = CHUNK + ":[* TO *]";
  private static final String FIRST_CHUNKS = CHUNK + ":0";

  private final SolrCluster cluster;
  private final String remote;
  private final CollectionConfig config;
  private final CollectionEmbedder embedder;
  private final org.apache.lucene.analysis.Analyzer analyzer;
  private final FieldKinds kinds = new FieldKinds();
  private final int shards;
  private volatile boolean closed;

  SolrCollection(SolrCluster cluster, String remote, CollectionConfig config, EmbeddingModel model) {
    this.cluster = cluster;
    this.remote = remote;
    this.config = config;
    this.embedder = model == null ? null : new CollectionEmbedder(model, config.chunking(), null);
    this.analyzer = config.analyzer().equals("standard") ? new org.apache.lucene.analysis.standard.StandardAnalyzer()
        : new org.apache.lucene.analysis.en.EnglishAnalyzer();
    var state = cluster.collection(remote);
    if (state == null) {
      throw EmbedkitException.notFound("SolrCloud at " + cluster.location().describe() + " has no collection '"
          + remote + "'");
    }
    this.shards = Math.max(1, state.getSlices().size());
    refreshKinds();
  }

  @Override
  public CollectionConfig config() {
    return config;
  }

  /** The Solr collection's name. */
  public String remoteName() {
    return remote;
  }

  /** How long requests are retried while a node or leader is missing (tests shorten it). */
  void retryBudget(long milliseconds) {
    cluster.retryBudget(milliseconds);
  }

  /** Where the cluster is. */
  public SolrLocation location() {
    return cluster.location();
  }

  // ---------------------------------------------------------------------------------------------------------- writes

  @Override
  public long add(List<Document> documents) {
    return write(documents, true);
  }

  @Override
  public long upsert(List<Document> documents) {
    return write(documents, false);
  }

  private long write(List<Document> documents, boolean refuseExisting) {
    requireOpen();
    DocumentChecks.checkBatch(config, embedder, documents);
    if (documents.isEmpty()) {
      return 0;
    }
    List<List<SolrInputDocument>> prepared = prepare(documents);
    List<String> ids = documents.stream().map(Document::id).toList();
    Map<String, Integer> old = chunkCounts(ids);
    if (refuseExisting && !old.isEmpty()) {
      List<String> taken = ids.stream().filter(old::containsKey).toList();
      throw EmbedkitException.conflict("collection '" + config.name() + "' already holds document"
          + (taken.size() == 1 ? " " : "s ") + taken.stream().limit(5).map(id -> "'" + id + "'")
          .collect(Collectors.joining(", ")) + (taken.size() > 5 ? " and " + (taken.size() - 5) + " more" : "")
          + "; nothing was written (use upsert to replace documents)");
    }
    UpdateRequest update = new UpdateRequest();
    long chunks = 0;
    for (int i = 0; i < documents.size(); i++) {
      update.add(prepared.get(i));
      chunks += prepared.get(i).size();
      Integer before = old.get(documents.get(i).id());
      if (before != null && before > prepared.get(i).size()) {
        // the new version has fewer chunks: drop the old ones past its end (the others were overwritten by id)
        update.deleteByQuery(DOC_ID + ":" + quote(documents.get(i).id()) + " AND " + CHUNK + ":[" 
            + quote(Integer.toString(prepared.get(i).size())) + " TO *]");
      }
    }
    visibleAndDurable(update);
    cluster.call("cannot write to collection '" + config.name() + "' (Solr collection '" + remote + "')",
        () -> update.process(cluster.client(), remote));
    for (Document document : documents) {
      kinds.observe(document.metadata());
    }
    return chunks;
  }

  /** A soft commit with the request, waiting for the new searcher: the next read sees the write. */
  private static void visibleAndDurable(UpdateRequest update) {
    update.setAction(AbstractUpdateRequest.ACTION.COMMIT, false, true, true);
  }

  @Override
  public long ingest(Iterator<Document> documents, IngestListener listener) {
    requireOpen();
    IngestListener progress = listener == null ? IngestListener.NONE : listener;
    long written = 0;
    long chunks = 0;
    List<Document> batch = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    int toEmbed = 0;
    while (documents.hasNext() || !batch.isEmpty()) {
      Document document = documents.hasNext() ? documents.next() : null;
      boolean repeated = document != null && ids.contains(document.id());
      boolean full = toEmbed >= INGEST_BATCH || batch.size() >= INGEST_VECTOR_BATCH;
      if (!batch.isEmpty() && (document == null || repeated || full)) {
        chunks += upsert(batch);
        written += batch.size();
        progress.written(written, chunks);
        batch.clear();
        ids.clear();
        toEmbed = 0;
      }
      if (document != null) {
        batch.add(document);
        ids.add(document.id());
        if (document.vector() == null) {
          toEmbed++;
        }
      }
    }
    return written;
  }

  @Override
  public long delete(List<String> ids) {
    requireOpen();
    if (ids.isEmpty()) {
      return 0;
    }
    ids.forEach(DocumentChecks::checkId);
    List<String> distinct = ids.stream().distinct().toList();
    long found = chunkCounts(distinct).size();
    UpdateRequest update = new UpdateRequest();
    for (List<String> group : groups(distinct)) {
      update.deleteByQuery(DOC_ID + ":(" + group.stream().map(SolrFilters::quote).collect(Collectors.joining(" OR "))
          + ")");
    }
    visibleAndDurable(update);
    cluster.call("cannot delete from collection '" + config.name() + "'", () -> update.process(cluster.client(),
        remote));
    return found;
  }

  @Override
  public long delete(Filter filter) {
    requireOpen();
    if (filter == null) {
      throw EmbedkitException.invalidInput("a filter is needed to delete by filter; to delete everything, clear the"
          + " collection");
    }
    String fq = filterQuery(filter);
    long matched = count(filter);
    UpdateRequest update = new UpdateRequest();
    update.deleteByQuery(fq); // metadata is on every chunk, so a matching document goes whole
    visibleAndDurable(update);
    cluster.call("cannot delete from collection '" + config.name() + "'", () -> update.process(cluster.client(),
        remote));
    return matched;
  }

  @Override
  public long clear() {
    requireOpen();
    long all = count();
    UpdateRequest update = new UpdateRequest();
    update.deleteByQuery("*:*");
    visibleAndDurable(update);
    cluster.call("cannot clear collection '" + config.name() + "'", () -> update.process(cluster.client(), remote));
    return all;
  }

  @Override
  public void compact() {
    requireOpen();
    cluster.call("cannot compact collection '" + config.name() + "'",
        () -> cluster.client().optimize(remote, true, true, 1));
  }

  /** Chunks and embeds; one list of Solr documents per document. */
  private List<List<SolrInputDocument>> prepare(List<Document> documents) {
    List<List<CollectionEmbedder.ChunkVector>> embedded = CollectionEmbedder.chunkAndEmbed(embedder, documents);
    List<List<SolrInputDocument>> out = new ArrayList<>(documents.size());
    for (int d = 0; d < documents.size(); d++) {
      List<CollectionEmbedder.ChunkVector> chunks = embedded.get(d);
      List<SolrInputDocument> block = new ArrayList<>(chunks.size());
      for (CollectionEmbedder.ChunkVector chunk : chunks) {
        block.add(solrDocument(documents.get(d), chunk.chunk(), chunks.size(), chunk.vector()));
      }
      out.add(block);
    }
    return out;
  }

  private SolrInputDocument solrDocument(Document document, Chunk chunk, int chunkCount, float[] vector) {
    SolrInputDocument doc = new SolrInputDocument();
    doc.addField(ID, SolrFields.chunkId(document.id(), chunk.index()));
    doc.addField(DOC_ID, document.id());
    doc.addField(CHUNK, chunk.index());
    doc.addField(START, chunk.start());
    doc.addField(END, chunk.end());
    if (chunk.index() == 0) {
      doc.addField(CHUNKS, chunkCount);
      if (document.text() != null) {
        doc.addField(TEXT, document.text());
      }
      if (!document.metadata().isEmpty()) {
        try {
          doc.addField(META, JSON.writeValueAsString(document.metadata()));
        } catch (JsonProcessingException e) {
          throw EmbedkitException.internal("cannot write metadata of document '" + document.id() + "'", e);
        }
      }
      if (document.image() != null && !document.image().startsWith("data:")) {
        doc.addField(IMAGE, document.image());
      }
    }
    if (!chunk.text().isEmpty()) {
      doc.addField(SolrFields.BODY, chunk.text());
    }
    SolrFields.index(document.metadata(), doc);
    List<Float> values = new ArrayList<>(vector.length);
    for (float v : vector) {
      values.add(v);
    }
    doc.addField(VECTOR, values);
    return doc;
  }




  // ----------------------------------------------------------------------------------------------------------- reads

  /** How many chunks each of these documents has, for those the collection holds. */
  private Map<String, Integer> chunkCounts(List<String> ids) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (List<String> group : groups(ids)) {
      SolrQuery query = new SolrQuery(ID + ":(" + group.stream().map(id -> quote(SolrFields.chunkId(id, 0)))
          .collect(Collectors.joining(" OR ")) + ")").setFields(DOC_ID, CHUNKS).setRows(group.size());
      for (SolrDocument doc : query("cannot read collection '" + config.name() + "'", query).getResults()) {
        out.put((String) doc.getFirstValue(DOC_ID), ((Number) doc.getFirstValue(CHUNKS)).intValue());
      }
    }
    return out;
  }

  private static List<List<String>> groups(List<String> ids) {
    List<List<String>> out = new ArrayList<>();
    for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
      out.add(ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)));
    }
    return out;
  }

  QueryResponse query(String what, SolrQuery query) {
    requireOpen();
    return cluster.call(what, () -> cluster.client().query(remote, query, org.apache.solr.client.solrj.SolrRequest
        .METHOD.POST));
  }

  @Override
  public Optional<StoredDocument> get(String id, boolean withVectors) {
    List<StoredDocument> found = get(List.of(id), withVectors);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<StoredDocument> get(List<String> ids, boolean withVectors) {
    ids.forEach(DocumentChecks::checkId);
    Map<String, SolrDocument> firsts = new LinkedHashMap<>();
    List<String> chunked = new ArrayList<>();
    for (List<String> group : groups(ids.stream().distinct().toList())) {
      SolrQuery query = new SolrQuery(ID + ":(" + group.stream().map(id -> quote(SolrFields.chunkId(id, 0)))
          .collect(Collectors.joining(" OR ")) + ")").setRows(group.size()).setFields(storedFields(withVectors));
      for (SolrDocument doc : query("cannot read collection '" + config.name() + "'", query).getResults()) {
        String id = (String) doc.getFirstValue(DOC_ID);
        firsts.put(id, doc);
        if (((Number) doc.getFirstValue(CHUNKS)).intValue() > 1) {
          chunked.add(id);
        }
      }
    }
    Map<String, List<SolrDocument>> rest = new LinkedHashMap<>();
    for (List<String> group : groups(chunked)) {
      int rows = group.stream().mapToInt(id -> ((Number) firsts.get(id).getFirstValue(CHUNKS)).intValue()).sum();
      SolrQuery query = new SolrQuery(DOC_ID + ":(" + group.stream().map(SolrFilters::quote)
          .collect(Collectors.joining(" OR ")) + ")").addFilterQuery(CHUNK + ":[1 TO *]").setRows(rows)
          .setFields(storedFields(withVectors));
      for (SolrDocument doc : query("cannot read collection '" + config.name() + "'", query).getResults()) {
        rest.computeIfAbsent((String) doc.getFirstValue(DOC_ID), k -> new ArrayList<>()).add(doc);
      }
    }
    List<StoredDocument> out = new ArrayList<>();
    for (String id : ids) {
      SolrDocument first = firsts.get(id);
      if (first != null) {
        out.add(stored(id, first, rest.getOrDefault(id, List.of()), withVectors));
      }
    }
    return out;
  }

  private static String[] storedFields(boolean withVectors) {
    return withVectors ? new String[] {DOC_ID, CHUNK, CHUNKS, START, END, TEXT, META, IMAGE, VECTOR}
        : new String[] {DOC_ID, CHUNK, CHUNKS, START, END, TEXT, META, IMAGE};
  }

  private StoredDocument stored(String id, SolrDocument first, List<SolrDocument> others, boolean withVectors) {
    String text = (String) first.getFirstValue(TEXT);
    String whole = text == null ? "" : text;
    TreeMap<Integer, StoredDocument.StoredChunk> chunks = new TreeMap<>();
    List<SolrDocument> all = new ArrayList<>(others.size() + 1);
    all.add(first);
    all.addAll(others);
    for (SolrDocument doc : all) {
      int index = intValue(doc, CHUNK);
      int start = intValue(doc, START);
      int end = intValue(doc, END);
      chunks.put(index, new StoredDocument.StoredChunk(new Chunk(index, start, end, whole.substring(start, end)),
          withVectors ? vector(doc) : null));
    }
    return new StoredDocument(id, text, metadata(first), (String) first.getFirstValue(IMAGE),
        List.copyOf(chunks.values()));
  }

  private static int intValue(SolrDocument doc, String field) {
    return ((Number) doc.getFirstValue(field)).intValue();
  }

  static float[] vector(SolrDocument doc) {
    java.util.Collection<Object> values = doc.getFieldValues(VECTOR);
    if (values == null) {
      return null;
    }
    float[] out = new float[values.size()];
    int i = 0;
    for (Object value : values) {
      out[i++] = ((Number) value).floatValue();
    }
    return out;
  }

  private static Map<String, Object> metadata(SolrDocument first) {
    String json = (String) first.getFirstValue(META);
    if (json == null) {
      return Map.of();
    }
    try {
      return Metadata.normalize(JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {}));
    } catch (JsonProcessingException e) {
      throw EmbedkitException.internal("stored metadata is not JSON: " + e.getOriginalMessage(), e);
    }
  }

  @Override
  public long count() {
    return numFound(FIRST_CHUNKS, null);
  }

  @Override
  public long count(Filter filter) {
    return numFound(FIRST_CHUNKS, filter == null ? null : filterQuery(filter));
  }

  private long numFound(String q, String fq) {
    SolrQuery query = new SolrQuery(q).setRows(0);
    if (fq != null) {
      query.addFilterQuery(fq);
    }
    return query("cannot count collection '" + config.name() + "'", query).getResults().getNumFound();
  }

  @Override
  public Page scroll(String after, int limit, Filter filter, boolean withVectors) {
    if (limit < 1 || limit > SearchRequest.MAX_TOP_K) {
      throw EmbedkitException.invalidInput("limit is " + limit + "; accepted: 1 to " + SearchRequest.MAX_TOP_K);
    }
    SolrQuery query = new SolrQuery(FIRST_CHUNKS).setRows(limit + 1).setFields(DOC_ID)
        .setSort(DOC_ID, SolrQuery.ORDER.asc);
    if (filter != null) {
      query.addFilterQuery(filterQuery(filter));
    }
    if (after != null) {
      query.addFilterQuery(DOC_ID + ":{" + quote(after) + " TO *]");
    }
    SolrDocumentList found = query("cannot read collection '" + config.name() + "'", query).getResults();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, found.size()); i++) {
      ids.add((String) found.get(i).getFirstValue(DOC_ID));
    }
    List<StoredDocument> page = get(ids, withVectors);
    String next = found.size() > limit && !page.isEmpty() ? page.get(page.size() - 1).id() : null;
    return new Page(page, next);
  }

  @Override
  public List<SearchHit> search(SearchRequest request) {
    requireOpen();
    return new SolrSearch(this).run(request);
  }

  @Override
  public CollectionInfo info() {
    long documents = count();
    long chunks = numFound(ALL_CHUNKS, null);
    refreshKinds();
    Map<String, Set<String>> fields = new TreeMap<>();
    for (String name : kinds.names()) {
      fields.put(name, kinds.kinds(name).stream().map(FieldKinds.Kind::label)
          .collect(Collectors.toCollection(TreeSet::new)));
    }
    // no local folder, and the index size is the cluster's business: path null, size and segments 0
    return new CollectionInfo(config, null, documents, chunks, 0, 0, fields);
  }

  // ---------------------------------------------------------------------------------------------------------- search

  CollectionEmbedder embedder() {
    return embedder;
  }

  org.apache.lucene.analysis.Analyzer analyzer() {
    return analyzer;
  }

  int shards() {
    return shards;
  }

  /** Checks a query vector as documents' vectors are checked. */
  void checkQueryVector(float[] vector) {
    DocumentChecks.checkVector(config, vector, "the query");
  }

  /**
   * The filter as an {@code fq}, checked against the kinds of value the collection holds: first against those this
   * process has seen, and when that check fails, against the cluster's (other processes may have written them).
   */
  String filterQuery(Filter filter) {
    try {
      return SolrFilters.toQuery(filter, kinds);
    } catch (EmbedkitException e) {
      if (e.kind() != ErrorKind.INVALID_INPUT) {
        throw e;
      }
      refreshKinds();
      return SolrFilters.toQuery(filter, kinds);
    }
  }

  /** Adds the kinds of value the cluster holds (a facet over the {@code kinds} field) to those known here. */
  private void refreshKinds() {
    SolrQuery query = new SolrQuery("*:*").setRows(0).setFacet(true).addFacetField(SolrFields.KINDS)
        .setFacetLimit(-1).setFacetMinCount(1);
    FacetField facet = query("cannot read the fields of collection '" + config.name() + "'", query)
        .getFacetField(SolrFields.KINDS);
    if (facet == null || facet.getValues() == null) {
      return;
    }
    for (FacetField.Count count : facet.getValues()) {
      String value = count.getName();
      int at = value.lastIndexOf(SolrFields.KIND_SEPARATOR);
      if (at <= 0) {
        continue;
      }
      FieldKinds.Kind kind = FieldKinds.Kind.fromString(value.substring(at + 1));
      Object sample = switch (kind) {
        case STRING -> "";
        case LONG -> 0L;
        case DOUBLE -> 0.0;
        case BOOLEAN -> Boolean.FALSE;
      };
      kinds.observe(Map.of(value.substring(0, at), sample));
    }
  }

  // ------------------------------------------------------------------------------------------------------- lifecycle

  private void requireOpen() {
    if (closed) {
      throw new EmbedkitException(ErrorKind.UNAVAILABLE, "collection '" + config.name() + "' is closed");
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    cluster.close();
  }
}
