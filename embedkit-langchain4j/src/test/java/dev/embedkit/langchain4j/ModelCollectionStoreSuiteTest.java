package dev.embedkit.langchain4j;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.EmbeddingStoreIT;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * LangChain4j's EmbeddingStoreIT, unchanged, against a collection created for all-MiniLM-L6-v2 (the model recorded,
 * its fingerprint checked when the store is built), the suite supplying the vectors. No test is excluded.
 */
class ModelCollectionStoreSuiteTest extends EmbeddingStoreIT {
  @TempDir Path root;
  private EmbedkitEmbeddingStore store;

  @Override
  protected EmbeddingStore<TextSegment> embeddingStore() {
    if (store == null) {
      store = EmbedkitEmbeddingStore.builder().root(root).collectionName("suite").embeddingModel(SharedModel.get())
          .build();
    }
    return store;
  }

  @Override
  protected EmbeddingModel embeddingModel() {
    return SharedModel.get();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
  }
}
