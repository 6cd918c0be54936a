package dev.embedkit.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.embedkit.store.StoredDocument;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the suites do not pin: the stored form of typed metadata, reopening, and this adapter's own refusals. */
class EmbedkitEmbeddingStoreTest {
  @TempDir Path root;

  private EmbedkitEmbeddingStore store() {
    return EmbedkitEmbeddingStore.builder().root(root).collectionName("own").dimensions(384).build();
  }

  @Test
  void typedMetadataIsKeptInReservedFieldsAndSurvivesReopening() {
    EmbedkitEmbeddingModel model = SharedModel.get();
    UUID uuid = UUID.randomUUID();
    Metadata metadata = new Metadata().put("i", 7).put("l", 1746714878034235396L).put("f", Float.MIN_VALUE)
        .put("d", 0.1).put("u", uuid).put("s", "x");
    TextSegment segment = TextSegment.from("A man is eating food.", metadata);
    Embedding embedding = model.embed(segment).content();
    try (EmbedkitEmbeddingStore store = store()) {
      store.addAll(List.of("one"), List.of(embedding), List.of(segment));
      StoredDocument stored = store.collection().get("one", false).orElseThrow();
      assertThat(stored.metadata()).containsEntry("i", 7L).containsEntry("u", uuid.toString())
          .containsEntry(SegmentMetadata.INTS, List.of("i")).containsEntry(SegmentMetadata.FLOATS, List.of("f"))
          .containsEntry(SegmentMetadata.UUIDS, List.of("u"));
    }
    try (EmbedkitEmbeddingStore reopened = store()) {
      EmbeddingMatch<TextSegment> match = reopened.search(EmbeddingSearchRequest.builder().queryEmbedding(embedding)
          .maxResults(1).build()).matches().get(0);
      assertThat(match.embedded()).isEqualTo(segment);
      assertThat(match.embedded().metadata().toMap()).isEqualTo(metadata.toMap());
      assertThat(match.embedding()).isEqualTo(embedding);
      assertThat(match.score()).isEqualTo(1.0, org.assertj.core.data.Offset.offset(1e-6));
    }
  }

  @Test
  void refusesWhatItCannotStoreOrAnswerInOneLine() {
    Embedding embedding = SharedModel.get().embed("x").content();
    try (EmbedkitEmbeddingStore store = store()) {
      for (Runnable bad : List.<Runnable>of(
          () -> store.add(embedding, TextSegment.from("x", Metadata.from(SegmentMetadata.INTS, "k"))),
          () -> store.add(embedding, TextSegment.from("x", Metadata.from("_private", "k"))),
          () -> store.add(new Embedding(new float[] {1, 2, 3})),
          () -> store.addAll(List.of("a", "b"), List.of(embedding), null),
          () -> store.search(EmbeddingSearchRequest.builder().queryEmbedding(embedding).maxResults(20_000).build()))) {
        assertThatThrownBy(bad::run).isInstanceOf(IllegalArgumentException.class)
            .satisfies(e -> assertThat(e.getMessage()).isNotBlank().doesNotContain("\n"));
      }
      assertThat(store.collection().count()).isZero();
    }
    assertThatThrownBy(() -> EmbedkitEmbeddingStore.builder().root(root).collectionName("none").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
    assertThatThrownBy(() -> EmbedkitEmbeddingStore.builder().root(root).collectionName("../x").dimensions(3).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid collection name");
  }

  @Test
  void aStoreOverAnOpenCollectionLeavesItOpen() {
    try (EmbedkitEmbeddingStore owner = store()) {
      EmbedkitEmbeddingStore.of(owner.collection()).close();
      owner.add(SharedModel.get().embed("still open").content());
      assertThat(owner.collection().count()).isEqualTo(1);
    }
  }
}
