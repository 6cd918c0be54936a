package dev.embedkit.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LuceneCollectionTest {
  static final List<String> SENTENCES = List.of(
      "A man is eating food.",
      "A man is eating a piece of bread.",
      "The girl is carrying a baby.",
      "A man is riding a horse.",
      "A woman is playing violin.",
      "Two men pushed carts through the woods.",
      "A man is riding a white horse on an enclosed ground.",
      "A monkey is playing drums.",
      "A cheetah is running behind its prey.");

  static EmbeddingModel model;

  @TempDir Path temp;

  @BeforeAll
  static void load() {
    model = Embedkit.load("all-minilm-l6-v2");
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private EmbeddedCollections collections() {
    return new EmbeddedCollections(temp.resolve("collections"), name -> {
      if (!name.equals("all-minilm-l6-v2")) {
        throw EmbedkitException.notFound("no model " + name);
      }
      return model;
    });
  }

  private LuceneCollection corpus(EmbeddedCollections collections) {
    LuceneCollection collection = collections.create(CollectionSpec.of("sentences", "all-minilm-l6-v2"));
    List<Document> documents = new ArrayList<>();
    for (int i = 0; i < SENTENCES.size(); i++) {
      documents.add(Document.of("s" + i, SENTENCES.get(i), Map.of("n", i, "even", i % 2 == 0,
          "animal", List.of(i == 3 || i == 6 ? "horse" : i == 7 ? "monkey" : i == 8 ? "cheetah" : "none"))));
    }
    assertEquals(SENTENCES.size(), collection.add(documents));
    return collection;
  }

  @Test
  void textSearchRanksAndScoresLikeTheModelsCosine() {
    try (LuceneCollection collection = corpus(collections())) {
      String query = "A man is eating pasta.";
      float[] q = model.embed(query);
      List<SearchHit> hits = collection.search(SearchRequest.of(Query.text(query)).withTopK(SENTENCES.size()));
      assertEquals(SENTENCES.size(), hits.size());
      List<double[]> expected = new ArrayList<>();
      for (int i = 0; i < SENTENCES.size(); i++) {
        expected.add(new double[] {i, Metric.COSINE.compute(q, model.embed(SENTENCES.get(i)))});
      }
      expected.sort((a, b) -> Double.compare(b[1], a[1]));
      for (int i = 0; i < hits.size(); i++) {
        assertEquals("s" + (int) expected.get(i)[0], hits.get(i).id());
        assertEquals((float) expected.get(i)[1], (float) hits.get(i).score(), 0f, "score of " + hits.get(i).id());
      }
      assertEquals("A man is eating food.", hits.get(0).text());
      assertEquals(0L, hits.get(0).metadata().get("n"));
      assertNull(hits.get(0).vector());
      SearchHit exact = collection.search(SearchRequest.of(Query.text(query)).withExact(true)).get(0);
      assertEquals(hits.get(0).id(), exact.id());
      assertEquals(hits.get(0).score(), exact.score(), 0.0);
    }
  }

  @Test
  void upsertAndDeleteShowAtOnceAndSurviveReopening() {
    EmbeddedCollections collections = collections();
    try (LuceneCollection collection = corpus(collections)) {
      assertEquals(9, collection.count());
      collection.upsert(List.of(Document.of("s0", "A bird sings in a tree.", Map.of("n", 100))));
      assertEquals(9, collection.count());
      assertEquals("A bird sings in a tree.", collection.get("s0", false).orElseThrow().text());
      assertEquals(2, collection.delete(List.of("s1", "s2", "missing")));
      assertEquals(7, collection.count());
      assertTrue(collection.get("s1", false).isEmpty());
      SearchHit top = collection.search(SearchRequest.of(Query.text("bird song"))).get(0);
      assertEquals("s0", top.id());
    }
    try (LuceneCollection reopened = collections.open("sentences")) {
      assertEquals(7, reopened.count());
      assertEquals(100L, reopened.get("s0", false).orElseThrow().metadata().get("n"));
    }
  }

  @Test
  void addRefusesTakenAndRepeatedIdsWritingNothing() {
    try (LuceneCollection collection = corpus(collections())) {
      EmbedkitException taken = assertThrows(EmbedkitException.class,
          () -> collection.add(List.of(Document.of("new", "x"), Document.of("s3", "y"))));
      assertEquals(ErrorKind.CONFLICT, taken.kind());
      assertTrue(taken.getMessage().contains("'s3'"), taken.getMessage());
      assertTrue(collection.get("new", false).isEmpty());
      EmbedkitException twice = assertThrows(EmbedkitException.class,
          () -> collection.upsert(List.of(Document.of("a", "x"), Document.of("a", "y"))));
      assertEquals(ErrorKind.INVALID_INPUT, twice.kind());
      assertTrue(twice.getMessage().contains("appears twice"), twice.getMessage());
    }
  }

  @Test
  void moreLikeThisLeavesTheDocumentOut() {
    try (LuceneCollection collection = corpus(collections())) {
      List<SearchHit> hits = collection.search(SearchRequest.of(Query.like("s3")).withTopK(3));
      assertEquals("s6", hits.get(0).id());
      assertFalse(hits.stream().anyMatch(h -> h.id().equals("s3")));
      EmbedkitException missing = assertThrows(EmbedkitException.class,
          () -> collection.search(SearchRequest.of(Query.like("nope"))));
      assertEquals(ErrorKind.NOT_FOUND, missing.kind());
    }
  }

  @Test
  void topKLargerThanTheCollectionReturnsWhatThereIs() {
    try (LuceneCollection collection = corpus(collections())) {
      assertEquals(9, collection.search(SearchRequest.of(Query.text("horse")).withTopK(500)).size());
      assertEquals(4, collection.search(SearchRequest.of(Query.text("horse")).withTopK(5).withOffset(5)).size());
    }
  }

  @Test
  void externalVectorsCheckDimensionsAndFiniteness() {
    EmbeddedCollections collections = collections();
    try (LuceneCollection collection = collections.create(CollectionSpec.external("vectors", 4))) {
      collection.add(List.of(new Document("a", null, Map.of(), new float[] {1, 0, 0, 0}, null),
          new Document("b", null, Map.of(), new float[] {0, 1, 0, 0}, null)));
      EmbedkitException dims = assertThrows(EmbedkitException.class, () -> collection.add(
          List.of(new Document("c", null, Map.of(), new float[] {1, 0, 0}, null))));
      assertTrue(dims.getMessage().contains("3 dimensions"), dims.getMessage());
      EmbedkitException nan = assertThrows(EmbedkitException.class, () -> collection.add(
          List.of(new Document("c", null, Map.of(), new float[] {1, Float.NaN, 0, 0}, null))));
      assertTrue(nan.getMessage().contains("non-finite"), nan.getMessage());
      EmbedkitException text = assertThrows(EmbedkitException.class,
          () -> collection.search(SearchRequest.of(Query.text("hello"))));
      assertEquals(ErrorKind.UNSUPPORTED, text.kind());
      List<SearchHit> hits = collection.search(SearchRequest.of(Query.vector(new float[] {0.9f, 0.1f, 0, 0})));
      assertEquals("a", hits.get(0).id());
      assertEquals(Metric.COSINE.compute(new float[] {0.9f, 0.1f, 0, 0}, new float[] {1, 0, 0, 0}),
          (float) hits.get(0).score(), 0f);
    }
  }

  @Test
  void quantisedCollectionsRescoreExactly() {
    EmbeddedCollections collections = collections();
    Random random = new Random(7);
    for (Quantization quantization : Quantization.values()) {
      String name = "q-" + quantization.name().toLowerCase();
      try (LuceneCollection collection = collections.create(
          CollectionSpec.external(name, 16).withQuantization(quantization))) {
        List<Document> documents = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          float[] v = new float[16];
          for (int j = 0; j < v.length; j++) {
            v[j] = (float) random.nextGaussian();
          }
          vectors.add(v);
          documents.add(new Document("d" + i, null, Map.of(), v, null));
        }
        collection.add(documents);
        float[] query = vectors.get(17);
        List<SearchHit> hits = collection.search(SearchRequest.of(Query.vector(query)).withFields(
            java.util.EnumSet.of(Field.VECTOR)));
        assertEquals("d17", hits.get(0).id(), quantization.name());
        assertEquals(1.0, hits.get(0).score(), 1e-6);
        assertArrayEquals(query, hits.get(0).vector());
        List<SearchHit> exact = collection.search(SearchRequest.of(Query.vector(query)).withExact(true));
        assertEquals(exact.get(1).score(), Metric.COSINE.compute(query,
            collection.get(exact.get(1).id(), true).orElseThrow().vector()), 0.0);
      }
    }
  }

  @Test
  void aSecondWriterIsRefusedAndAReaderSeesEachCommit() {
    EmbeddedCollections collections = collections();
    try (LuceneCollection writer = corpus(collections)) {
      EmbedkitException locked = assertThrows(EmbedkitException.class, () -> collections.open("sentences"));
      assertEquals(ErrorKind.CONFLICT, locked.kind());
      assertTrue(locked.getMessage().contains("open for writing in another process"), locked.getMessage());
      try (LuceneCollection reader = collections.open("sentences", true)) {
        assertEquals(9, reader.count());
        writer.upsert(List.of(Document.of("late", "A late arrival.")));
        assertEquals(10, reader.count());
        assertThrows(EmbedkitException.class, () -> reader.upsert(List.of(Document.of("x", "y"))));
      }
    }
  }

  @Test
  void namesWithPathCharactersAreRefused() {
    EmbeddedCollections collections = collections();
    for (String bad : new String[] {"../x", "a/b", "", ".hidden", "x".repeat(65), "a b"}) {
      EmbedkitException e = assertThrows(EmbedkitException.class,
          () -> collections.create(CollectionSpec.of(bad, "all-minilm-l6-v2")), bad);
      assertTrue(e.getMessage().startsWith("invalid collection name"), e.getMessage());
    }
    EmbedkitException missing = assertThrows(EmbedkitException.class, () -> collections.open("nope"));
    assertEquals(ErrorKind.NOT_FOUND, missing.kind());
  }

  @Test
  void filtersApplyInsideTheKnnSearchAndEqualExactSearch() {
    try (LuceneCollection collection = corpus(collections())) {
      dev.embedkit.store.filter.Filter filter =
          dev.embedkit.store.filter.FilterParser.parse("even = true AND n >= 2 OR animal IN ('horse')");
      SearchRequest request = SearchRequest.of(Query.text("A man is riding a horse.")).withFilter(filter).withTopK(9);
      List<SearchHit> hits = collection.search(request);
      List<String> expected = new ArrayList<>();
      for (int i = 0; i < SENTENCES.size(); i++) {
        Map<String, Object> metadata = collection.get("s" + i, false).orElseThrow().metadata();
        if (dev.embedkit.store.filter.FilterEvaluator.matches(filter, metadata)) {
          expected.add("s" + i);
        }
      }
      assertEquals(expected.size(), hits.size());
      assertEquals(new java.util.TreeSet<>(expected),
          new java.util.TreeSet<>(hits.stream().map(SearchHit::id).toList()));
      assertEquals(hits.stream().map(SearchHit::id).toList(),
          collection.search(request.withExact(true)).stream().map(SearchHit::id).toList());
      assertEquals(expected.size(), collection.count(filter));
      SearchHit top = hits.get(0);
      assertTrue(top.id().equals("s3") || top.id().equals("s6"), top.id());
    }
  }

  @Test
  void aFilterOnAnUnknownFieldOrOfTheWrongKindIsRefused() {
    try (LuceneCollection collection = corpus(collections())) {
      EmbedkitException unknown = assertThrows(EmbedkitException.class, () -> collection.search(
          SearchRequest.of(Query.text("x")).withFilter(dev.embedkit.store.filter.FilterParser.parse("lang = 'en'"))));
      assertEquals(ErrorKind.INVALID_INPUT, unknown.kind());
      assertTrue(unknown.getMessage().contains("unknown field 'lang'"), unknown.getMessage());
      assertTrue(unknown.getMessage().contains("animal"), unknown.getMessage());
      EmbedkitException kind = assertThrows(EmbedkitException.class, () -> collection.count(
          dev.embedkit.store.filter.FilterParser.parse("n = 'five'")));
      assertEquals(ErrorKind.INVALID_INPUT, kind.kind());
    }
  }

  @Test
  void aFilterPastLucenesClauseLimitIsInvalidInputNamingTheLimit() {
    int max = org.apache.lucene.search.IndexSearcher.getMaxClauseCount();
    // one OR wider than the limit fails as it is built; many small ANDs under one OR fail when the searcher counts
    // every clause together
    List<Filter> wide = new ArrayList<>();
    List<Filter> nested = new ArrayList<>();
    for (int i = 0; i < max + 10; i++) {
      wide.add(Filter.eq("animal", "a" + i));
      if (i < max / 2 + 10) {
        nested.add(Filter.and(Filter.eq("animal", "a" + i), Filter.eq("even", true), Filter.exists("n")));
      }
    }
    try (LuceneCollection collection = corpus(collections())) {
      for (Filter filter : List.of(new Filter.Or(wide), new Filter.Or(nested))) {
        for (java.util.function.Supplier<Object> call : List.<java.util.function.Supplier<Object>>of(
            () -> collection.search(SearchRequest.of(Query.text("horse")).withFilter(filter)),
            () -> collection.search(SearchRequest.of(Query.text("horse")).withFilter(filter).withExact(true)),
            () -> collection.search(SearchRequest.of(Query.keywords("horse")).withFilter(filter)),
            () -> collection.count(filter),
            () -> collection.scroll(null, 10, filter, false),
            () -> collection.delete(filter))) {
          EmbedkitException e = assertThrows(EmbedkitException.class, call::get);
          assertEquals(ErrorKind.INVALID_INPUT, e.kind(), e.getMessage());
          assertTrue(e.getMessage().contains("more than " + max + " conditions"), e.getMessage());
        }
      }
      assertEquals(9, collection.count(), "nothing deleted");
      assertEquals(2, collection.count(Filter.or(Filter.eq("animal", "horse"), Filter.eq("animal", "a1"))));
    }
  }

  @Test
  void deleteByFilterRemovesWhatItMatches() {
    try (LuceneCollection collection = corpus(collections())) {
      assertEquals(5, collection.delete(dev.embedkit.store.filter.FilterParser.parse("even = true")));
      assertEquals(4, collection.count());
      assertEquals(0, collection.count(dev.embedkit.store.filter.FilterParser.parse("even = true")));
      assertThrows(EmbedkitException.class, () -> collection.delete((dev.embedkit.store.filter.Filter) null));
    }
  }

  @Test
  void hybridSearchFusesBm25AndVectorRanksByReciprocalRank() {
    try (LuceneCollection collection = corpus(collections())) {
      String query = "violin";
      List<SearchHit> vectors = collection.search(SearchRequest.of(Query.text(query)).withTopK(9));
      List<SearchHit> hybrid = collection.search(SearchRequest.of(Query.text(query)).withTopK(9)
          .withHybrid(Hybrid.DEFAULTS));
      // s4 is the only document with the word: first in BM25 and first by vector too
      assertEquals("s4", hybrid.get(0).id());
      double expectedTop = 1.0 / (60 + 1) + 1.0 / (60 + 1 + rank(vectors, "s4"));
      assertEquals(expectedTop, hybrid.get(0).score(), 1e-12);
      // a document only the vector ranking found gets its vector rank's share alone
      SearchHit second = hybrid.get(1);
      assertEquals(1.0 / (60 + 1 + rank(vectors, second.id())), second.score(), 1e-12);
      List<SearchHit> keywordsOnly = collection.search(SearchRequest.of(Query.text("horse riding")).withTopK(2)
          .withHybrid(new Hybrid(0, 1, 60)));
      assertEquals(java.util.Set.of("s3", "s6"), java.util.Set.of(keywordsOnly.get(0).id(), keywordsOnly.get(1).id()));
      assertThrows(EmbedkitException.class, () -> collection.search(SearchRequest.of(Query.like("s1"))
          .withHybrid(Hybrid.DEFAULTS)));
    }
  }

  @Test
  void keywordsQueriesRankByBm25AloneEvenWithoutAModel() {
    EmbeddedCollections collections = collections();
    try (LuceneCollection withModel = corpus(collections);
        LuceneCollection external = collections.create(CollectionSpec.external("external", 2))) {
      // the BM25 order of a keywords query is the keyword side of a keywords-only hybrid search
      List<SearchHit> hybrid = withModel.search(SearchRequest.of(Query.text("horse riding")).withTopK(2)
          .withHybrid(new Hybrid(0, 1, 60)));
      List<SearchHit> keywords = withModel.search(SearchRequest.of(Query.keywords("horse riding")).withTopK(9));
      assertEquals(hybrid.stream().map(SearchHit::id).toList(), keywords.stream().map(SearchHit::id).toList());
      assertTrue(keywords.get(0).score() >= keywords.get(1).score() && keywords.get(1).score() > 0);
      assertEquals(List.of("s6"), withModel.search(SearchRequest.of(Query.keywords("horse riding"))
          .withFilter(Filter.eq("n", 6))).stream().map(SearchHit::id).toList());
      assertEquals(1, withModel.search(SearchRequest.of(Query.keywords("horse riding"))
          .withMinScore(keywords.get(0).score())).size());
      // an external-vector collection has no model, and keyword search still runs over its texts
      external.add(List.of(new Document("a", "a violin concert", Map.of(), new float[] {1, 0}, null),
          new Document("b", "drums and bass", Map.of(), new float[] {0, 1}, null)));
      assertEquals(List.of("b"), external.search(SearchRequest.of(Query.keywords("drums"))).stream()
          .map(SearchHit::id).toList());
      assertTrue(external.search(SearchRequest.of(Query.keywords("the"))).isEmpty(), "stop words only: no hits");
    }
  }

  private static int rank(List<SearchHit> hits, String id) {
    for (int i = 0; i < hits.size(); i++) {
      if (hits.get(i).id().equals(id)) {
        return i;
      }
    }
    throw new AssertionError(id + " not ranked");
  }

  @Test
  void scrollPagesThroughEveryDocumentInIdOrder() {
    try (LuceneCollection collection = corpus(collections())) {
      List<String> seen = new ArrayList<>();
      String after = null;
      do {
        Page page = collection.scroll(after, 4, null, false);
        page.documents().forEach(d -> seen.add(d.id()));
        after = page.next();
      } while (after != null);
      assertEquals(List.of("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8"), seen);
      Page filtered = collection.scroll(null, 100, dev.embedkit.store.filter.FilterParser.parse("n > 6"), true);
      assertEquals(List.of("s7", "s8"), filtered.documents().stream().map(StoredDocument::id).toList());
      assertArrayEquals(model.embed(SENTENCES.get(7)), filtered.documents().get(0).vector());
      assertNull(filtered.next());
    }
  }

  @Test
  void aDamagedIndexGivesOneClearError() throws Exception {
    EmbeddedCollections collections = collections();
    corpus(collections).close();
    Path index = collections.folder("sentences").resolve("index");
    for (Path file : java.nio.file.Files.list(index).toList()) {
      String name = file.getFileName().toString();
      if (name.endsWith(".cfs") || name.endsWith(".vec") || name.endsWith(".fdt")) {
        byte[] bytes = java.nio.file.Files.readAllBytes(file);
        java.nio.file.Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
      }
    }
    EmbedkitException damaged = assertThrows(EmbedkitException.class, () -> {
      try (LuceneCollection opened = collections.open("sentences", true)) {
        opened.search(SearchRequest.of(Query.text("food")));
      }
    });
    assertEquals(ErrorKind.MODEL, damaged.kind());
    assertTrue(damaged.getMessage().contains("damaged"), damaged.getMessage());
    assertEquals(1, damaged.getMessage().lines().count(), damaged.getMessage());
  }

  @Test
  void longTextsAreChunkedAndSearchReturnsTheBestChunkWithItsOffsets() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      text.append("The committee discussed the annual budget and the new parking rules in detail. ");
    }
    text.append("A cheetah is running behind its prey across the savanna. ");
    for (int i = 0; i < 40; i++) {
      text.append("Minutes of the meeting were approved without changes by all members present. ");
    }
    String whole = text.toString().strip();
    try (LuceneCollection collection = corpus(collections())) {
      collection.add(List.of(Document.of("long", whole, Map.of("n", 99))));
      StoredDocument stored = collection.get("long", true).orElseThrow();
      assertTrue(stored.chunks().size() >= 3, "chunks: " + stored.chunks().size());
      for (StoredDocument.StoredChunk chunk : stored.chunks()) {
        assertEquals(whole.substring(chunk.chunk().start(), chunk.chunk().end()), chunk.chunk().text());
        assertArrayEquals(model.embed(chunk.chunk().text()), chunk.vector(), "chunk " + chunk.chunk().index());
        assertTrue(model.countTokens(List.of(chunk.chunk().text()))[0] <= model.info().maxSeqLength());
      }
      String query = "a fast animal chasing prey";
      List<SearchHit> documents = collection.search(SearchRequest.of(Query.text(query)).withTopK(20)
          .withFilter(dev.embedkit.store.filter.FilterParser.parse("n = 99")));
      assertEquals(1, documents.size());
      Chunk best = documents.get(0).chunk();
      assertTrue(best.text().contains("cheetah"), best.text());
      assertEquals(whole, documents.get(0).text());
      float[] q = model.embed(query);
      double bestScore = stored.chunks().stream().mapToDouble(c -> Metric.COSINE.compute(q, c.vector())).max()
          .orElseThrow();
      assertEquals((float) bestScore, (float) documents.get(0).score(), 0f);
      List<SearchHit> chunks = collection.search(SearchRequest.of(Query.text(query)).withTopK(100)
          .withGranularity(Granularity.CHUNKS).withFilter(dev.embedkit.store.filter.FilterParser.parse("n = 99")));
      assertEquals(stored.chunks().size(), chunks.size());
      assertEquals(best.index(), chunks.get(0).chunk().index());
      assertEquals(10, collection.count());
      assertEquals(9 + stored.chunks().size(), collection.info().chunks());
    }
  }
}
