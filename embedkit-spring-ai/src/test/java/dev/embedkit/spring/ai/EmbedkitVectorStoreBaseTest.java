package dev.embedkit.spring.ai;

import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.test.vectorstore.BaseVectorStoreTests;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Spring AI's own vector store tests (spring-ai-test 1.1.2: delete by ids, by text filter, by filter expression), all
 * of them, against the auto-configured store: each test gets a fresh Spring context and a new collection in its own
 * folder. The shared model comes in as the application's EmbeddingModel bean so that it loads once.
 */
class EmbedkitVectorStoreBaseTest extends BaseVectorStoreTests {
  @TempDir
  Path dir;

  @Override
  protected void executeTest(Consumer<VectorStore> testFunction) {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(EmbedkitAutoConfiguration.class))
        .withBean(EmbeddingModel.class, SharedModel::spring)
        .withPropertyValues("embedkit.collections-root=" + dir, "embedkit.collection.name=base-tests")
        .run(context -> {
          VectorStore store = context.getBean(VectorStore.class);
          if (!(store instanceof EmbedkitVectorStore)) {
            throw new AssertionError("the context's VectorStore is " + store.getClass());
          }
          testFunction.accept(store);
        });
  }
}
