package dev.embedkit.server.clients;

import static dev.embedkit.server.clients.VectorAssert.assertSameVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.ollama.OllamaModel;
import dev.langchain4j.model.ollama.OllamaModelCard;
import dev.langchain4j.model.ollama.OllamaModels;
import dev.langchain4j.model.output.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's {@code OllamaEmbeddingModel} and {@code OllamaModels} (langchain4j-ollama, JDK HttpClient) against
 * the Ollama API: {@code POST /api/embed} with {@code {"model", "input": [...], "dimensions"?}}, {@code GET /api/tags},
 * {@code POST /api/show}. Ollama has no authentication, so these clients send no key.
 */
class LangChain4jOllamaTest extends ServerFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OllamaEmbeddingModel.OllamaEmbeddingModelBuilder builder() {
    return OllamaEmbeddingModel.builder().baseUrl(base()).modelName(MODEL).maxRetries(0);
  }

  private static List<TextSegment> segments(List<String> texts) {
    return texts.stream().map(TextSegment::from).toList();
  }

  private static List<float[]> vectors(Response<List<Embedding>> response) {
    return response.content().stream().map(Embedding::vector).toList();
  }

  @Test
  void embedAllIsTheLibraryVectorsInOrder() throws Exception {
    Response<List<Embedding>> response = builder().build().embedAll(segments(TEXTS));
    WireTap.Exchange exchange = tap.only("/api/embed");

    JsonNode sent = JSON.readTree(exchange.request().bodyText());
    assertEquals(MODEL, sent.path("model").asText());
    assertEquals(TEXTS.size(), sent.path("input").size(), exchange.describe());
    assertFalse(sent.has("dimensions"));

    assertSameVectors(TEXTS, library.vectors(TEXTS), vectors(response), exchange, "embeddings");
    // prompt_eval_count: the tokens the model read.
    assertEquals(library.tokens(TEXTS), response.tokenUsage().inputTokenCount(), exchange.describe());
  }

  @Test
  void embedOneTextIsTheLibraryVectorAndTheSameAsInABatch() {
    OllamaEmbeddingModel model = builder().build();
    List<float[]> batch = vectors(model.embedAll(segments(TEXTS)));
    for (int i = 0; i < TEXTS.size(); i++) {
      tap.clear();
      float[] single = model.embed(TEXTS.get(i)).content().vector();
      WireTap.Exchange exchange = tap.only("/api/embed");
      assertSameVectors(List.of(TEXTS.get(i)), List.of(library.vector(TEXTS.get(i))), List.of(single), exchange,
          "embeddings");
      assertSameVectors(List.of(TEXTS.get(i)), List.of(batch.get(i)), List.of(single), exchange, "embeddings");
    }
  }

  @Test
  void dimensions128IsTheLibraryMatryoshkaVector() throws Exception {
    Response<List<Embedding>> response = builder().dimensions(128).build().embedAll(segments(TEXTS));
    WireTap.Exchange exchange = tap.only("/api/embed");
    assertEquals(128, JSON.readTree(exchange.request().bodyText()).path("dimensions").asInt(), exchange.describe());
    assertSameVectors(TEXTS, library.vectors(TEXTS, 128), vectors(response), exchange, "embeddings");
  }

  @Test
  void dimensionIsLearnedFromTheServer() {
    assertEquals(384, builder().build().dimension());
  }

  @Test
  void theModelListAndModelCardNameTheServedModel() {
    OllamaModels models = OllamaModels.builder().baseUrl(base()).maxRetries(0).build();
    List<OllamaModel> available = models.availableModels().content();
    WireTap.Exchange tags = tap.only("/api/tags");
    assertTrue(available.stream().anyMatch(m -> m.getName().equals(MODEL) || m.getName().startsWith(MODEL + ":")),
        tags.describe());

    OllamaModelCard card = models.modelCard(MODEL).content();
    WireTap.Exchange show = tap.only("/api/show");
    assertEquals(200, show.response().status(), show.describe());
    assertTrue(card.getDetails() != null || card.getModelInfo() != null, show.describe());
  }
}
