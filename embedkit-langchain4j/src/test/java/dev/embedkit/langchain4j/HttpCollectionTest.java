package dev.embedkit.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.Document;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.Field;
import dev.embedkit.store.Hybrid;
import dev.embedkit.store.Page;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.remote.HttpCollection;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HttpCollection against a real server in-process, compared with the embedded LuceneCollection doing the same
 * operations: the two implementations of Collection must agree.
 */
class HttpCollectionTest {
  private static final List<String> TEXTS = List.of(
      "A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby.",
      "A man is riding a horse.", "A woman is playing violin.", "A monkey is playing drums.");

  private static List<Document> documents() {
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      out.add(Document.of("d" + i, TEXTS.get(i), Map.of("n", i, "even", i % 2 == 0, "tag", i < 3 ? "a" : "b")));
    }
    return out;
  }

  @Test
  void searchesAndReadsAgreeWithTheEmbeddedCollection(@TempDir Path dir) {
    String name = "agree-" + UUID.randomUUID().toString().substring(0, 8);
    EmbeddedCollections local = new EmbeddedCollections(dir, n -> SharedModel.get().embedkitModel());
    try (Collection remote = HttpCollection.create(SharedServer.uri(), CollectionSpec.of(name, SharedModel.NAME),
        SharedServer.KEY);
        Collection embedded = local.create(CollectionSpec.of(name, SharedModel.NAME))) {
      assertThat(remote.upsert(documents())).isEqualTo(embedded.upsert(documents()));
      assertThat(remote.config().model().name()).isEqualTo(SharedModel.NAME);
      assertThat(remote.config().dimensions()).isEqualTo(384);
      assertThat(HttpCollection.exists(SharedServer.uri(), name, SharedServer.KEY)).isTrue();

      for (SearchRequest request : List.of(
          SearchRequest.of(Query.text("Someone is eating")).withTopK(3),
          SearchRequest.of(Query.text("music")).withFilter(Filter.eq("tag", "b")).withExact(true),
          SearchRequest.of(Query.text("horse")).withHybrid(Hybrid.DEFAULTS).withTopK(4),
          SearchRequest.of(Query.like("d0")).withTopK(2).withFields(EnumSet.of(Field.VECTOR, Field.METADATA)))) {
        List<SearchHit> overHttp = remote.search(request);
        List<SearchHit> inProcess = embedded.search(request);
        assertThat(overHttp).extracting(SearchHit::id).isEqualTo(inProcess.stream().map(SearchHit::id).toList());
        for (int i = 0; i < overHttp.size(); i++) {
          assertThat(overHttp.get(i).score()).isEqualTo(inProcess.get(i).score());
          assertThat(overHttp.get(i).text()).isEqualTo(inProcess.get(i).text());
          assertThat(overHttp.get(i).metadata()).isEqualTo(inProcess.get(i).metadata());
          assertThat(overHttp.get(i).vector()).isEqualTo(inProcess.get(i).vector());
        }
      }

      StoredDocument one = remote.get("d3", true).orElseThrow();
      assertThat(one.vector()).isEqualTo(embedded.get("d3", true).orElseThrow().vector());
      assertThat(one.metadata()).isEqualTo(Map.of("n", 3L, "even", false, "tag", "b"));
      assertThat(remote.get("missing", false)).isEmpty();

      assertThat(remote.count()).isEqualTo(6);
      assertThat(remote.count(Filter.eq("even", true))).isEqualTo(embedded.count(Filter.eq("even", true)));
      Page first = remote.scroll(null, 4, null, false);
      Page second = remote.scroll(first.next(), 4, null, false);
      assertThat(first.documents()).hasSize(4);
      assertThat(second.documents()).hasSize(2);
      assertThat(second.next()).isNull();

      assertThat(remote.delete(Filter.gte("n", 4))).isEqualTo(2);
      assertThat(remote.delete(List.of("d0", "nope"))).isEqualTo(1);
      assertThat(remote.info().documents()).isEqualTo(3);
      assertThat(remote.clear()).isEqualTo(3);
      assertThat(remote.count()).isZero();
    }
  }

  @Test
  void theStoreAndTheHybridRetrieverWorkOverTheServerByName() {
    String name = "byname-" + UUID.randomUUID().toString().substring(0, 8);
    EmbedkitEmbeddingModel model = SharedModel.get();
    List<dev.langchain4j.data.segment.TextSegment> segments = TEXTS.stream()
        .map(dev.langchain4j.data.segment.TextSegment::from).toList();
    try (EmbedkitEmbeddingStore created = EmbedkitEmbeddingStore.builder().server(SharedServer.uri(), SharedServer.KEY)
        .collectionName(name).embeddingModel(model).build()) {
      created.addAll(model.embedAll(segments).content(), segments);
    }
    try (EmbedkitEmbeddingStore reopened = EmbedkitEmbeddingStore.builder().server(SharedServer.uri(), SharedServer.KEY)
        .collectionName(name).build()) {
      assertThat(reopened.collection().count()).isEqualTo(TEXTS.size());
      List<dev.langchain4j.rag.content.Content> contents = EmbedkitContentRetriever.builder().store(reopened)
          .maxResults(2).build().retrieve(dev.langchain4j.rag.query.Query.from("Who plays the violin?"));
      assertThat(contents.get(0).textSegment().text()).isEqualTo("A woman is playing violin.");
    }
    assertThatThrownBy(() -> EmbedkitEmbeddingStore.builder().server(SharedServer.uri(), SharedServer.KEY)
        .collectionName("absent-" + name).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
  }

  @Test
  void vectorsTravelExactly() {
    Random random = new Random(42);
    try (Collection remote = HttpCollection.create(SharedServer.uri(),
        CollectionSpec.external("exact-" + UUID.randomUUID().toString().substring(0, 8), 97), SharedServer.KEY)) {
      List<Document> documents = new ArrayList<>();
      for (int d = 0; d < 50; d++) {
        float[] vector = new float[97];
        for (int i = 0; i < vector.length; i++) {
          vector[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(12) - 6));
        }
        vector[0] = d == 0 ? Float.MIN_VALUE : vector[0];
        documents.add(new Document("v" + d, null, Map.of("big", 1746714878034235396L, "tiny", (double) Float.MIN_VALUE),
            vector, null));
      }
      remote.upsert(documents);
      for (StoredDocument stored : remote.get(documents.stream().map(Document::id).toList(), true)) {
        Document sent = documents.get(Integer.parseInt(stored.id().substring(1)));
        assertThat(stored.vector()).isEqualTo(sent.vector());
        assertThat(stored.metadata()).isEqualTo(sent.metadata());
      }
    }
  }

  @Test
  void errorsAreOneLineWithTheKindOfTheStatus() {
    URI server = SharedServer.uri();
    String name = "errors-" + UUID.randomUUID().toString().substring(0, 8);
    assertThatThrownBy(() -> HttpCollection.open(server, name, SharedServer.KEY))
        .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
        .hasMessageContaining(name);
    assertThatThrownBy(() -> HttpCollection.open(server, name, "wrong-key"))
        .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
        .hasMessageContaining("HTTP 401");
    try (Collection remote = HttpCollection.create(server, CollectionSpec.external(name, 3), SharedServer.KEY)) {
      assertThatThrownBy(() -> HttpCollection.create(server, CollectionSpec.external(name, 3), SharedServer.KEY))
          .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
      remote.add(List.of(new Document("a", null, Map.of(), new float[] {1, 0, 0}, null)));
      assertThatThrownBy(() -> remote.add(List.of(new Document("a", null, Map.of(), new float[] {0, 1, 0}, null))))
          .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT));
      assertThatThrownBy(() -> remote.upsert(List.of(new Document("b", null, Map.of(), new float[] {1, 0}, null))))
          .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
          .hasMessageContaining("dimensions")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      assertThatThrownBy(remote::compact)
          .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED));
      assertThatThrownBy(() -> remote.search(SearchRequest.of(Query.keywords("bread"))))
          .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNSUPPORTED))
          .hasMessageContaining("keyword-only");
    }
    assertThatThrownBy(() -> HttpCollection.open(URI.create("http://127.0.0.1:1"), "x", null))
        .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE));
    assertThatThrownBy(() -> HttpCollection.open(URI.create("ftp://127.0.0.1"), "x", null))
        .isInstanceOfSatisfying(EmbedkitException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }
}
