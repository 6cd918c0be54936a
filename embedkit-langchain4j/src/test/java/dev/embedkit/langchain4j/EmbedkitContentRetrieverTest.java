package dev.embedkit.langchain4j;

import static dev.langchain4j.store.embedding.filter.MetadataFilterBuilder.metadataKey;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import org.assertj.core.data.Offset;
import dev.langchain4j.rag.content.Content;
import dev.langchain4j.rag.content.ContentMetadata;
import dev.langchain4j.rag.query.Query;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hybrid retriever on a real collection of all-MiniLM-L6-v2 vectors with BM25 over the same texts. */
class EmbedkitContentRetrieverTest {
  private static final String QUERY = "billing service error XJ-4471";
  /** The only document naming the code; about printers, so its meaning is far from billing errors. */
  private static final String KEYWORD_ONLY = "Ticket XJ-4471: the printer on the third floor jams on every page.";
  private static final List<String> TEXTS = List.of(
      "The billing service returned an error when customers paid by card.",
      "Invoices failed to generate because the billing system crashed.",
      "Payment processing errors spiked after the latest deployment.",
      "Customers were charged twice due to a bug in the billing code.",
      "The accounting service logged many failures overnight.",
      "Refunds are delayed by an outage in the payments platform.",
      KEYWORD_ONLY,
      "The cafeteria now serves vegetarian lunch on Fridays.");

  @TempDir Path root;
  private EmbedkitEmbeddingStore store;

