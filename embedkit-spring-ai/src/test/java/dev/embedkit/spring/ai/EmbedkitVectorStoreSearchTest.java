package dev.embedkit.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.filter.Filter;
import org.springframework.ai.vectorstore.filter.FilterExpressionBuilder;
import org.springframework.ai.vectorstore.filter.FilterExpressionTextParser;

/**
 * Similarity search through the Spring AI VectorStore: scores against the library's cosine for the same texts,
 * threshold, topK, every filter operator (documents lacking the key included) and the errors for bad filters.
 */
class EmbedkitVectorStoreSearchTest {
  static final long BIG = 1746714878034235396L; // beyond 2^53: a double could not hold it

  @TempDir
  Path dir;

  Collection collection;
  EmbedkitVectorStore store;

  @BeforeEach
  void open() {
    EmbeddedCollections collections = new EmbeddedCollections(dir, name -> SharedModel.library());
    collection = collections.create(CollectionSpec.of("search", "all-minilm-l6-v2"));
    store = EmbedkitVectorStore.builder(collection, SharedModel.spring()).build();
    store.add(List.of(
        doc("a", "The cat sat on the mat.", Map.of("country", "BG", "year", 2020, "rating", 4.5, "open", true,
            "tags", List.of("pets", "home"))),
        doc("b", "A dog barked at the mailman.", Map.of("country", "NL", "year", 2023, "rating", 3.0, "open", false)),
        doc("c", "Stock markets fell sharply today.", Map.of("country", "BG", "year", 2023)),
        doc("d", "The kitten chased a ball of yarn.", Map.of()),
        doc("e", "Rain is expected tomorrow afternoon.", Map.of("big", BIG))));
  }

  @AfterEach
  void close() {
    collection.close();
  }

  static Document doc(String id, String text, Map<String, Object> metadata) {
    return Document.builder().id(id).text(text).metadata(new HashMap<>(metadata)).build();
  }

  List<Document> search(String query, int topK, double threshold, Filter.Expression filter) {
    return store.similaritySearch(SearchRequest.builder().query(query).topK(topK).similarityThreshold(threshold)
        .filterExpression(filter).build());
  }

  List<String> ids(Filter.Expression filter) {
    return search("animals", 10, 0.0, filter).stream().map(Document::getId).sorted().toList();
  }

  @Test
  void scoresAreTheLibrarysCosineAndDistanceIsOneMinusIt() {
    String query = "A cat resting on a rug";
    List<Document> hits = search(query, 5, 0.0, null);

    assertThat(hits).hasSize(4); // the fifth, "Rain is expected...", has a negative cosine: threshold 0 drops it
    float[] q = SharedModel.library().embed(query);
    Map<String, String> texts = new HashMap<>();
    collection.scroll(null, 10, null, false).documents().forEach(d -> texts.put(d.id(), d.text()));
    double previous = Double.POSITIVE_INFINITY;
    for (Document hit : hits) {
      float expected = Metric.COSINE.compute(q, SharedModel.library().embed(texts.get(hit.getId())));
      assertThat(hit.getScore()).as(hit.getId()).isCloseTo(expected, within(1e-6));
      assertThat((Double) hit.getMetadata().get("distance")).isEqualTo(1.0 - hit.getScore());
      assertThat(hit.getScore()).isLessThanOrEqualTo(previous);
      previous = hit.getScore();
    }
    assertThat(hits.get(0).getId()).isIn("a", "d");
    assertThat(hits.get(0).getText()).isEqualTo(texts.get(hits.get(0).getId()));
  }

  @Test
  void thresholdIsInclusiveAndTopKLimits() {
    List<Document> all = search("A cat resting on a rug", 5, 0.0, null);
    double second = all.get(1).getScore();

    assertThat(search("A cat resting on a rug", 5, second, null)).extracting(Document::getId)
        .containsExactly(all.get(0).getId(), all.get(1).getId());
    assertThat(search("A cat resting on a rug", 5, Math.nextUp(second), null)).extracting(Document::getId)
        .containsExactly(all.get(0).getId());
    assertThat(search("A cat resting on a rug", 2, 0.0, null)).extracting(Document::getId)
        .containsExactly(all.get(0).getId(), all.get(1).getId());
    assertThat(search("A cat resting on a rug", 0, 0.0, null)).isEmpty();
    assertThat(search("A cat resting on a rug", 5, 1.0, null)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      "country == 'BG' ; a c",
      "country != 'BG' ; b d e",
      "year > 2020 ; b c",
      "year >= 2020 ; a b c",
      "year < 2023 ; a",
      "year <= 2023 ; a b c",
      "rating >= 3.5 ; a",
      "rating < 4 ; b",
      "open == true ; a",
      "open != true ; b c d e",
      "country in ['BG', 'NL'] ; a b c",
      "country nin ['BG'] ; b d e",
      "NOT (country == 'BG') ; b d e",
      "country == 'BG' && year >= 2023 ; c",
      "country == 'NL' || year == 2020 ; a b",
      "(country == 'NL' || year == 2020) && open == true ; a",
      "NOT (country == 'NL' || year == 2020) ; c d e",
      "tags == 'pets' ; a",
      "tags nin ['pets'] ; b c d e",
      "big == 1746714878034235396L ; e",
      "big == 1746714878034235395L ; ''",
      "big > 1746714878034235395L ; e",
      "'country' == 'NL' ; b",
  })
  void textFiltersMatchEmbedkitsSemantics(String filter, String expected) {
    List<String> want = expected.isBlank() ? List.of() : List.of(expected.trim().split(" "));
    assertThat(ids(new FilterExpressionTextParser().parse(filter))).containsExactlyElementsOf(want);
  }

