package dev.embedkit.server.clients;

import static dev.embedkit.server.clients.VectorAssert.assertSameVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.langchain4j.model.output.Response;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's {@code OpenAiEmbeddingModel} (langchain4j-open-ai, JDK HttpClient transport) against {@code /v1}. It
 * sends no {@code encoding_format} unless told (and reads only JSON float arrays), {@code dimensions} and
 * {@code user} when set, and maps a 401 to its {@link AuthenticationException}.
 */
class LangChain4jOpenAiTest extends ServerFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiEmbeddingModel.OpenAiEmbeddingModelBuilder builder() {
    return OpenAiEmbeddingModel.builder().baseUrl(base() + "/v1").apiKey(API_KEY).modelName(MODEL).maxRetries(0);
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
    WireTap.Exchange exchange = tap.only("/v1/embeddings");

    JsonNode sent = JSON.readTree(exchange.request().bodyText());
    assertFalse(sent.has("encoding_format"), "LangChain4j names no encoding by default:\n" + exchange.describe());
    assertFalse(sent.has("dimensions"));
    assertEquals(MODEL, sent.path("model").asText());
    assertEquals(TEXTS.size(), sent.path("input").size());
    assertEquals("Bearer " + API_KEY, exchange.request().header("authorization"));

    assertSameVectors(TEXTS, library.vectors(TEXTS), vectors(response), exchange, "embedding");
    assertEquals(library.tokens(TEXTS), response.tokenUsage().inputTokenCount(), exchange.describe());
  }

  @Test
  void embedOneTextIsTheLibraryVectorAndTheSameAsInABatch() {
    OpenAiEmbeddingModel model = builder().build();
    List<float[]> batch = vectors(model.embedAll(segments(TEXTS)));
    for (int i = 0; i < TEXTS.size(); i++) {
      tap.clear();
      float[] single = model.embed(TEXTS.get(i)).content().vector();
      WireTap.Exchange exchange = tap.only("/v1/embeddings");
      assertSameVectors(List.of(TEXTS.get(i)), List.of(library.vector(TEXTS.get(i))), List.of(single), exchange,
          "embedding");
      assertSameVectors(List.of(TEXTS.get(i)), List.of(batch.get(i)), List.of(single), exchange, "embedding");
    }
  }

  @Test
  void dimensions128IsTheLibraryMatryoshkaVector() throws Exception {
    OpenAiEmbeddingModel model = builder().dimensions(128).build();
    Response<List<Embedding>> response = model.embedAll(segments(TEXTS));
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    assertEquals(128, JSON.readTree(exchange.request().bodyText()).path("dimensions").asInt(), exchange.describe());
    assertSameVectors(TEXTS, library.vectors(TEXTS, 128), vectors(response), exchange, "embedding");
    assertEquals(128, model.dimension());
  }

  @Test
  void explicitFloatEncodingAndAUserAreAccepted() throws Exception {
    Response<List<Embedding>> response =
        builder().encodingFormat("float").user("user-1234").build().embedAll(segments(TEXTS));
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    JsonNode sent = JSON.readTree(exchange.request().bodyText());
    assertEquals("float", sent.path("encoding_format").asText());
    assertEquals("user-1234", sent.path("user").asText());
    assertSameVectors(TEXTS, library.vectors(TEXTS), vectors(response), exchange, "embedding");
  }

  @Test
  void dimensionIsLearnedFromTheServer() {
    // Not an OpenAI model name, so LangChain4j embeds "test" to learn the size.
    assertEquals(384, builder().build().dimension());
  }

  @Test
  void aWrongApiKeyIsAnAuthenticationException() {
    OpenAiEmbeddingModel wrong = builder().apiKey("sk-wrong").build();
    AuthenticationException e = assertThrows(AuthenticationException.class, () -> wrong.embed(TEXTS.get(0)));
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    assertEquals(401, exchange.response().status(), exchange.describe());
    assertTrue(e.getMessage().contains("error"), e.getMessage());
  }
}
