package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.vector.Metric;
import dev.embedkit.vector.VectorMath;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Prompts, Matryoshka dimensions, truncation and option errors, on real packs. */
class EmbedOptionsBehaviourTest {
  static final List<String> QUERIES = List.of("how much protein should a female eat", "summit define");

  @Test
  void namedPromptEqualsPromptTextPrepended() {
    EmbeddingModel e5 = TestModels.get("e5-small-v2");
    List<float[]> named = e5.embed(QUERIES, EmbedOptions.DEFAULTS.withPromptName("query")).vectors();
    List<float[]> literal = e5.embed(QUERIES, EmbedOptions.DEFAULTS.withPrompt("query: ")).vectors();
    List<float[]> prepended = e5.embed(QUERIES.stream().map(q -> "query: " + q).toList()).vectors();
    for (int i = 0; i < QUERIES.size(); i++) {
      assertArrayEquals(prepended.get(i), named.get(i));
      assertArrayEquals(prepended.get(i), literal.get(i));
    }
    float[] plain = e5.embed(QUERIES.get(0));
    assertTrue(Metric.COSINE.compute(plain, named.get(0)) < 0.9999f, "the prompt must change the vector");
  }

  @Test
  void bgeQueryPromptIsTheModelCardInstruction() {
    EmbeddingModel bge = TestModels.get("bge-small-en-v1.5");
    String instruction = "Represent this sentence for searching relevant passages: ";
    assertEquals(instruction, bge.info().prompts().get("query"));
    assertArrayEquals(bge.embed(instruction + QUERIES.get(1)),
        bge.embed(List.of(QUERIES.get(1)), EmbedOptions.DEFAULTS.withPromptName("query")).vectors().get(0));
  }

  @Test
  void unknownPromptNameListsTheModelsPrompts() {
    EmbeddingModel e5 = TestModels.get("e5-small-v2");
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> e5.embed(QUERIES, EmbedOptions.DEFAULTS.withPromptName("search")));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("document, passage, query"), e.getMessage());
  }

  @Test
  void dimensionsGiveAUnitNormPrefixOfTheFullVector() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    float[] full = model.embed(QUERIES.get(0));
    for (int dims : new int[] {1, 64, 128, 383}) {
      float[] cut = model.embed(List.of(QUERIES.get(0)), EmbedOptions.DEFAULTS.withDimensions(dims)).vectors().get(0);
      assertEquals(dims, cut.length);
      assertEquals(1.0, VectorMath.norm(cut), 1e-5);
      float[] prefix = Arrays.copyOf(full, dims);
      VectorMath.normalizeInPlace(prefix);
      assertArrayEquals(prefix, cut, 1e-6f);
    }
  }

  @Test
  void dimensionsOutOfRangeSayTheValidRange() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> model.embed(QUERIES, EmbedOptions.DEFAULTS.withDimensions(385)));
    assertEquals("dimensions must be between 1 and 384 for model all-minilm-l6-v2; dimensions=385", e.getMessage());
    assertThrows(EmbedkitException.class, () -> EmbedOptions.DEFAULTS.withDimensions(0));
  }

  @Test
  void longInputsAreTruncatedAtTheModelsMaximumAndCounted() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    String longText = "embedding ".repeat(400);
    EmbeddingResult result = model.embed(List.of(longText, "short"));
    assertEquals(256, result.embeddings().get(0).tokens(), "the packs' tokenizer.json says 128; the model's limit is 256");
    assertTrue(result.embeddings().get(0).truncated());
    assertFalse(result.embeddings().get(1).truncated());
    assertEquals(1, result.truncatedCount());
    // 257+ tokens and exactly 256 tokens of the same text give the same vector
    assertArrayEquals(model.embed("embedding ".repeat(254)), result.embeddings().get(0).vector());
  }

  @Test
  void truncateFalseRejectsTooLongInputs() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> model.embed(List.of("ok", "word ".repeat(300)), EmbedOptions.DEFAULTS.withTruncate(false)));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().startsWith("input 1 is longer than the model's maximum of 256 tokens"), e.getMessage());
  }

  @Test
  void emptyAndWhitespaceInputsEmbedAsSpecialTokensOnly() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    EmbeddingResult result = model.embed(List.of("", "   \t\n"));
    assertEquals(2, result.embeddings().get(0).tokens()); // [CLS] [SEP], as sentence-transformers tokenises ""
    assertArrayEquals(result.embeddings().get(0).vector(), result.embeddings().get(1).vector());
    assertEquals(1.0, VectorMath.norm(result.embeddings().get(0).vector()), 1e-5);
  }

  @Test
  void emptyListGivesEmptyResult() {
    assertEquals(0, TestModels.get("all-minilm-l6-v2").embed(List.of()).embeddings().size());
  }

  @Test
  void nullInputIsRejectedWithItsPosition() {
    List<String> texts = Arrays.asList("a", null);
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> TestModels.get("all-minilm-l6-v2").embed(texts));
    assertTrue(e.getMessage().startsWith("input 1 is null"), e.getMessage());
  }

  @Test
  void tokenCountsIncludeSpecialTokens() {
    int[] counts = TestModels.get("all-minilm-l6-v2").countTokens(List.of("", "hello world"));
    assertArrayEquals(new int[] {2, 4}, counts);
  }
}
