package dev.embedkit.server;

import static dev.embedkit.server.ServerTestSupport.base64Floats;
import static dev.embedkit.server.ServerTestSupport.floats;
import static dev.embedkit.server.ServerTestSupport.get;
import static dev.embedkit.server.ServerTestSupport.json;
import static dev.embedkit.server.ServerTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.TokenInfo;
import dev.embedkit.server.ServerTestSupport.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** OpenAI's routes on a real server: vectors equal the library's, as floats and as base64, with real token usage. */
class OpenAiApiTest {
  static final List<String> TEXTS = List.of("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.",
      "A much longer sentence about the evaluation of sentence embeddings on semantic textual similarity benchmarks.");
  static EmbedkitServer server;
  static EmbeddingModel library;

  @BeforeAll
  static void start() {
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withModels(List.of("all-minilm-l6-v2", "e5=e5-small-v2"))
        .withLazyModels(true));
    library = Embedkit.load("all-minilm-l6-v2");
  }

  @AfterAll
  static void stop() {
    server.close();
    library.close();
  }

  @Test
  void floatVectorsEqualTheLibrarysInOrderWithTokenUsage() {
    Answer answer = post(server, "/v1/embeddings", json(Map.of("model", "all-minilm-l6-v2", "input", TEXTS)));
    assertEquals(200, answer.status(), answer.text());
    EmbeddingResult expected = library.embed(TEXTS);
    JsonNode data = answer.json().get("data");
    assertEquals("list", answer.json().get("object").asText());
    assertEquals("all-minilm-l6-v2", answer.json().get("model").asText());
    for (int i = 0; i < TEXTS.size(); i++) {
      assertEquals("embedding", data.get(i).get("object").asText());
      assertEquals(i, data.get(i).get("index").asInt());
      assertArrayEquals(expected.vectors().get(i), floats(data.get(i).get("embedding")), "input " + i);
    }
    assertEquals(expected.totalTokens(), answer.json().get("usage").get("prompt_tokens").asInt());
    assertEquals(expected.totalTokens(), answer.json().get("usage").get("total_tokens").asInt());
    assertEquals("0", answer.header("X-Truncated-Inputs"));
  }

  @Test
  void base64IsLittleEndianFloat32OfTheSameVectors() {
    Answer answer = post(server, "/v1/embeddings", json(Map.of("model", "all-minilm-l6-v2", "input", TEXTS, "encoding_format", "base64")));
    assertEquals(200, answer.status(), answer.text());
    List<float[]> expected = library.embed(TEXTS).vectors();
    for (int i = 0; i < TEXTS.size(); i++) {
      assertArrayEquals(expected.get(i), base64Floats(answer.json().get("data").get(i).get("embedding").asText()));
    }
  }

  @Test
  void aSingleStringAndDimensionsMatchTheLibrarysOptions() {
    Answer answer = post(server, "/v1/embeddings", json(Map.of("model", "all-minilm-l6-v2", "input", TEXTS.get(0), "dimensions", 128)));
    assertEquals(200, answer.status(), answer.text());
    float[] expected = library.embed(List.of(TEXTS.get(0)), EmbedOptions.DEFAULTS.withDimensions(128)).vectors().get(0);
    assertArrayEquals(expected, floats(answer.json().get("data").get(0).get("embedding")));
  }

  @Test
  void tokenIdsEmbedAsTheTextTheyComeFrom() {
    List<long[]> ids = library.tokenize(TEXTS.subList(0, 2), EmbedOptions.DEFAULTS).stream()
        .map(tokens -> tokens.stream().filter(t -> !t.special()).mapToLong(TokenInfo::id).toArray()).toList();
    Answer many = post(server, "/v1/embeddings", json(Map.of("model", "all-minilm-l6-v2", "input", ids)));
    assertEquals(200, many.status(), many.text());
    Answer one = post(server, "/v1/embeddings", json(Map.of("model", "all-minilm-l6-v2", "input", ids.get(0))));
    assertEquals(200, one.status(), one.text());
    List<float[]> expected = library.embed(TEXTS.subList(0, 2)).vectors();
    assertArrayEquals(expected.get(0), floats(many.json().get("data").get(0).get("embedding")));
    assertArrayEquals(expected.get(1), floats(many.json().get("data").get(1).get("embedding")));
    assertArrayEquals(expected.get(0), floats(one.json().get("data").get(0).get("embedding")));
  }

  @Test
  void aLazyModelLoadsOnItsFirstRequestAndAnswersByItsServedName() {
    Answer answer = post(server, "/v1/embeddings", json(Map.of("model", "e5", "input", List.of("query: summit define"))));
    assertEquals(200, answer.status(), answer.text());
    assertEquals("e5", answer.json().get("model").asText());
    try (EmbeddingModel e5 = Embedkit.load("e5-small-v2")) {
      assertArrayEquals(e5.embed("query: summit define"), floats(answer.json().get("data").get(0).get("embedding")));
    }
  }

  @Test
  void modelsAreListedAndLookedUpByName() {
    Answer list = get(server, "/v1/models");
    assertEquals(200, list.status());
    assertEquals("list", list.json().get("object").asText());
    assertEquals("all-minilm-l6-v2", list.json().get("data").get(0).get("id").asText());
    assertEquals("e5", list.json().get("data").get(1).get("id").asText());
    Answer one = get(server, "/v1/models/e5");
    assertEquals(200, one.status());
    assertEquals("model", one.json().get("object").asText());
    Answer missing = get(server, "/v1/models/text-embedding-3-small");
    assertEquals(404, missing.status());
    assertEquals("model_not_found", missing.json().get("error").get("code").asText());
    assertTrue(missing.json().get("error").get("message").asText().contains("all-minilm-l6-v2, e5"));
  }

  @Test
  void everyResponseCarriesARequestIdAndKeepsAClientsOwn() {
    assertTrue(get(server, "/v1/models").header("X-Request-Id").matches("[0-9a-f-]{36}"));
    assertEquals("trace-42", get(server, "/v1/models", "X-Request-Id", "trace-42").header("X-Request-Id"));
    assertTrue(get(server, "/nowhere").header("X-Request-Id") != null);
  }
}
