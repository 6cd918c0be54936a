package dev.embedkit.server.clients;

import static dev.embedkit.server.clients.VectorAssert.assertSameVectors;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.ai.document.MetadataMode;
import org.springframework.ai.embedding.Embedding;
import org.springframework.ai.embedding.EmbeddingRequest;
import org.springframework.ai.embedding.EmbeddingResponse;
import org.springframework.ai.openai.OpenAiEmbeddingModel;
import org.springframework.ai.openai.OpenAiEmbeddingOptions;
import org.springframework.ai.openai.api.OpenAiApi;
import org.springframework.ai.retry.NonTransientAiException;
import org.springframework.retry.support.RetryTemplate;

/**
 * Spring AI's {@code OpenAiEmbeddingModel} over {@code OpenAiApi} (spring-ai-openai 1.1.2, Spring's RestClient on the
 * JDK HttpClient), built by hand without Spring Boot. {@code OpenAiApi} appends {@code /v1/embeddings} to its base
 * URL itself, so it gets the server's root. It sends {@code encoding_format}, {@code dimensions} and {@code user} only
 * when set in the options, and turns a 4xx into {@link NonTransientAiException}. Retries are off (one attempt), so a
 * failure shows at once.
 */
class SpringAiOpenAiTest extends ServerFixture {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OpenAiEmbeddingModel model(String apiKey, OpenAiEmbeddingOptions options) {
    OpenAiApi api = OpenAiApi.builder().baseUrl(base()).apiKey(apiKey).build();
    return new OpenAiEmbeddingModel(api, MetadataMode.EMBED, options, RetryTemplate.builder().maxAttempts(1).build());
  }

  private OpenAiEmbeddingModel model() {
    return model(API_KEY, OpenAiEmbeddingOptions.builder().model(MODEL).build());
  }

  private static List<float[]> vectors(EmbeddingResponse response) {
    return response.getResults().stream().map(Embedding::getOutput).toList();
  }

  @Test
  void callIsTheLibraryVectorsInOrder() throws Exception {
    OpenAiEmbeddingOptions options = OpenAiEmbeddingOptions.builder().model(MODEL).build();
    EmbeddingResponse response = model().call(new EmbeddingRequest(TEXTS, options));
    WireTap.Exchange exchange = tap.only("/v1/embeddings");

    JsonNode sent = JSON.readTree(exchange.request().bodyText());
    assertEquals(MODEL, sent.path("model").asText(), exchange.describe());
    assertEquals(TEXTS.size(), sent.path("input").size());
    assertEquals("Bearer " + API_KEY, exchange.request().header("authorization"));

    for (int i = 0; i < response.getResults().size(); i++) {
      assertEquals(i, response.getResults().get(i).getIndex(), exchange.describe());
    }
    assertSameVectors(TEXTS, library.vectors(TEXTS), vectors(response), exchange, "embedding");
    assertEquals(library.tokens(TEXTS), response.getMetadata().getUsage().getPromptTokens(), exchange.describe());
    assertEquals(MODEL, response.getMetadata().getModel());
  }

  @Test
  void twoHundredTextsInOneCallComeBackInOrder() {
    List<String> texts = new java.util.ArrayList<>();
    for (int i = 0; i < 200; i++) {
      texts.add("text number " + i + (i % 3 == 0 ? " with some more words to make it longer than the others" : ""));
    }
    EmbeddingResponse response = model().call(
        new EmbeddingRequest(texts, OpenAiEmbeddingOptions.builder().model(MODEL).build()));
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    for (int i = 0; i < response.getResults().size(); i++) {
      assertEquals(i, response.getResults().get(i).getIndex());
    }
    assertSameVectors(texts, library.vectors(texts), vectors(response), exchange, "embedding");
    assertEquals(library.tokens(texts), response.getMetadata().getUsage().getPromptTokens());
  }

  @Test
  void embedOneStringIsTheLibraryVectorAndTheSameAsInABatch() {
    OpenAiEmbeddingModel model = model();
    List<float[]> batch = vectors(model.call(
        new EmbeddingRequest(TEXTS, OpenAiEmbeddingOptions.builder().model(MODEL).build())));
    for (int i = 0; i < TEXTS.size(); i++) {
      tap.clear();
      float[] single = model.embed(TEXTS.get(i));
      WireTap.Exchange exchange = tap.only("/v1/embeddings");
      assertSameVectors(List.of(TEXTS.get(i)), List.of(library.vector(TEXTS.get(i))), List.of(single), exchange,
          "embedding");
      assertSameVectors(List.of(TEXTS.get(i)), List.of(batch.get(i)), List.of(single), exchange, "embedding");
    }
  }

  @Test
  void dimensions128IsTheLibraryMatryoshkaVector() throws Exception {
    OpenAiEmbeddingOptions options = OpenAiEmbeddingOptions.builder().model(MODEL).dimensions(128).build();
    EmbeddingResponse response = model(API_KEY, options).call(new EmbeddingRequest(TEXTS, options));
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    assertEquals(128, JSON.readTree(exchange.request().bodyText()).path("dimensions").asInt(), exchange.describe());
    assertSameVectors(TEXTS, library.vectors(TEXTS, 128), vectors(response), exchange, "embedding");
  }

  @Test
  void explicitFloatEncodingAndAUserAreAccepted() throws Exception {
    OpenAiEmbeddingOptions options =
        OpenAiEmbeddingOptions.builder().model(MODEL).encodingFormat("float").user("user-1234").build();
    EmbeddingResponse response = model(API_KEY, options).call(new EmbeddingRequest(TEXTS, options));
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    JsonNode sent = JSON.readTree(exchange.request().bodyText());
    assertEquals("float", sent.path("encoding_format").asText());
    assertEquals("user-1234", sent.path("user").asText());
    assertSameVectors(TEXTS, library.vectors(TEXTS), vectors(response), exchange, "embedding");
  }

  @Test
  void dimensionsIsLearnedFromTheServer() {
    assertEquals(384, model().dimensions());
  }

  @Test
  void aWrongApiKeyIsANonTransientAiExceptionWith401() {
    OpenAiEmbeddingModel wrong = model("sk-wrong", OpenAiEmbeddingOptions.builder().model(MODEL).build());
    NonTransientAiException e = assertThrows(NonTransientAiException.class, () -> wrong.embed(TEXTS.get(0)));
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    assertEquals(401, exchange.response().status(), exchange.describe());
    assertTrue(e.getMessage().startsWith("401"), e.getMessage());
    assertFalse(exchange.response().bodyText().isBlank());
  }
}
