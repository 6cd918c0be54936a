package dev.embedkit.spring.ai.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.ai.document.Document;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.vectorstore.SearchRequest;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An application whose only embedkit dependency is the starter: Boot's auto-configuration (found through
 * META-INF/spring/...AutoConfiguration.imports) gives it an EmbeddingModel and a VectorStore on the built-in pack.
 */
class StarterApplicationTest {
  @TempDir
  Path dir;

  @SpringBootApplication
  static class App {}

  @Test
  void theStarterAloneGivesAnAppAnEmbeddingModelAndAVectorStore() {
    try (ConfigurableApplicationContext context = new SpringApplication(App.class)
        .run("--embedkit.collections-root=" + dir, "--spring.main.banner-mode=off")) {
      EmbeddingModel model = context.getBean(EmbeddingModel.class);
      assertThat(model.dimensions()).isEqualTo(384);
      VectorStore store = context.getBean(VectorStore.class);
      store.add(List.of(new Document("1", "The cat sat on the mat.", Map.of()),
          new Document("2", "Bond yields rose.", Map.of())));
      assertThat(store.similaritySearch(SearchRequest.builder().query("a cat").topK(1).build()))
          .extracting(Document::getId).containsExactly("1");
    }
  }
}