  @BeforeEach
  void fill() {
    EmbedkitEmbeddingModel model = SharedModel.get();
    store = EmbedkitEmbeddingStore.builder().root(root).collectionName("tickets").embeddingModel(model).build();
    List<TextSegment> segments = TEXTS.stream()
        .map(t -> TextSegment.from(t, Metadata.from("team", t.contains("printer") || t.contains("cafeteria") ? "office" : "billing")))
        .toList();
    store.addAll(TEXTS.stream().map(t -> "doc-" + TEXTS.indexOf(t)).toList(), model.embedAll(segments).content(), segments);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private static int rankOf(List<Content> contents, String text) {
    for (int i = 0; i < contents.size(); i++) {
      if (contents.get(i).textSegment().text().equals(text)) {
        return i + 1;
      }
    }
    return Integer.MAX_VALUE;
  }

  @Test
  void hybridFindsAnExactCodeThatVectorsRankLow() {
    List<Content> vectorsOnly = EmbedkitContentRetriever.builder().store(store).maxResults(TEXTS.size()).hybrid(null)
        .build().retrieve(Query.from(QUERY));
    List<Content> hybrid = EmbedkitContentRetriever.builder().store(store).maxResults(TEXTS.size())
        .build().retrieve(Query.from(QUERY));

    int vectorRank = rankOf(vectorsOnly, KEYWORD_ONLY);
    int hybridRank = rankOf(hybrid, KEYWORD_ONLY);
    // The premise, checked rather than assumed: by meaning alone the printer ticket is not among the top 3.
    assertThat(vectorRank).as("vector-only rank of the keyword-only document").isGreaterThan(3);
    // BM25 ranks it first (the only text with the code), so the fusion lifts it above where vectors put it.
    assertThat(hybridRank).as("hybrid rank (vector-only rank " + vectorRank + ")").isLessThan(vectorRank);

    // Hence a retriever asking for fewer results than its vector rank finds it only with hybrid search.
    int k = vectorRank - 1;
    List<Content> topK = EmbedkitContentRetriever.builder().store(store).maxResults(k).build().retrieve(Query.from(QUERY));
    List<Content> topKVectors = EmbedkitContentRetriever.builder().store(store).maxResults(k).hybrid(null).build()
        .retrieve(Query.from(QUERY));
    assertThat(topK).hasSize(k).extracting(c -> c.textSegment().text()).contains(KEYWORD_ONLY);
    assertThat(topKVectors).hasSize(k).extracting(c -> c.textSegment().text()).doesNotContain(KEYWORD_ONLY);
    List<Content> top3 = topK;
    assertThat(top3.get(0).metadata()).containsKeys(ContentMetadata.SCORE, ContentMetadata.EMBEDDING_ID);
  }

  @Test
  void filterAppliesToTheFusedResults() {
    List<Content> office = EmbedkitContentRetriever.builder().store(store).maxResults(5)
        .filter(metadataKey("team").isEqualTo("office")).build().retrieve(Query.from(QUERY));
    assertThat(office).extracting(c -> c.textSegment().metadata().getString("team")).containsOnly("office");
    assertThat(office).hasSize(2);

    // a key no document has: LangChain4j's reading (false; its negation true), not the store's typo error
    assertThat(EmbedkitContentRetriever.builder().store(store).maxResults(5)
        .filter(metadataKey("user").isEqualTo("u1")).build().retrieve(Query.from(QUERY))).isEmpty();
    assertThat(EmbedkitContentRetriever.builder().store(store).maxResults(5)
        .filter(metadataKey("user").isNotEqualTo("u1")).build().retrieve(Query.from(QUERY))).hasSize(5);
  }

  @Test
  void vectorScoresAreLangChain4jsAndMinScoreIsOnThatScale() {
    List<Content> all = EmbedkitContentRetriever.builder().store(store).maxResults(5).hybrid(null).build()
        .retrieve(Query.from(QUERY));
    // (cosine + 1) / 2 of the query's vector (with the model's query prompt: none for MiniLM) and the stored one
    Embedding query = SharedModel.get().embed(QUERY).content();
    EmbeddingMatch<TextSegment> top = store.search(EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(1)
        .build()).matches().get(0);
    assertThat(all.get(0).metadata().get(ContentMetadata.EMBEDDING_ID)).isEqualTo(top.embeddingId());
    assertThat((double) all.get(0).metadata().get(ContentMetadata.SCORE)).isEqualTo(top.score(), Offset.offset(1e-5));
    assertThat(all).allSatisfy(c -> assertThat((double) c.metadata().get(ContentMetadata.SCORE)).isBetween(0.5, 1.0));

    double second = (double) all.get(1).metadata().get(ContentMetadata.SCORE);
    List<Content> atLeastSecond = EmbedkitContentRetriever.builder().store(store).maxResults(5).hybrid(null)
        .minScore(second).build().retrieve(Query.from(QUERY));
    assertThat(atLeastSecond).extracting(c -> c.metadata().get(ContentMetadata.EMBEDDING_ID))
        .containsExactly(all.get(0).metadata().get(ContentMetadata.EMBEDDING_ID),
            all.get(1).metadata().get(ContentMetadata.EMBEDDING_ID));
  }

  @Test
  void minScoreWithHybridIsRefusedExplainingTheScale() {
    List<Content> fused = EmbedkitContentRetriever.builder().store(store).maxResults(5).build()
        .retrieve(Query.from(QUERY));
    assertThat(fused).allSatisfy(c -> assertThat((double) c.metadata().get(ContentMetadata.SCORE))
        .isLessThanOrEqualTo(2.0 / 61));
    assertThatThrownBy(() -> EmbedkitContentRetriever.builder().store(store).minScore(0.5).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reciprocal rank")
        .hasMessageContaining("hybrid(null)");
  }

  @Test
  void badQueriesAndContainsAreRefusedInOneLine() {
    EmbedkitContentRetriever retriever = EmbedkitContentRetriever.builder().store(store).build();
    assertThatThrownBy(() -> retriever.retrieve(Query.from(" "))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EmbedkitContentRetriever.builder().store(store).maxResults(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxResults is 0");
    assertThatThrownBy(() -> EmbedkitContentRetriever.builder().store(store)
        .filter(metadataKey("team").containsString("bill")).build().retrieve(Query.from(QUERY)))
        .isInstanceOf(UnsupportedOperationException.class)
        .hasMessageContaining("supported: isEqualTo")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
