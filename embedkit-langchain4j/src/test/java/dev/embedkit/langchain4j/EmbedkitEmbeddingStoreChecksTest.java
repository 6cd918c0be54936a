package dev.embedkit.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.ModelRef;
import dev.embedkit.vector.Metric;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.filter.Filter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Filters on keys no document has (LangChain4j's reading), and the checks of the collection at build time. */
class EmbedkitEmbeddingStoreChecksTest {
  @TempDir Path root;

  private EmbedkitEmbeddingStore store(String name) {
    return EmbedkitEmbeddingStore.builder().root(root).collectionName(name).dimensions(384).build();
  }

  private static List<String> ids(EmbedkitEmbeddingStore store, Embedding query, Filter filter) {
    return store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(10).filter(filter).build())
        .matches().stream().map(EmbeddingMatch::embeddingId).sorted().toList();
  }

  @Test
  void filtersOnKeysNoDocumentHasMatchAsAbsent() {
    Embedding query = SharedModel.get().embed("food").content();
    try (EmbedkitEmbeddingStore store = store("lenient")) {
      assertThat(ids(store, query, metadataKey("user").isEqualTo("u1"))).isEmpty();
      assertThat(ids(store, query, metadataKey("user").isNotEqualTo("u1"))).isEmpty();
      store.removeAll(metadataKey("user").isEqualTo("u1")); // empty store: a no-op, not an error
      store.removeAll(metadataKey("user").isNotEqualTo("u1"));

      TextSegment a = TextSegment.from("A man is eating food.", Metadata.from("user", "u1"));
      TextSegment b = TextSegment.from("A man is riding a horse.", Metadata.from("lang", "en"));
      store.addAll(List.of("a", "b"), SharedModel.get().embedAll(List.of(a, b)).content(), List.of(a, b));
      assertThat(ids(store, query, metadataKey("unknown").isEqualTo("x"))).isEmpty();
      assertThat(ids(store, query, metadataKey("unknown").isNotEqualTo("x"))).containsExactly("a", "b");
      assertThat(ids(store, query, metadataKey("user").isEqualTo("u1"))).containsExactly("a");
      assertThat(ids(store, query, metadataKey("user").isNotEqualTo("u1"))).containsExactly("b");
      assertThat(ids(store, query, metadataKey("unknown").isIn("x", "y").or(metadataKey("lang").isEqualTo("en"))))
          .containsExactly("b");

      store.removeAll(metadataKey("unknown").isEqualTo("x"));
      assertThat(store.collection().count()).isEqualTo(2);
      store.removeAll(metadataKey("user").isNotEqualTo("u1"));
      assertThat(ids(store, query, null)).containsExactly("a");
      store.removeAll(metadataKey("unknown").isNotEqualTo("x"));
      assertThat(store.collection().count()).isZero();
    }
  }

  @Test
  void anExistingCollectionMustHaveTheBuildersModelAndDimensions() {
    EmbedkitEmbeddingModel model = SharedModel.get();
    EmbedkitEmbeddingStore.builder().root(root).collectionName("minilm").embeddingModel(model).build().close();
    // the same model reopens it; so does giving nothing
    EmbedkitEmbeddingStore.builder().root(root).collectionName("minilm").embeddingModel(model).build().close();
    assertThatThrownBy(() -> EmbedkitEmbeddingStore.builder().root(root).collectionName("minilm").dimensions(768)
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("768").hasMessageContaining("384");

    store("external").close();
    assertThatThrownBy(() -> EmbedkitEmbeddingStore.builder().root(root).collectionName("external").dimensions(3)
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds vectors of 384");

    // A collection recorded with another model (same dimensions): refused, naming both.
    EmbeddedCollections all = new EmbeddedCollections(root, n -> model.embedkitModel());
    try (Collection real = all.open("minilm")) {
      CollectionConfig c = real.config();
      Collection other = withConfig(real, new CollectionConfig(c.name(), new ModelRef("bge-small-en-v1.5",
          "0123456789abcdef"), c.dimensions(), c.similarity(), c.hnsw(), c.quantization(), c.chunking(), c.analyzer()));
      assertThatThrownBy(() -> EmbedkitEmbeddingStore.builder().collection(other).embeddingModel(model).build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("bge-small-en-v1.5").hasMessageContaining(SharedModel.NAME)
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
      EmbedkitEmbeddingStore.builder().collection(real).embeddingModel(model).build().close();
    }
  }

  @Test
  /** MANHATTAN is not offered by collections at all. */
  void nonCosineCollectionsAreRefusedButDotWithANormalisingModelIsAccepted() {
    EmbeddedCollections all = new EmbeddedCollections(root, n -> SharedModel.get().embedkitModel());
    for (Metric metric : List.of(Metric.EUCLIDEAN, Metric.DOT)) {
      all.create(CollectionSpec.external("m-" + metric, 384).withSimilarity(metric)).close();
      assertThatThrownBy(() -> EmbedkitEmbeddingStore.builder().collections(all).collectionName("m-" + metric)
          .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(metric.toString())
          .hasMessageContaining("cosine");
    }
    // all-MiniLM-L6-v2 normalises its vectors, so dot product is cosine
    try (EmbedkitEmbeddingStore dot = EmbedkitEmbeddingStore.builder().collections(all).collectionName("m-DOT")
        .embeddingModel(SharedModel.get()).build()) {
      Embedding e = SharedModel.get().embed("A man is eating food.").content();
      dot.add("x", e);
      assertThat(dot.search(EmbeddingSearchRequest.builder().queryEmbedding(e).build()).matches().get(0).score())
          .isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  /** The collection with another config, everything else delegated. */
  private static Collection withConfig(Collection real, CollectionConfig config) {
    return (Collection) Proxy.newProxyInstance(Collection.class.getClassLoader(), new Class<?>[] {Collection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("config") && method.getParameterCount() == 0) {
            return config;
          }
          try {
            return method.invoke(real, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }
}
