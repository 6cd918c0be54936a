package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.vector.VectorMath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Token-level routes (tokenize, token-id inputs, token vectors, normalise on/off) agree with plain embedding. */
class TokenLevelTest {
  static final String TEXT = "The weather is lovely today.";

  @Test
  void tokenizeReportsSpecialTokensAndOffsetsIntoTheText() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    List<TokenInfo> tokens = model.tokenize(List.of(TEXT), EmbedOptions.DEFAULTS).get(0);
    assertEquals(model.countTokens(List.of(TEXT))[0], tokens.size());
    assertEquals("[CLS]", tokens.get(0).text());
    assertTrue(tokens.get(0).special());
    assertNull(tokens.get(0).start());
    assertTrue(tokens.get(tokens.size() - 1).special());
    TokenInfo weather = tokens.get(2);
    assertFalse(weather.special());
    assertEquals("weather", TEXT.substring(weather.start(), weather.stop()).toLowerCase());
  }

  @Test
  void embeddingTheIdsOfATextsTokensGivesTheTextsVector() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    List<String> texts = List.of(TEXT, "It's so sunny outside!");
    List<long[]> ids = model.tokenize(texts, EmbedOptions.DEFAULTS).stream()
        .map(tokens -> tokens.stream().filter(t -> !t.special()).mapToLong(TokenInfo::id).toArray())
        .toList();
    EmbeddingResult byIds = model.embedTokenIds(ids, EmbedOptions.DEFAULTS);
    EmbeddingResult byText = model.embed(texts);
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(byText.vectors().get(i), byIds.vectors().get(i));
      assertEquals(byText.embeddings().get(i).tokens(), byIds.embeddings().get(i).tokens());
    }
  }

  @Test
  void anIdOutsideTheVocabularyNamesTheInputAndTheRange() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> model.embedTokenIds(List.of(new long[] {2023}, new long[] {30522}), EmbedOptions.DEFAULTS));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertEquals(1, e.inputIndex().getAsInt());
    assertTrue(e.getMessage().contains("0 to 30521"), e.getMessage());
  }

  @Test
  void tooManyIdsAreCutOrRefusedAsTextsAre() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    long[] many = new long[600];
    java.util.Arrays.fill(many, 2023);
    EmbeddingResult cut = model.embedTokenIds(List.of(many), EmbedOptions.DEFAULTS);
    assertTrue(cut.embeddings().get(0).truncated());
    assertEquals(model.info().maxSeqLength(), cut.embeddings().get(0).tokens());
    assertThrows(EmbedkitException.class, () -> model.embedTokenIds(List.of(many), EmbedOptions.DEFAULTS.withTruncate(false)));
  }

  @Test
  void tokenVectorsMeanPoolToTheUnnormalisedSentenceVector() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    float[][] rows = model.embedTokens(List.of(TEXT), EmbedOptions.DEFAULTS).get(0);
    assertEquals(model.countTokens(List.of(TEXT))[0], rows.length);
    float[] mean = new float[rows[0].length];
    for (float[] row : rows) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += row[d] / rows.length;
      }
    }
    float[] raw = model.embed(List.of(TEXT), EmbedOptions.DEFAULTS.withNormalize(false)).vectors().get(0);
    assertArrayEquals(raw, mean, 1e-5f);
    assertTrue(Math.abs(VectorMath.norm(raw) - 1) > 0.01, "unnormalised vectors keep their length");
    float[] normalized = raw.clone();
    VectorMath.normalizeInPlace(normalized);
    assertArrayEquals(model.embed(TEXT), normalized, 1e-6f);
  }

  @Test
  void preparedTextsEmbedAsTheTextsDoAndConcatenateInOrder() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    EmbedOptions options = EmbedOptions.DEFAULTS.withDimensions(128);
    PreparedTexts a = model.prepare(List.of(TEXT), options);
    PreparedTexts b = model.prepare(List.of("It's so sunny outside!", "word ".repeat(400)), options);
    assertArrayEquals(model.countTokens(List.of(TEXT), options), a.tokenCounts());
    EmbeddingResult merged = model.embed(PreparedTexts.concat(List.of(a, b)));
    EmbeddingResult plain = model.embed(List.of(TEXT, "It's so sunny outside!", "word ".repeat(400)), options);
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(plain.vectors().get(i), merged.vectors().get(i));
      assertEquals(plain.embeddings().get(i).tokens(), merged.embeddings().get(i).tokens());
      assertEquals(plain.embeddings().get(i).truncated(), merged.embeddings().get(i).truncated());
    }
    EmbeddingModel other = TestModels.get("bge-small-en-v1.5");
    assertArrayEquals(other.embed(List.of(TEXT), options).vectors().get(0), other.embed(a).vectors().get(0),
        "texts prepared by another model are embedded from their text");
    assertThrows(IllegalArgumentException.class, () -> PreparedTexts.concat(List.of(a, model.prepare(List.of(TEXT), EmbedOptions.DEFAULTS))));
    assertThrows(EmbedkitException.class, () -> model.prepare(List.of("word ".repeat(400)), EmbedOptions.DEFAULTS.withTruncate(false)));
  }
}