  @Test
  void builtFiltersCoverIsNullAndIsNotNull() {
    var b = new FilterExpressionBuilder();
    assertThat(ids(b.isNull("country").build())).containsExactly("d", "e");
    assertThat(ids(b.isNotNull("country").build())).containsExactly("a", "b", "c");
    assertThat(ids(b.not(b.in("country", "BG")).build())).containsExactly("b", "d", "e");
    assertThat(ids(b.and(b.gte("year", 2020), b.lt("rating", 4.0)).build())).containsExactly("b");
    assertThat(ids(b.nin("year", 2020, 2023).build())).containsExactly("d", "e");
    assertThat(ids(b.eq("rating", 4.5f).build())).containsExactly("a");
  }

  @Test
  void metadataRoundTripsAsEmbedkitNormalisesIt() {
    Document a = search("The cat sat on the mat.", 1, 0.0, null).get(0);
    assertThat(a.getId()).isEqualTo("a");
    assertThat(a.getMetadata()).containsEntry("country", "BG").containsEntry("year", 2020L)
        .containsEntry("rating", 4.5).containsEntry("open", true).containsEntry("tags", List.of("pets", "home"));
    Document e = search("Rain is expected tomorrow afternoon.", 1, 0.0, null).get(0);
    assertThat(e.getMetadata()).containsEntry("big", BIG);
  }

  @Test
  void addingAnIdAgainReplacesTheDocument() {
    store.add(List.of(doc("c", "Bond yields rose.", Map.of("country", "DE"))));

    assertThat(collection.count()).isEqualTo(5);
    assertThat(ids(new FilterExpressionTextParser().parse("country == 'DE'"))).containsExactly("c");
  }

  @Test
  void deleteByFilterRemovesDocumentsLackingTheKeyForNe() {
    store.delete("country != 'BG'");

    assertThat(collection.count()).isEqualTo(2);
    store.delete(new FilterExpressionBuilder().eq("year", 2023).build());
    assertThat(ids(null)).containsExactly("a");
    store.delete(List.of("a", "no-such-id"));
    assertThat(collection.count()).isZero();
  }

