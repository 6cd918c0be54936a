package dev.embedkit.server;

import static dev.embedkit.server.ServerTestSupport.floats;
import static dev.embedkit.server.ServerTestSupport.get;
import static dev.embedkit.server.ServerTestSupport.json;
import static dev.embedkit.server.ServerTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.TokenInfo;
import dev.embedkit.server.ServerTestSupport.Answer;
import dev.embedkit.vector.Metric;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Ollama's and TEI's routes on a real server, against the library's results. */
class OllamaAndTeiApiTest {
  static final List<String> TEXTS = List.of("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.");
  static EmbedkitServer server;
  static EmbeddingModel library;

  @BeforeAll
  static void start() {
    server = EmbedkitServer.start(ServerConfig.defaults().withPort(0));
    library = Embedkit.load("all-minilm-l6-v2");
  }

  @AfterAll
  static void stop() {
    server.close();
    library.close();
  }

  @Test
  void ollamaEmbedGivesTheLibrarysVectorsWithDurationsAndTokenCount() {
    Answer answer = post(server, "/api/embed", json(Map.of("model", "all-minilm-l6-v2:latest", "input", TEXTS,
        "keep_alive", "5m", "options", Map.of("temperature", 0))));
    assertEquals(200, answer.status(), answer.text());
    List<float[]> expected = library.embed(TEXTS).vectors();
    for (int i = 0; i < TEXTS.size(); i++) {
      assertArrayEquals(expected.get(i), floats(answer.json().get("embeddings").get(i)));
    }
    assertEquals(library.embed(TEXTS).totalTokens(), answer.json().get("prompt_eval_count").asInt());
    assertTrue(answer.json().get("total_duration").asLong() > 1000, "nanoseconds");
    assertEquals(0, answer.json().get("load_duration").asLong());
    Answer single = post(server, "/api/embed", json(Map.of("model", "all-minilm-l6-v2", "input", TEXTS.get(0), "dimensions", 64)));
    assertArrayEquals(library.embed(List.of(TEXTS.get(0)), EmbedOptions.DEFAULTS.withDimensions(64)).vectors().get(0),
        floats(single.json().get("embeddings").get(0)));
  }

  @Test
  void ollamaTruncateFalseRefusesATooLongInputWith400() {
    String tooLong = "word ".repeat(600);
    Answer refused = post(server, "/api/embed", json(Map.of("model", "all-minilm-l6-v2", "input", tooLong, "truncate", false)));
    assertEquals(400, refused.status(), refused.text());
    assertTrue(refused.json().get("error").asText().contains("longer than the model's maximum of 256 tokens"));
    Answer cut = post(server, "/api/embed", json(Map.of("model", "all-minilm-l6-v2", "input", tooLong)));
    assertEquals(200, cut.status());
    assertEquals("1", cut.header("X-Truncated-Inputs"));
  }

  @Test
  void ollamaLegacyEmbeddingsAndModelListings() {
    Answer legacy = post(server, "/api/embeddings", json(Map.of("model", "all-minilm-l6-v2", "prompt", TEXTS.get(1))));
    assertEquals(200, legacy.status(), legacy.text());
    assertArrayEquals(library.embed(TEXTS.get(1)), floats(legacy.json().get("embedding")));
    Answer tags = get(server, "/api/tags");
    assertEquals("all-minilm-l6-v2:latest", tags.json().get("models").get(0).get("name").asText());
    assertTrue(tags.json().get("models").get(0).get("size").asLong() > 20_000_000);
    Answer ps = get(server, "/api/ps");
    assertEquals(1, ps.json().get("models").size());
    Answer show = post(server, "/api/show", json(Map.of("model", "all-minilm-l6-v2")));
    assertEquals(384, show.json().get("model_info").get("embedkit.embedding_length").asInt());
    assertEquals("embedding", show.json().get("capabilities").get(0).asText());
    assertTrue(get(server, "/api/version").json().get("version").asText().length() > 0);
  }

  @Test
  void teiEmbedNormalisesByDefaultAndReturnsRawVectorsOnRequest() {
    Answer normalized = post(server, "/embed", json(Map.of("inputs", TEXTS)));
    assertEquals(200, normalized.status(), normalized.text());
    List<float[]> expected = library.embed(TEXTS).vectors();
    for (int i = 0; i < TEXTS.size(); i++) {
      assertArrayEquals(expected.get(i), floats(normalized.json().get(i)));
    }
    Answer raw = post(server, "/embed", json(Map.of("inputs", TEXTS.get(0), "normalize", false, "dimensions", 32)));
    assertArrayEquals(library.embed(List.of(TEXTS.get(0)), EmbedOptions.DEFAULTS.withNormalize(false).withDimensions(32)).vectors().get(0),
        floats(raw.json().get(0)));
    Answer root = post(server, "/", json(Map.of("inputs", TEXTS.get(2))));
    assertArrayEquals(expected.get(2), floats(root.json().get(0)));
  }

  @Test
  void teiTokenizeEmbedAllAndSimilarity() {
    Answer tokens = post(server, "/tokenize", json(Map.of("inputs", List.of(TEXTS.get(0)))));
    List<TokenInfo> expected = library.tokenize(List.of(TEXTS.get(0)), EmbedOptions.DEFAULTS).get(0);
    JsonNode row = tokens.json().get(0);
    assertEquals(expected.size(), row.size());
    assertEquals(101, row.get(0).get("id").asInt());
    assertTrue(row.get(0).get("special").asBoolean());
    assertTrue(row.get(0).get("start").isNull());
    assertEquals("weather", TEXTS.get(0).substring(row.get(2).get("start").asInt(), row.get(2).get("stop").asInt()));
    Answer plain = post(server, "/tokenize", json(Map.of("inputs", TEXTS.get(0), "add_special_tokens", false)));
    assertFalse(plain.json().get(0).get(0).get("special").asBoolean());

    Answer all = post(server, "/embed_all", json(Map.of("inputs", List.of(TEXTS.get(0)))));
    float[][] states = library.embedTokens(List.of(TEXTS.get(0)), EmbedOptions.DEFAULTS).get(0);
    assertEquals(states.length, all.json().get(0).size());
    assertArrayEquals(states[3], floats(all.json().get(0).get(3)));

    Answer similarity = post(server, "/similarity", json(Map.of("inputs",
        Map.of("source_sentence", TEXTS.get(0), "sentences", TEXTS.subList(1, 3)))));
    List<float[]> vectors = library.embed(TEXTS).vectors();
    assertEquals(Metric.COSINE.compute(vectors.get(0), vectors.get(1)), similarity.json().get(0).floatValue());
    assertEquals(Metric.COSINE.compute(vectors.get(0), vectors.get(2)), similarity.json().get(1).floatValue());
    assertEquals(0.6660, similarity.json().get(0).doubleValue(), 5e-5);
  }

  @Test
  void teiInfoAndHealth() {
    Answer info = get(server, "/info");
    assertEquals("all-minilm-l6-v2", info.json().get("model_id").asText());
    assertEquals(256, info.json().get("max_input_length").asInt());
    assertEquals(ServerLimits.DEFAULT_MAX_BATCH_TOKENS, info.json().get("max_batch_tokens").asInt());
    assertEquals("mean", info.json().get("model_type").get("embedding").get("pooling").asText());
    assertEquals(200, get(server, "/health").status());
  }
}
