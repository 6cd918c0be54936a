package dev.embedkit.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreIT;

/**
 * LangChain4j's minimum store suite (EmbeddingStoreIT, with EmbeddingStoreWithoutMetadataIT), unchanged, against EmbedkitEmbeddingStore over HttpCollection: a real embedkit server in-process on a
 * loopback port, a fresh collection per test. No test of the suite is excluded.
 */
class HttpEmbeddingStoreSuiteTest extends EmbeddingStoreIT {
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
}
