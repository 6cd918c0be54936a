package dev.embedkit.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.EmbeddedCollections;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * The similarity threshold as Spring AI's SimpleVectorStore applies it: always, inclusively ({@code score >=
 * threshold}), so the default 0 drops negative cosines. Vectors are fixed by a stub EmbeddingModel (2 dimensions) so
 * the cosines are known exactly.
 */
class EmbedkitVectorStoreThresholdTest {
  static final Map<String, float[]> VECTORS = Map.of(
      "query", new float[] {1, 0},
      "same", new float[] {1, 0},          // cosine 1
      "orthogonal", new float[] {0, 1},    // cosine 0: kept by threshold 0 (inclusive)
      "opposite", new float[] {-1, 0},     // cosine -1: dropped by threshold 0
      "leaning-away", new float[] {-1, 1}); // cosine -0.707

  static final class FixedModel implements EmbeddingModel {
    @Override
    public EmbeddingResponse call(EmbeddingRequest request) {
      List<Embedding> embeddings = new ArrayList<>();
      for (String text : request.getInstructions()) {
        embeddings.add(new Embedding(VECTORS.get(text), embeddings.size()));
      }
      return new EmbeddingResponse(embeddings);
    }

    @Override
    public float[] embed(Document document) {
      return VECTORS.get(document.getText());
    }

    @Override
    public int dimensions() {
      return 2;
    }
  }

  @TempDir
  Path dir;

  @Test
  void thresholdZeroDropsNegativeCosinesAndKeepsZero() {
    try (Collection collection = new EmbeddedCollections(dir, name -> null).create(CollectionSpec.external("t", 2))) {
      EmbedkitVectorStore store = EmbedkitVectorStore.builder(collection, new FixedModel()).exactSearch(true).build();
      store.add(List.of(new Document("1", "same", Map.of()), new Document("2", "orthogonal", Map.of()),
          new Document("3", "opposite", Map.of()), new Document("4", "leaning-away", Map.of())));

      List<Document> hits = store.similaritySearch(SearchRequest.builder().query("query").topK(10)
          .similarityThreshold(SearchRequest.SIMILARITY_THRESHOLD_ACCEPT_ALL).build());
      assertThat(hits).extracting(Document::getId).containsExactly("1", "2");
      assertThat(hits.get(1).getScore()).isZero();

      assertThat(store.similaritySearch(SearchRequest.builder().query("query").topK(10).similarityThreshold(1.0)
          .build())).extracting(Document::getId).containsExactly("1");
      // the default request (threshold 0) too
      assertThat(store.similaritySearch("query")).extracting(Document::getId).containsExactly("1", "2");
    }
  }
}