  @Test
  void badFiltersSayWhatIsSupported() {
    String supported = "supported: EQ, NE, GT, GTE, LT, LTE, IN, NIN, AND, OR, NOT, ISNULL, ISNOTNULL";
    var listForEq = new Filter.Expression(Filter.ExpressionType.EQ, new Filter.Key("country"),
        new Filter.Value(List.of("BG", "NL")));
    assertThatThrownBy(() -> ids(listForEq)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("EQ compares with one value, not a list (use IN or NIN); " + supported);
    var keyUnderAnd = new Filter.Expression(Filter.ExpressionType.AND, new Filter.Key("country"), new Filter.Value(1));
    assertThatThrownBy(() -> ids(keyUnderAnd)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("AND needs expressions as operands, not Key; " + supported);
    var noValue = new Filter.Expression(Filter.ExpressionType.GT, new Filter.Key("year"), null);
    assertThatThrownBy(() -> ids(noValue)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageEndingWith(supported);
    var date = new Filter.Expression(Filter.ExpressionType.GT, new Filter.Key("year"), new Filter.Value(new Date(0)));
    assertThatThrownBy(() -> ids(date)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a Date; accepted: string, integer, long, float, double, boolean");
    assertThatThrownBy(() -> store.delete("country = = 'BG'"))
        .isInstanceOf(FilterExpressionTextParser.FilterExpressionParseException.class);
    assertThat(collection.count()).isEqualTo(5);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = ';', value = {
      // a key no document has is absent, as in SimpleVectorStore: positive conditions false, negations true
      "colour == 'red' ; ''",
      "colour != 'red' ; a b c d e",
      "colour in ['red'] ; ''",
      "colour nin ['red'] ; a b c d e",
      "NOT (colour == 'red') ; a b c d e",
      "colour == 'red' || country == 'NL' ; b",
      "colour != 'red' && country == 'NL' ; b",
      // a kind of value the key never held compares false
      "year == 'old' ; ''",
      "year != 'old' ; a b c d e",
      // a key only some documents have
      "big > 0 ; e",
      "big != 5 ; a b c d e",
  })
  void unknownKeysAndKindsMatchAsAbsent(String filter, String expected) {
    List<String> want = expected.isBlank() ? List.of() : List.of(expected.trim().split(" "));
    assertThat(ids(new FilterExpressionTextParser().parse(filter))).containsExactlyElementsOf(want);
  }

  @Test
  void deleteByAFilterOnAnUnknownKeyDeletesWhatItMatches() {
    store.delete("colour == 'red'");
    assertThat(collection.count()).isEqualTo(5);
    store.delete("colour != 'red' && year == 2023");
    assertThat(ids(null)).containsExactly("a", "d", "e");
    store.delete("colour != 'red'");
    assertThat(collection.count()).isZero();
  }

  @Test
  void filtersOnAnEmptyStoreFindNothingAndDeleteNothing() {
    store.delete(List.of("a", "b", "c", "d", "e"));
    assertThat(collection.count()).isZero();
    assertThat(ids(new FilterExpressionTextParser().parse("country == 'BG'"))).isEmpty();
    assertThat(ids(new FilterExpressionTextParser().parse("country != 'BG'"))).isEmpty();
    store.delete("country == 'BG'");
    store.delete("country != 'BG'");
    assertThat(collection.count()).isZero();
  }

  @Test
  void documentsWithMediaAreRefusedAndNothingIsWritten() {
    var image = Document.builder().id("img")
        .media(new org.springframework.ai.content.Media(org.springframework.util.MimeTypeUtils.IMAGE_PNG,
            new org.springframework.core.io.ByteArrayResource(new byte[] {1, 2, 3})))
        .build();
    assertThatThrownBy(() -> store.add(List.of(doc("x", "some text", Map.of()), image)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("document 'img' has media, not text: the VectorStore embeds text; embed images with"
            + " EmbedkitDocumentEmbeddingModel");
    assertThatThrownBy(() -> store.doAdd(List.of(image))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has media, not text");
    assertThat(collection.count()).isEqualTo(5);
  }

  @Test
  void badDocumentsFailInSpringsTermsAndWriteNothing() {
    assertThatThrownBy(() -> store.add(List.of(doc("x", "nested", Map.of("owner", Map.of("name", "ann"))))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metadata field 'owner'");
    assertThatThrownBy(() -> store.add(List.of(doc("y", "one", Map.of()), doc("y", "two", Map.of()))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("appears twice in one batch");
    assertThat(collection.count()).isEqualTo(5);
  }

  @Test
  void theNativeClientIsTheCollection() {
    assertThat(store.<Collection>getNativeClient()).containsSame(collection);
  }

  @Test
  void aModelOtherThanTheCollectionsIsRefused() {
    try (EmbedkitEmbeddingModel e5 = EmbedkitEmbeddingModel.load("e5-small-v2")) {
      assertThat(e5.dimensions()).isEqualTo(384); // same size, other space
      assertThatThrownBy(() -> EmbedkitVectorStore.builder(collection, e5).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("collection 'search' was built with embedkit model 'all-minilm-l6-v2'; the EmbeddingModel is"
              + " embedkit model 'e5-small-v2' (give the store that model, or use a collection of external vectors)");
    }
    // Another EmbeddingModel class, even one that runs the same model underneath, cannot vouch for its vectors.
    org.springframework.ai.embedding.EmbeddingModel decorated = new org.springframework.ai.embedding.EmbeddingModel() {
      final EmbedkitEmbeddingModel inner = SharedModel.spring();

      @Override
      public org.springframework.ai.embedding.EmbeddingResponse call(
          org.springframework.ai.embedding.EmbeddingRequest request) {
        return inner.call(request);
      }

      @Override
      public float[] embed(Document document) {
        return inner.embed(document);
      }
    };
    assertThatThrownBy(() -> EmbedkitVectorStore.builder(collection, decorated).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the EmbeddingModel is a ");
  }

  @Test
  void aModelOfOtherDimensionsIsRefused() {
    var small = new EmbedkitEmbeddingModel(SharedModel.library(), dev.embedkit.EmbedOptions.DEFAULTS.withDimensions(128));
    assertThatThrownBy(() -> EmbedkitVectorStore.builder(collection, small).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the EmbeddingModel makes vectors of 128 dimensions; collection 'search' holds 384 (use the"
            + " collection's model, or a new collection)");
  }
}
