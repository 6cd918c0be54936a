package dev.embedkit.server.clients;

import static dev.embedkit.server.clients.VectorAssert.assertSameVectors;
import static dev.embedkit.server.clients.VectorAssert.toArray;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.embeddings.CreateEmbeddingResponse;
import com.openai.models.embeddings.Embedding;
import com.openai.models.embeddings.EmbeddingCreateParams;
import com.openai.models.embeddings.EmbeddingCreateParams.EncodingFormat;
import com.openai.models.models.Model;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official OpenAI Java SDK (com.openai:openai-java, OkHttp transport) against {@code /v1}. The SDK asks for
 * {@code "encoding_format": "base64"} when the caller names none and decodes little-endian float32, so the default
 * path must carry the library's floats bit for bit; with {@link EncodingFormat#FLOAT} the JSON numbers must
 * round-trip to the same floats. Response validation is on: the SDK checks the shape of every answer.
 */
class OpenAiJavaSdkTest extends ServerFixture {
  private static final ObjectMapper JSON = new ObjectMapper();
  private OpenAIClient client;

  @BeforeAll
  void client() {
    client = OpenAIOkHttpClient.builder()
        .baseUrl(base() + "/v1")
        .apiKey(API_KEY)
        .maxRetries(0)
        .responseValidation(true)
        .build();
  }

  @AfterAll
  void closeClient() {
    if (client != null) {
      client.close();
    }
  }

  @Test
  void oneStringWithTheSdkDefaultEncodingIsBase64AndTheLibraryVector() throws Exception {
    String text = TEXTS.get(0);
    CreateEmbeddingResponse response = client.embeddings().create(
        EmbeddingCreateParams.builder().input(text).model(MODEL).build());
    WireTap.Exchange exchange = tap.only("/v1/embeddings");

    JsonNode sent = JSON.readTree(exchange.request().bodyText());
    assertEquals("base64", sent.path("encoding_format").asText(), "the SDK's default, as sent:\n" + exchange.describe());
    assertEquals(text, sent.path("input").asText());
    assertEquals("Bearer " + API_KEY, exchange.request().header("authorization"));

    assertEquals(1, response.data().size());
    Embedding only = response.data().get(0);
    assertEquals(0, only.index());
    assertTrue(only.embeddingValue().isBase64(), "base64 asked, base64 expected:\n" + exchange.describe());
    assertSameVectors(List.of(text), List.of(library.vector(text)), List.of(toArray(only.embedding())), exchange, null);
    assertEquals(library.tokens(List.of(text)), response.usage().promptTokens(), exchange.describe());
    assertEquals(response.usage().promptTokens(), response.usage().totalTokens());
    assertEquals(MODEL, response.model());
  }

  @Test
  void aListOfStringsWithTheSdkDefaultEncodingIsTheLibraryVectorsInOrder() throws Exception {
    CreateEmbeddingResponse response = client.embeddings().create(
        EmbeddingCreateParams.builder().inputOfArrayOfStrings(TEXTS).model(MODEL).build());
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    assertEquals("base64", JSON.readTree(exchange.request().bodyText()).path("encoding_format").asText());

    assertIndexesInOrder(response, exchange);
    assertSameVectors(TEXTS, library.vectors(TEXTS), vectors(response), exchange, null);
    assertEquals(library.tokens(TEXTS), response.usage().promptTokens(), exchange.describe());
  }

  @Test
  void aBatchGivesTheSameVectorsAsOneCallPerText() {
    List<float[]> batch = vectors(client.embeddings().create(
        EmbeddingCreateParams.builder().inputOfArrayOfStrings(TEXTS).model(MODEL).build()));
    List<float[]> singles = new ArrayList<>();
    for (String text : TEXTS) {
      singles.addAll(vectors(client.embeddings().create(
          EmbeddingCreateParams.builder().input(text).model(MODEL).build())));
    }
    assertSameVectors(TEXTS, singles, batch, null, null);
  }

  @Test
  void floatEncodingRoundTripsThroughJsonToTheLibraryFloats() throws Exception {
    CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
        .inputOfArrayOfStrings(TEXTS).model(MODEL).encodingFormat(EncodingFormat.FLOAT).build());
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    assertEquals("float", JSON.readTree(exchange.request().bodyText()).path("encoding_format").asText());

