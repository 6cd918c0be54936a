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
}
