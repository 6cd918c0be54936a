package dev.embedkit.solr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.store.ChunkSettings;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Document;
import dev.embedkit.store.Granularity;
import dev.embedkit.store.Hybrid;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.store.ModelFingerprint;
import dev.embedkit.store.ModelRef;
import dev.embedkit.store.Page;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.filter.FilterParser;
import dev.embedkit.vector.Metric;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The solr backend against a real SolrCloud (two nodes, a collection of 2 shards x 2 replicas) and against the
 * embedded store holding the same documents: STS-B test sentences (and a few long texts made of them, which are
 * chunked) embedded by all-MiniLM-L6-v2, with metadata of every kind. The node failure test runs last.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SolrCollectionTest {
  static final String MODEL = "all-minilm-l6-v2";
  static final int SENTENCES = 300;
  static final int LONG_TEXTS = 8;
  static final List<String> QUERIES = List.of("A man is playing a guitar.", "Children are playing in the park.",
      "The stock market fell sharply today.", "A woman is slicing an onion.", "A dog runs through the snow.",
      "Police arrested a suspect after the shooting.", "How do I learn to cook rice?", "Two people ride horses.",
      "The president spoke about the economy.", "A cat is sleeping on the couch.", "Somebody is cutting vegetables.",
      "An airplane is taking off.");
  static final List<String> GENRES = List.of("captions", "forums", "news");

  static SolrTestCluster solr;
  static EmbeddingModel model;
  static Path temp;
  static SolrCollection remote;
  static LuceneCollection local;
  static List<Document> documents = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    Path data = sharedDatasets().resolve("stsb/stsb-en-test.csv");
    solr = SolrTestCluster.start(2);
    model = Embedkit.load(MODEL);
    temp = Files.createTempDirectory("embedkit-solr-local");
    CollectionConfig config = new CollectionConfig("sts", new ModelRef(MODEL, ModelFingerprint.of(model.info())),
        model.info().dimensions(), model.info().similarity(), null, null, new ChunkSettings(64, 8, true), null);
    remote = (SolrCollection) new SolrBackend().create(config, solr.zk("shards", "2", "replicas", "2"), model);
    local = LuceneCollection.create(temp.resolve("sts"), config, model);
    documents = corpus(data);
    for (int i = 0; i < documents.size(); i += 50) {
      List<Document> batch = documents.subList(i, Math.min(documents.size(), i + 50));
      assertEquals(local.add(batch), remote.add(batch), "chunks written by both");
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (remote != null) {
      remote.close();
    }
    if (local != null) {
      local.close();
    }
    if (model != null) {
      model.close();
    }
    if (solr != null) {
      solr.close();
    }
  }

  static Path sharedDatasets() {
    for (String candidate : new String[] {System.getProperty("embedkit.shared"), System.getenv("EMBEDKIT_SHARED"),
        "/work/shared"}) {
      if (candidate != null && Files.isRegularFile(Path.of(candidate, "datasets/stsb/stsb-en-test.csv"))) {
        return Path.of(candidate, "datasets");
      }
    }
    Assumptions.abort("the shared STS-B data is not beside the repository, in EMBEDKIT_SHARED or in /work/shared");
    return null;
  }

  /** Distinct STS-B sentences with metadata of every kind (some fields absent, some lists), then long texts. */
  static List<Document> corpus(Path csv) throws Exception {
    Map<String, Double> sentences = new LinkedHashMap<>();
    Map<String, Integer> genre = new HashMap<>();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      int row = 0;
      for (CSVRecord record : CSVFormat.DEFAULT.parse(reader)) {
        row++;
        int g = row <= 625 ? 0 : row <= 879 ? 1 : 2;
        for (int column = 0; column < 2; column++) {
          if (sentences.putIfAbsent(record.get(column), Double.parseDouble(record.get(2))) == null) {
            genre.put(record.get(column), g);
          }
        }
      }
    }
    // spread over the file, so the three genres are all present
    List<String> texts = new ArrayList<>(sentences.keySet());
    List<String> chosen = new ArrayList<>();
    for (int i = 0; i < texts.size() && chosen.size() < SENTENCES; i += texts.size() / SENTENCES) {
      chosen.add(texts.get(i));
    }
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      String text = chosen.get(i);
      Map<String, Object> metadata = new LinkedHashMap<>();
      metadata.put("genre", GENRES.get(genre.get(text)));
      metadata.put("n", (long) i);
      metadata.put("score", sentences.get(text));
      metadata.put("even", i % 2 == 0);
      if (i % 3 != 0) {
        metadata.put("tags", List.of("t" + i % 5, "u" + i % 7));
      }
      if (i % 4 == 0) {
        metadata.put("opt", i % 8 == 0 ? (Object) (long) (i / 8) : (Object) (i / 8 + 0.5));
      }
      out.add(Document.of(String.format("s%03d", i), text, metadata));
    }
    for (int i = 0; i < LONG_TEXTS; i++) {
      StringBuilder text = new StringBuilder();
      for (int j = 0; j < 12; j++) {
        text.append(chosen.get((i * 37 + j * 11) % chosen.size())).append(' ');
      }
      out.add(Document.of("long" + i, text.toString().trim(), Map.of("genre", "long", "n", 1000L + i)));
    }
    return out;
  }

  static void assertSameHits(List<SearchHit> expected, List<SearchHit> actual, String what) {
    assertEquals(expected.size(), actual.size(), what + ": hits");
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).id(), actual.get(i).id(), what + ": hit " + i);
      assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-5, what + ": score of " + actual.get(i).id());
    }
  }

  @Test
  @Order(1)
  void holdsTheSameDocumentsAsTheEmbeddedStore() {
    assertEquals(SENTENCES + LONG_TEXTS, remote.count());
    assertEquals(local.info().chunks(), remote.info().chunks(), "chunks");
    assertTrue(remote.info().chunks() > remote.count(), "long texts were split into chunks");
    assertEquals(local.info().fields(), remote.info().fields());
    StoredDocument expected = local.get("long3", true).orElseThrow();
    StoredDocument actual = remote.get("long3", true).orElseThrow();
    assertEquals(expected.text(), actual.text());
    assertEquals(expected.metadata(), actual.metadata());
    assertEquals(expected.chunks().size(), actual.chunks().size());
    for (int i = 0; i < expected.chunks().size(); i++) {
      assertEquals(expected.chunks().get(i).chunk(), actual.chunks().get(i).chunk());
      assertArrayEquals(expected.chunks().get(i).vector(), actual.chunks().get(i).vector(), 1e-6f);
    }
    assertEquals(local.get("s004", false).orElseThrow().metadata(), remote.get("s004", false).orElseThrow().metadata());
  }

  @Test
  @Order(2)
  void searchGivesTheEmbeddedStoresTopTenAndScores() {
    List<Filter> filters = new ArrayList<>();
    filters.add(null);
    filters.add(FilterParser.parse("genre = 'news'"));
    filters.add(FilterParser.parse("even = true AND n < 200"));
    filters.add(FilterParser.parse("tags IN ('t1', 'u3') OR opt >= 10"));
    filters.add(FilterParser.parse("genre != 'captions' AND NOT score > 2.5"));
    for (int q = 0; q < QUERIES.size(); q++) {
      Filter filter = filters.get(q % filters.size());
      SearchRequest request = SearchRequest.of(Query.text(QUERIES.get(q))).withTopK(10).withFilter(filter);
      List<SearchHit> exact = local.search(request.withExact(true));
      assertEquals(10, exact.size(), "the embedded store finds ten");
      assertSameHits(exact, remote.search(request), QUERIES.get(q) + " / " + filter);
      assertSameHits(exact, remote.search(request.withExact(true)), "exact " + QUERIES.get(q) + " / " + filter);
      SearchHit top = remote.search(request).get(0);
      assertEquals(Metric.COSINE.compute(model.embed(QUERIES.get(q)), remote.get(top.id(), true).orElseThrow()
          .chunks().get(top.chunk().index()).vector()), top.score(), 1e-6, "the score is the model's cosine");
    }
  }

  @Test
  @Order(3)
  void hybridAndKeywordSearchRankLikeTheEmbeddedStore() {
    for (int q = 0; q < QUERIES.size(); q++) {
      Filter filter = q % 2 == 0 ? null : FilterParser.parse("genre IN ('news', 'forums', 'long')");
      SearchRequest hybrid = SearchRequest.of(Query.text(QUERIES.get(q))).withTopK(10).withFilter(filter)
          .withHybrid(q % 3 == 0 ? Hybrid.DEFAULTS : new Hybrid(0.7, 1.3, 20)).withExact(true);
      assertEquals(10, local.search(hybrid).size());
      assertSameHits(local.search(hybrid), remote.search(hybrid), "hybrid " + QUERIES.get(q));
      SearchRequest keywords = SearchRequest.of(Query.keywords(QUERIES.get(q))).withTopK(10).withFilter(filter);
      List<SearchHit> expected = local.search(keywords);
      List<SearchHit> actual = remote.search(keywords);
      assertFalse(expected.isEmpty(), "BM25 finds the query's words");
      assertEquals(expected.size(), actual.size());
      for (int i = 0; i < expected.size(); i++) {
        // BM25 scores are the same with collection-wide statistics; equal scores may come in another order
        assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-4, "BM25 score " + i + " " + QUERIES.get(q));
      }
      assertEquals(ids(expected.stream().filter(h -> h.score() > expected.get(expected.size() - 1).score() + 1e-4)),
          ids(actual.stream().filter(h -> h.score() > expected.get(expected.size() - 1).score() + 1e-4)));
    }
  }

  private static Set<String> ids(java.util.stream.Stream<SearchHit> hits) {
    return hits.map(SearchHit::id).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
  }

  @Test
  @Order(4)
  void returnsExactlyKDocumentsAndCollapsesChunks() {
    for (int k : new int[] {1, 25, 120, SENTENCES + LONG_TEXTS}) {
      SearchRequest request = SearchRequest.of(Query.text("people")).withTopK(k).withEfSearch(k);
      List<SearchHit> hits = remote.search(request);
      assertEquals(k, hits.size(), "k = " + k);
      assertEquals(k, new LinkedHashSet<>(hits.stream().map(SearchHit::id).toList()).size(), "one hit per document");
    }
    long news = remote.count(FilterParser.parse("genre = 'news'"));
    List<SearchHit> filtered = remote.search(SearchRequest.of(Query.text("people")).withTopK(SearchRequest.MAX_TOP_K)
        .withFilter(FilterParser.parse("genre = 'news'")));
    assertEquals(news, filtered.size(), "a filtered search returns every match when k is larger");
    // a long text's best chunk stands for it, with the chunk's offsets; chunk granularity gives its chunks
    String inside = documents.stream().filter(d -> d.id().equals("long5")).findFirst().orElseThrow().text();
    String sentence = inside.substring(inside.length() / 2, inside.indexOf('.', inside.length() / 2) + 1);
    SearchRequest request = SearchRequest.of(Query.text(sentence)).withTopK(5)
        .withFilter(FilterParser.parse("genre = 'long'"));
    List<SearchHit> docs = remote.search(request);
    assertEquals(5, docs.size());
    assertEquals(local.search(request.withExact(true)).get(0).id(), docs.get(0).id());
    String whole = documents.stream().filter(d -> d.id().equals(docs.get(0).id())).findFirst().orElseThrow().text();
    assertEquals(whole, docs.get(0).text());
    assertTrue(docs.get(0).chunk().end() - docs.get(0).chunk().start() < whole.length(), "the best chunk, not all");
    assertEquals(whole.substring(docs.get(0).chunk().start(), docs.get(0).chunk().end()), docs.get(0).chunk().text());
    List<SearchHit> chunks = remote.search(request.withGranularity(Granularity.CHUNKS).withTopK(20));
    assertEquals(20, chunks.size());
    assertTrue(chunks.stream().map(SearchHit::id).distinct().count() < 20, "chunks of one document");
    assertSameHits(local.search(request.withGranularity(Granularity.CHUNKS).withTopK(20).withExact(true)), chunks,
        "chunk granularity");
  }

  @Test
  @Order(5)
  void likeDocumentVectorQueriesAndPagingMatchTheEmbeddedStore() {
    SearchRequest like = SearchRequest.of(Query.like("s010")).withTopK(7).withExact(true);
    assertSameHits(local.search(like), remote.search(like), "like s010");
    assertTrue(remote.search(like).stream().noneMatch(h -> h.id().equals("s010")));
    float[] vector = model.embed("A man is playing a guitar.");
    SearchRequest byVector = SearchRequest.of(Query.vector(vector)).withTopK(5).withOffset(5).withExact(true);
    assertSameHits(local.search(byVector), remote.search(byVector), "by vector, second page");
    SearchRequest min = SearchRequest.of(Query.text("guitar")).withTopK(50).withMinScore(0.3).withExact(true);
    assertSameHits(local.search(min), remote.search(min), "min score");
    Page first = remote.scroll(null, 40, FilterParser.parse("even = false"), false);
    Page expected = local.scroll(null, 40, FilterParser.parse("even = false"), false);
    assertEquals(expected.documents().stream().map(StoredDocument::id).toList(),
        first.documents().stream().map(StoredDocument::id).toList());
    assertEquals(expected.next(), first.next());
    assertEquals(local.scroll(expected.next(), 40, null, false).documents().stream().map(StoredDocument::id).toList(),
        remote.scroll(first.next(), 40, null, false).documents().stream().map(StoredDocument::id).toList());
  }

  @Test
  @Order(6)
  void badInputFailsInOneLine() {
    EmbedkitException unknown = assertThrows(EmbedkitException.class,
        () -> remote.search(SearchRequest.of(Query.text("x")).withFilter(Filter.eq("colour", "red"))));
    assertEquals(ErrorKind.INVALID_INPUT, unknown.kind());
    assertTrue(unknown.getMessage().contains("unknown field 'colour'"), unknown.getMessage());
    EmbedkitException kind = assertThrows(EmbedkitException.class, () -> remote.count(Filter.gt("genre", 3)));
    assertEquals(ErrorKind.INVALID_INPUT, kind.kind());
    assertTrue(kind.getMessage().contains("genre"), kind.getMessage());
    assertThrows(EmbedkitException.class, () -> FilterParser.parse("genre = 'news' AND"));
    EmbedkitException empty = assertThrows(EmbedkitException.class, () -> remote.add(List.of(Document.of("e", " "))));
    assertEquals(ErrorKind.INVALID_INPUT, empty.kind());
    assertTrue(remote.get("e", false).isEmpty());
    EmbedkitException emptyQuery = assertThrows(EmbedkitException.class,
        () -> remote.search(SearchRequest.of(Query.text(""))));
    assertEquals(ErrorKind.INVALID_INPUT, emptyQuery.kind());
    for (EmbedkitException e : List.of(unknown, kind, empty, emptyQuery)) {
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
    EmbedkitException key = assertThrows(EmbedkitException.class,
        () -> SolrCollections.open(Map.of("zk", "127.0.0.1:1", "core", "x"), "sts", model));
    assertEquals("unknown Solr location key 'core'; accepted: solr, zk, collection, shards, replicas",
        key.getMessage());
  }

  @Test
  @Order(7)
  void anUnreachableClusterIsUnavailableWithinSeconds() {
    for (Map<String, String> where : List.of(Map.of("zk", "127.0.0.1:1"), Map.of("solr", "http://127.0.0.1:1/solr"))) {
      long start = System.nanoTime();
      EmbedkitException e = assertThrows(EmbedkitException.class, () -> SolrCollections.open(where, "sts", model));
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
      assertEquals(ErrorKind.UNAVAILABLE, e.kind(), e.getMessage());
      assertTrue(e.getMessage().startsWith("cannot reach SolrCloud at "), e.getMessage());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
      assertTrue(seconds <= 12, "failed after " + seconds + " s");
    }
  }

  @Test
  @Order(8)
  void anotherProcessOpensItByNameAndAWrongDimensionIsRefused() {
    try (SolrCollection byName = SolrCollections.open(solr.zk(), "sts", model)) {
      assertEquals(remote.config(), byName.config());
      assertEquals(remote.count(), byName.count());
    }
    try (SolrCollection byUrl = SolrCollections.open(Map.of("solr", solr.urls().get(1)), "sts", null)) {
      assertEquals(SENTENCES + LONG_TEXTS, byUrl.count());
      EmbedkitException noModel = assertThrows(EmbedkitException.class,
          () -> byUrl.search(SearchRequest.of(Query.text("x"))));
      assertEquals(ErrorKind.UNSUPPORTED, noModel.kind());
    }
    CollectionConfig wide = CollectionConfig.external("wide", 768, Metric.COSINE);
    new SolrBackend().create(wide, solr.zk(), null).close();
    CollectionConfig narrow = new CollectionConfig("narrow", remote.config().model(), 384, Metric.COSINE, null, null,
        null, null);
    EmbedkitException mismatch = assertThrows(EmbedkitException.class,
        () -> new SolrBackend().open(narrow, solr.zk("collection", "wide"), model));
    assertEquals(ErrorKind.INVALID_INPUT, mismatch.kind());
    assertEquals("Solr collection 'wide' holds 768-dimensional cosine vectors; collection 'narrow' needs"
        + " 384-dimensional cosine vectors (model all-minilm-l6-v2)", mismatch.getMessage());
    EmbedkitException taken = assertThrows(EmbedkitException.class,
        () -> new SolrBackend().create(narrow, solr.zk("collection", "wide"), model));
    assertEquals(ErrorKind.CONFLICT, taken.kind());
    new SolrBackend().drop(wide, solr.zk());
    assertEquals(ErrorKind.NOT_FOUND, assertThrows(EmbedkitException.class,
        () -> SolrCollections.open(solr.zk(), "wide", null)).kind());
  }

  @Test
  @Order(9)
  void writesFollowTheEmbeddedStoresRules() {
    CollectionConfig config = new CollectionConfig("crud", remote.config().model(), 384, Metric.COSINE, null, null,
        new ChunkSettings(64, 8, true), null);
    try (Collection crud = new SolrBackend().create(config, solr.zk("shards", "2"), model);
         LuceneCollection twin = LuceneCollection.create(temp.resolve("crud"), config, model)) {
      List<Document> first = documents.subList(0, 20);
      for (Collection c : List.of(crud, twin)) {
        c.add(first);
        EmbedkitException taken = assertThrows(EmbedkitException.class,
            () -> c.add(List.of(Document.of("new1", "fresh text"), documents.get(3))));
        assertEquals(ErrorKind.CONFLICT, taken.kind());
        assertTrue(c.get("new1", false).isEmpty(), "nothing was written");
        EmbedkitException twice = assertThrows(EmbedkitException.class,
            () -> c.upsert(List.of(Document.of("x", "a"), Document.of("x", "b"))));
        assertEquals(ErrorKind.INVALID_INPUT, twice.kind());
        // a long text replaced by a short one loses its extra chunks; by a long one, keeps exactly its new chunks
        c.upsert(List.of(documents.get(SENTENCES), documents.get(SENTENCES + 1)));
        c.upsert(List.of(Document.of(documents.get(SENTENCES).id(), "Now it is short.", Map.of("n", 5))));
        assertEquals(2, c.delete(List.of("s001", "s002", "missing", "s001")));
        assertEquals(5, c.delete(FilterParser.parse("n >= 15 AND genre != 'long'")));
        assertEquals(13 + 2, c.count());
      }
      assertEquals(twin.info().chunks(), crud.info().chunks(), "old chunks are gone");
      assertEquals(twin.info().documents(), crud.info().documents());
      StoredDocument shortened = crud.get(documents.get(SENTENCES).id(), false).orElseThrow();
      assertEquals(1, shortened.chunks().size());
      assertEquals(Map.of("n", 5L), shortened.metadata());
      List<String> all = new ArrayList<>();
      for (Page page = crud.scroll(null, 4, null, false); ; page = crud.scroll(page.next(), 4, null, false)) {
        page.documents().forEach(d -> all.add(d.id()));
        if (page.next() == null) {
          break;
        }
      }
      assertEquals(twin.scroll(null, 100, null, false).documents().stream().map(StoredDocument::id).toList(), all);
      long ingested = crud.ingest(documents.subList(100, 180).iterator(), Collection.IngestListener.NONE);
      assertEquals(80, ingested);
      assertEquals(95, crud.count());
      assertEquals(95, crud.clear());
      assertEquals(0, crud.count());
    } finally {
      new SolrBackend().drop(config, solr.zk());
    }
  }

  /** Values for the differential filter test, the tricky ones of the store's own filter tests among them. */
  static final List<Object> LONGS = List.of(0L, 1L, -1L, 2L, 3L, 1L << 53, (1L << 53) + 1, Long.MAX_VALUE,
      Long.MIN_VALUE);
  static final List<Object> DOUBLES = List.of(0.0, -0.0, 1.0, 2.5, -2.5, 3.0, 0x1p53, 0x1p63, 1.0E300, 0.1);
  static final List<Object> STRINGS = List.of("", "a", "b", "ab", "A", "it's", "back\\slash", "[x]", "(y)",
      "\"q\"", "é", "\uD83D\uDE00", "\uE000", "a b", "AND", "OR", "x:y", "*", "a*", "z");
  static final List<String> FIELDS = List.of("f0", "f1", "f2", "we:ird \"name\"");

  @Test
  @Order(10)
  void filtersMatchExactlyWhatTheEvaluatorMatches() {
    java.util.Random random = new java.util.Random(15);
    CollectionConfig config = CollectionConfig.external("filters", 4, Metric.COSINE);
    try (Collection filters = new SolrBackend().create(config, solr.zk("shards", "2"), null)) {
      Map<String, Map<String, Object>> metadata = new LinkedHashMap<>();
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String field : FIELDS) {
          int shape = random.nextInt(6);
          if (shape == 0) {
            continue; // absent
          }
          fields.put(field, shape == 1 ? List.of(anyValue(random), anyValue(random))
              : shape == 2 ? List.of() : anyValue(random));
        }
        Document doc = new Document("d" + i, null, fields, new float[] {1, random.nextFloat(), random.nextFloat(), 0.5f},
            null);
        docs.add(doc);
        metadata.put(doc.id(), doc.metadata());
      }
      filters.add(docs);
      int checked = 0;
      int matchedSome = 0;
      for (int round = 0; round < 250; round++) {
        Filter filter = randomFilter(random, 3);
        Set<String> expected = new TreeSet<>();
        metadata.forEach((id, fields) -> {
          if (dev.embedkit.store.filter.FilterEvaluator.matches(filter, fields)) {
            expected.add(id);
          }
        });
        Set<String> actual = new TreeSet<>();
        try {
          filters.scroll(null, 1000, filter, false).documents().forEach(d -> actual.add(d.id()));
        } catch (EmbedkitException e) {
          // the validator refuses literals a field never held (as the embedded store does): not a match question
          assertEquals(ErrorKind.INVALID_INPUT, e.kind(), e.getMessage());
          continue;
        }
        assertEquals(expected, actual, filter.toString());
        assertEquals(expected.size(), filters.count(filter), "count " + filter);
        checked++;
        matchedSome += expected.isEmpty() || expected.size() == docs.size() ? 0 : 1;
        if (round % 25 == 0 && !expected.isEmpty()) {
          // the same filter as a kNN pre-filter: every match comes back, best first
          List<SearchHit> hits = filters.search(SearchRequest.of(Query.vector(new float[] {1, 0, 0, 0}))
              .withTopK(1000).withFilter(filter));
          assertEquals(expected, ids(hits.stream()), "kNN under " + filter);
        }
      }
      assertTrue(checked >= 100 && matchedSome >= 50, checked + " filters checked, " + matchedSome + " selective");
    } finally {
      new SolrBackend().drop(config, solr.zk());
    }
  }

  private static Object anyValue(java.util.Random random) {
    List<Object> pool = switch (random.nextInt(4)) {
      case 0 -> LONGS;
      case 1 -> DOUBLES;
      case 2 -> STRINGS;
      default -> List.of(true, false);
    };
    return pool.get(random.nextInt(pool.size()));
  }

  private static Filter randomFilter(java.util.Random random, int depth) {
    String field = FIELDS.get(random.nextInt(FIELDS.size()));
    int choice = random.nextInt(depth <= 1 ? 3 : 6);
    switch (choice) {
      case 0: {
        Filter.Op op = Filter.Op.values()[random.nextInt(Filter.Op.values().length)];
        Object value = anyValue(random);
        if (value instanceof Boolean && op != Filter.Op.EQ && op != Filter.Op.NE) {
          op = Filter.Op.EQ;
        }
        return new Filter.Compare(field, op, value);
      }
      case 1: {
        List<Object> values = new ArrayList<>();
        for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
          values.add(anyValue(random));
        }
        return new Filter.In(field, values);
      }
      case 2:
        return new Filter.Exists(field);
      case 3:
        return new Filter.Not(randomFilter(random, depth - 1));
      default: {
        List<Filter> operands = new ArrayList<>();
        for (int i = 0, n = 2 + random.nextInt(2); i < n; i++) {
          operands.add(randomFilter(random, depth - 1));
        }
        return choice == 4 ? new Filter.And(operands) : new Filter.Or(operands);
      }
    }
  }

  @Test
  @Order(11)
  void hostileFilterValuesAreMatchedLiterally() {
    List<String> hostile = List.of("plain", "it's", "say \"hi\"", "a:b", "*", "a*b?", "back\\slash\\", "\\\"",
        "OR", "x OR y", "NOT z", "(paren", "[a TO z]", "{!knn f=vector topK=1}[1,2,3,4]", "&& || !", "-minus",
        "+plus", "~tilde^2", "/regex/", " spaced ", "");
    CollectionConfig config = CollectionConfig.external("hostile", 4, Metric.COSINE);
    try (Collection collection = new SolrBackend().create(config, solr.zk(), null)) {
      List<Document> docs = new ArrayList<>();
      for (int i = 0; i < hostile.size(); i++) {
        docs.add(new Document("h" + i, null, Map.of("label", hostile.get(i),
            "tag:\"odd\" name*", List.of(hostile.get(i))), new float[] {1, i, 1, 1}, null));
      }
      collection.add(docs);
      for (int i = 0; i < hostile.size(); i++) {
        String value = hostile.get(i);
        assertEquals(List.of("h" + i), collection.scroll(null, 100, Filter.eq("label", value), false).documents()
            .stream().map(StoredDocument::id).toList(), "label = " + value);
        assertEquals(1, collection.count(Filter.in("tag:\"odd\" name*", value)), "IN " + value);
        assertEquals(hostile.size() - 1, collection.count(Filter.ne("label", value)), "!= " + value);
        long below = hostile.stream().filter(h -> h.compareTo(value) < 0).count();
        assertEquals(below, collection.count(Filter.lt("label", value)), "< " + value);
        long above = hostile.stream().filter(h -> h.compareTo(value) > 0).count();
        assertEquals(above, collection.count(Filter.gt("label", value)), "> " + value);
        assertEquals(below + 1, collection.count(Filter.lte("label", value)), "<= " + value);
      }
      assertEquals(hostile.size(), collection.delete(Filter.gte("label", "")));
      assertEquals(0, collection.count());
    } finally {
      new SolrBackend().drop(config, solr.zk());
    }
  }

  @Test
  @Order(12)
  void aClientRunsWithTheModulesRuntimeClassPathAloneWithoutJetty() throws Exception {
    Path listing = Path.of("target/runtime-classpath.txt");
    Assumptions.assumeTrue(Files.isRegularFile(listing), "no " + listing + " (written by Maven at generate-test-resources)");
    // the child gets the main class alone from the test classes, then target/classes and the runtime class path
    Path child = temp.resolve("child/dev/embedkit/solr");
    Files.createDirectories(child);
    Files.copy(Path.of("target/test-classes/dev/embedkit/solr/NoJettyChild.class"), child.resolve("NoJettyChild.class"));
    String classPath = String.join(java.io.File.pathSeparator, temp.resolve("child").toString(),
        Path.of("target/classes").toAbsolutePath().toString(), Files.readString(listing).trim());
    assertFalse(classPath.contains("jetty"), "the runtime class path names no Jetty artifact");
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
        "-cp", classPath, "dev.embedkit.solr.NoJettyChild", solr.cluster.getZkServer().getZkAddress(), "sts", "s010")
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(output.contains("jetty=absent count=" + remote.count() + " hits=3"), output);
  }

  @Test
  @Order(100)
  void aNodeDownKeepsSearchAnsweringAndLosesNoAcknowledgedWrite() throws Exception {
    List<String> acknowledged = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    JettySolrRunner node = solr.cluster.getJettySolrRunner(1);
    int answered = 0;
    for (int i = 0; i < 24; i++) {
      if (i == 6) {
        solr.cluster.stopJettySolrRunner(node);
        solr.cluster.waitForJettyToStop(node);
      }
      if (i == 18) {
        solr.cluster.startJettySolrRunner(node);
      }
      String id = "during" + i;
      try {
        remote.upsert(List.of(Document.of(id, "Written while a node may be down, number " + i, Map.of("n", 5000L + i))));
        acknowledged.add(id);
      } catch (EmbedkitException e) {
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        failed.add(id + ": " + e.getMessage());
      }
      List<SearchHit> hits = remote.search(SearchRequest.of(Query.text(QUERIES.get(i % QUERIES.size()))).withTopK(10));
      assertEquals(10, hits.size(), "a search while node 1 is " + (i >= 6 && i < 18 ? "down" : "up"));
      answered++;
    }
    solr.cluster.waitForActiveCollection("sts", 60, TimeUnit.SECONDS, 2, 4);
    assertEquals(24, answered);
    assertTrue(acknowledged.size() >= 12, "most writes were acknowledged; failed: " + failed);
    for (String id : acknowledged) {
      assertTrue(remote.get(id, false).isPresent(), id + " was acknowledged and must be found");
    }
    assertEquals(acknowledged.size(), remote.count(FilterParser.parse("n >= 5000")));
    // a client that knows only the restarted node finds them too
    try (SolrCollection viaRestarted = SolrCollections.open(Map.of("solr", node.getBaseUrl().toString()), "sts",
        model)) {
      assertEquals(acknowledged.size(), viaRestarted.count(FilterParser.parse("n >= 5000")));
    }
    // every node down: a write is retried, then refused in one line; nothing acknowledged is lost on restart
    List<JettySolrRunner> nodes = List.copyOf(solr.cluster.getJettySolrRunners());
    for (JettySolrRunner each : nodes) {
      solr.cluster.stopJettySolrRunner(each);
      solr.cluster.waitForJettyToStop(each);
    }
    remote.retryBudget(3_000);
    long start = System.nanoTime();
    EmbedkitException down = assertThrows(EmbedkitException.class,
        () -> remote.upsert(List.of(Document.of("lost", "Written while every node is down.", Map.of("n", 6000L)))));
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertEquals(ErrorKind.UNAVAILABLE, down.kind(), down.getMessage());
    assertEquals(1, down.getMessage().lines().count(), down.getMessage());
    assertTrue(down.getMessage().contains("tries in 3.0 s"), down.getMessage());
    assertTrue(seconds <= 20, "refused after " + seconds + " s");
    remote.retryBudget(SolrCluster.RETRY_BUDGET_MS);
    for (JettySolrRunner each : nodes) {
      solr.cluster.startJettySolrRunner(each);
    }
    solr.cluster.waitForActiveCollection("sts", 90, TimeUnit.SECONDS, 2, 4);
    assertEquals(acknowledged.size(), remote.count(FilterParser.parse("n >= 5000")));
    assertTrue(remote.get("lost", false).isEmpty());
    assertEquals(SENTENCES + LONG_TEXTS + acknowledged.size(), remote.count());
  }
}
