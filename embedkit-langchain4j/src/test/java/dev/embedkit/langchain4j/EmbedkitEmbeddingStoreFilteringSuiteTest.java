package dev.embedkit.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreWithFilteringIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's filter suite (EmbeddingStoreWithFilteringIT), unchanged, against an embedded collection of external 384-d vectors in a fresh temp folder per test, with
 * the real all-MiniLM-L6-v2 through {@link EmbedkitEmbeddingModel}. No test of the suite is excluded.
 */
class EmbedkitEmbeddingStoreFilteringSuiteTest extends EmbeddingStoreWithFilteringIT {
  @TempDir Path root;
  private EmbedkitEmbeddingStore store;

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    if (store == null) {
      store = EmbedkitEmbeddingStore.builder().root(root).collectionName("suite").dimensions(384).build();
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

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }
}