    for (Embedding e : response.data()) {
      assertTrue(e.embeddingValue().isFloats(), "float asked, a JSON array expected:\n" + exchange.describe());
    }
    assertIndexesInOrder(response, exchange);
    assertSameVectors(TEXTS, library.vectors(TEXTS), vectors(response), exchange, "embedding");
    assertEquals(library.tokens(TEXTS), response.usage().promptTokens());
  }

  @Test
  void dimensions128InBothEncodingsAreTheLibraryMatryoshkaVectors() throws Exception {
    List<float[]> expected = library.vectors(TEXTS, 128);
    for (EncodingFormat format : List.of(EncodingFormat.BASE64, EncodingFormat.FLOAT)) {
      tap.clear();
      CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
          .inputOfArrayOfStrings(TEXTS).model(MODEL).dimensions(128).encodingFormat(format).build());
      WireTap.Exchange exchange = tap.only("/v1/embeddings");
      assertEquals(128, JSON.readTree(exchange.request().bodyText()).path("dimensions").asInt());
      assertIndexesInOrder(response, exchange);
      assertSameVectors(TEXTS, expected, vectors(response), exchange, "embedding");
      assertEquals(library.tokens(TEXTS), response.usage().promptTokens());
    }
  }

  @Test
  void concurrentClientsEachGetTheirOwnVectors() throws Exception {
    // 4 threads x 5 requests of 3 distinct texts at once: the server's batching must hand each answer back to its own
    // request, in order, whatever it merged.
    int threads = 4;
    int requests = 5;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<String>> outcomes = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        outcomes.add(pool.submit(() -> {
          for (int r = 0; r < requests; r++) {
            List<String> texts = List.of("thread " + thread + " request " + r + " first text",
                "a second, longer text from thread " + thread + " in request " + r + " about the weather",
                TEXTS.get((thread + r) % TEXTS.size()));
            CreateEmbeddingResponse response = client.embeddings().create(EmbeddingCreateParams.builder()
                .inputOfArrayOfStrings(texts).model(MODEL).encodingFormat(r % 2 == 0 ? EncodingFormat.BASE64
                    : EncodingFormat.FLOAT).build());
            assertSameVectors(texts, library.vectors(texts), vectors(response), null, null);
            assertEquals(library.tokens(texts), response.usage().promptTokens());
          }
          return "ok";
        }));
      }
      for (Future<String> outcome : outcomes) {
        assertEquals("ok", outcome.get(120, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theUserFieldIsAccepted() {
    CreateEmbeddingResponse response = client.embeddings().create(
        EmbeddingCreateParams.builder().input(TEXTS.get(1)).model(MODEL).user("user-1234").build());
    assertSameVectors(List.of(TEXTS.get(1)), List.of(library.vector(TEXTS.get(1))), vectors(response),
        tap.only("/v1/embeddings"), null);
  }

  @Test
  void aWrongApiKeyIsTheSdksUnauthorizedException() {
    OpenAIClient wrong = OpenAIOkHttpClient.builder().baseUrl(base() + "/v1").apiKey("sk-wrong").maxRetries(0).build();
    try {
      UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> wrong.embeddings().create(
          EmbeddingCreateParams.builder().input(TEXTS.get(0)).model(MODEL).build()));
      assertEquals(401, e.statusCode());
      WireTap.Exchange exchange = tap.only("/v1/embeddings");
      assertFalse(e.getMessage().isBlank());
      // OpenAI's error shape, which the SDK reads: {"error": {"message", "type", "param", "code"}}.
      assertTrue(e.body().asObject().isPresent(), exchange.describe());
      assertFalse(exchange.response().bodyText().isBlank());
      assertTrue(exchange.response().bodyText().contains("\"error\""), exchange.describe());
      assertTrue(e.type().isPresent(), "error.type:\n" + exchange.describe());
    } finally {
      wrong.close();
    }
  }

  @Test
  void tokenIdArraysAreTheVectorsOfTheTextsTheyCameFrom() throws Exception {
    List<String> texts = TEXTS.subList(0, 3);
    List<List<Long>> ids = texts.stream().map(library::tokenIds).toList();

    CreateEmbeddingResponse one = client.embeddings().create(
        EmbeddingCreateParams.builder().inputOfArrayOfTokens(ids.get(0)).model(MODEL).build());
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    assertTrue(JSON.readTree(exchange.request().bodyText()).path("input").get(0).isIntegralNumber(), exchange.describe());
    assertSameVectors(texts.subList(0, 1), library.vectors(texts.subList(0, 1)), vectors(one), exchange, null);
    assertEquals(library.tokens(texts.subList(0, 1)), one.usage().promptTokens(), exchange.describe());

    tap.clear();
    CreateEmbeddingResponse many = client.embeddings().create(EmbeddingCreateParams.builder()
        .inputOfArrayOfTokenArrays(ids).model(MODEL).encodingFormat(EncodingFormat.FLOAT).build());
    exchange = tap.only("/v1/embeddings");
    assertIndexesInOrder(many, exchange);
    assertSameVectors(texts, library.vectors(texts), vectors(many), exchange, "embedding");
    assertEquals(library.tokens(texts), many.usage().promptTokens(), exchange.describe());
  }

  @Test
  void anEmptyStringIsTheSdksBadRequestException() {
    BadRequestException e = assertThrows(BadRequestException.class, () -> client.embeddings().create(
        EmbeddingCreateParams.builder().input("").model(MODEL).build()));
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    assertEquals(400, e.statusCode(), exchange.describe());
    assertTrue(e.type().isPresent(), exchange.describe());
  }

  @Test
  void anUnknownModelIsTheSdksNotFoundException() {
    NotFoundException e = assertThrows(NotFoundException.class, () -> client.embeddings().create(
        EmbeddingCreateParams.builder().input(TEXTS.get(0)).model("text-embedding-3-small").build()));
    WireTap.Exchange exchange = tap.only("/v1/embeddings");
    assertEquals(404, e.statusCode(), exchange.describe());
    assertEquals("model_not_found", e.code().orElse(null), exchange.describe());
  }

  @Test
  void theModelListNamesTheServedModel() {
    List<Model> models = client.models().list().data();
    WireTap.Exchange exchange = tap.only("/v1/models");
    assertTrue(models.stream().anyMatch(m -> m.id().equals(MODEL)), exchange.describe());
    for (Model m : models) {
      m.validate(); // id, created, object "model", owned_by
    }
  }

  private static List<float[]> vectors(CreateEmbeddingResponse response) {
    List<float[]> out = new ArrayList<>();
    for (Embedding e : response.data()) {
      out.add(toArray(e.embedding()));
    }
    return out;
  }

  private static void assertIndexesInOrder(CreateEmbeddingResponse response, WireTap.Exchange exchange) {
    for (int i = 0; i < response.data().size(); i++) {
      assertEquals(i, response.data().get(i).index(), "data[" + i + "].index:\n" + exchange.describe());
    }
  }
}
