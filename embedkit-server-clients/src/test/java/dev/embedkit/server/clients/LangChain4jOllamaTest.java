package dev.embedkit.server.clients;

import static dev.embedkit.server.clients.VectorAssert.assertSameVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's {@code OllamaEmbeddingModel} (langchain4j-ollama, JDK HttpClient) against the Ollama API:
 * {@code POST /api/embed} with {@code {"model", "input": [...], "dimensions"?}}. Ollama itself has no
 * authentication, but a server started with a key wants it on every route but {@code /health}, {@code /api/*}
 * included; the builder's {@code customHeaders} carries it. {@link LangChain4jOllamaWithoutKeyTest} runs the stock
 * client, headers and all, against a server without a key.
 */
class LangChain4jOllamaTest extends ServerFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OllamaEmbeddingModel.OllamaEmbeddingModelBuilder builder() {
    return OllamaEmbeddingModel.builder().baseUrl(base()).modelName(MODEL).maxRetries(0)
        .customHeaders(Map.of("Authorization", "Bearer " + API_KEY));
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
  void withoutTheKeyTheServerAnswers401AndLangChain4jSaysAuthenticationException() {
    OllamaEmbeddingModel stock = OllamaEmbeddingModel.builder().baseUrl(base()).modelName(MODEL).maxRetries(0).build();
    assertThrows(AuthenticationException.class, () -> stock.embed(TEXTS.get(0)));
    WireTap.Exchange exchange = tap.only("/api/embed");
    assertEquals(401, exchange.response().status(), exchange.describe());
    assertEquals(null, exchange.request().header("authorization"));
  }
}
