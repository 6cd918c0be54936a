package dev.embedkit.server.clients;

import static dev.embedkit.server.clients.VectorAssert.assertSameVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModelCard;
import dev.langchain4j.model.ollama.OllamaModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's Ollama clients as they come, sending no key, against a server started without one (as Ollama runs):
 * {@code OllamaEmbeddingModel} on {@code POST /api/embed}, and {@code OllamaModels}, whose builder has no way to add
 * a header, on {@code GET /api/tags} and {@code POST /api/show}.
 */
class LangChain4jOllamaWithoutKeyTest extends ServerFixture {
  @Override
  String serverApiKey() {
    return null;
  }

  @Test
  void theStockEmbeddingModelGetsTheLibraryVectors() {
    OllamaEmbeddingModel model = OllamaEmbeddingModel.builder().baseUrl(base()).modelName(MODEL).maxRetries(0).build();
    List<float[]> vectors = model.embedAll(TEXTS.stream().map(TextSegment::from).toList()).content().stream()
        .map(Embedding::vector).toList();
    WireTap.Exchange exchange = tap.only("/api/embed");
    assertEquals(null, exchange.request().header("authorization"));
    assertSameVectors(TEXTS, library.vectors(TEXTS), vectors, exchange, "embeddings");
  }

  @Test
  void theModelListAndModelCardNameTheServedModel() {
    OllamaModels models = OllamaModels.builder().baseUrl(base()).maxRetries(0).build();
    List<OllamaModel> available = models.availableModels().content();
    WireTap.Exchange tags = tap.only("/api/tags");
    assertTrue(available.stream().anyMatch(m -> m.getName().equals(MODEL) || m.getName().equals(MODEL + ":latest")),
        tags.describe());
    assertTrue(available.stream().allMatch(m -> m.getModifiedAt() != null && m.getDigest() != null), tags.describe());

    OllamaModelCard card = models.modelCard(MODEL).content();
    WireTap.Exchange show = tap.only("/api/show");
    assertEquals(200, show.response().status(), show.describe());
    assertEquals("onnx", card.getDetails().getFormat(), show.describe());
    assertEquals(384, ((Number) card.getModelInfo().get("embedkit.embedding_length")).intValue(), show.describe());
  }
}
