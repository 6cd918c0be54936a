package dev.embedkit.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;

/**
 * LangChain4j's filter suite (EmbeddingStoreWithFilteringIT), unchanged, against EmbedkitEmbeddingStore over HttpCollection: a real embedkit server in-process on a
 * loopback port, a fresh collection per test. No test of the suite is excluded.
 */
class HttpEmbeddingStoreFilteringSuiteTest extends EmbeddingStoreWithFilteringIT {
  private EmbedkitEmbeddingStore store;

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    if (store == null) {
      store = EmbedkitEmbeddingStore.of(SharedServer.freshCollection());
    }
    return store;
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return SharedModel.get();
  }

  /** Collections match whole values only: containsString is refused with UnsupportedOperationException (tested). */
  @Override
  protected boolean supportsContains() {
    return false;
  }
}
