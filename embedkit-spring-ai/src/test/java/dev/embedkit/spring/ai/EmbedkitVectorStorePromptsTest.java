package dev.embedkit.spring.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.SearchRequest;

/**
 * With a model that has retrieval prompts (e5-small-v2: "query: " and "passage: "), the Spring store embeds as the
 * collection itself does, so a Spring search and the collection's own text search (what the CLI and server run) agree.
 */
class EmbedkitVectorStorePromptsTest {
  static final List<String> TEXTS = List.of("The cat sat on the mat.", "Interest rates rose again this quarter.",
      "Puppies love to chew shoes.", "The recipe needs two cups of flour.");

  @TempDir
  Path dir;

  @Test
  void springSearchAndTheCollectionsTextSearchGiveTheSameScores() {
    try (EmbeddingModel e5 = Embedkit.load("e5-small-v2");
        Collection collection = new EmbeddedCollections(dir, name -> e5).create(CollectionSpec.of("e5", "e5-small-v2"))) {
      assertThat(e5.info().prompts()).containsEntry("query", "query: ").containsEntry("passage", "passage: ");
      EmbedkitVectorStore store = EmbedkitVectorStore.builder(collection, new EmbedkitEmbeddingModel(e5)).build();
      store.add(List.of(new Document("0", TEXTS.get(0), Map.of()), new Document("1", TEXTS.get(1), Map.of()),
          new Document("2", TEXTS.get(2), Map.of()), new Document("3", TEXTS.get(3), Map.of())));
      String query = "a young dog";

      List<Document> spring = store.similaritySearch(SearchRequest.builder().query(query).topK(4).build());
      List<SearchHit> own = collection.search(dev.embedkit.store.SearchRequest.of(Query.text(query)).withTopK(4));

      assertThat(spring).extracting(Document::getId).containsExactlyElementsOf(own.stream().map(SearchHit::id).toList());
      float[] q = e5.embed(List.of(query), EmbedOptions.DEFAULTS.withPrompt("query: ")).vectors().get(0);
      for (int i = 0; i < spring.size(); i++) {
        assertThat(spring.get(i).getScore()).isCloseTo(own.get(i).score(), within(1e-6));
        float[] d = e5.embed(List.of(TEXTS.get(Integer.parseInt(spring.get(i).getId()))),
            EmbedOptions.DEFAULTS.withPrompt("passage: ")).vectors().get(0);
        assertThat(spring.get(i).getScore()).isCloseTo(Metric.COSINE.compute(q, d), within(1e-6));
      }
      assertThat(spring.get(0).getId()).isEqualTo("2");
    }
  }
}
