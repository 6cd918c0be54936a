package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.Quantize;
import dev.embedkit.vector.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code Quantize.INT8}: the fp32 pack rewritten to static int8 at load. Its vectors stay close to fp32 and, unlike
 * dynamic quantisation, never depend on the batch, so it runs batched.
 */
class Int8QuantizeTest {
  private static EmbeddingModel int8;

  @BeforeAll
  static void load() {
    int8 = Embedkit.load("all-minilm-l6-v2", LoadOptions.DEFAULTS.withQuantize(Quantize.INT8));
  }

  @AfterAll
  static void close() {
    int8.close();
  }

  @Test
  void batchedEqualsSingleBitForBit() {
    List<float[]> batched = int8.embed(BatchIndependenceTest.TEXTS).vectors();
    for (int i = 0; i < BatchIndependenceTest.TEXTS.size(); i++) {
      float[] single = int8.embed(List.of(BatchIndependenceTest.TEXTS.get(i))).vectors().get(0);
      assertArrayEquals(single, batched.get(i), "input " + i + " differs between batched and single");
    }
  }

  @Test
  void staysCloseToFp32OnSentencesItWasNotCalibratedOn() {
    List<String> sentences = generatedSentences(300, 7);
    List<float[]> reference = TestModels.get("all-minilm-l6-v2").embed(sentences).vectors();
    List<float[]> quantized = int8.embed(sentences).vectors();
    double sum = 0;
    double min = 1;
    for (int i = 0; i < sentences.size(); i++) {
      double cosine = Metric.COSINE.compute(reference.get(i), quantized.get(i));
      sum += cosine;
      min = Math.min(min, cosine);
    }
    double mean = sum / sentences.size();
    assertTrue(mean >= 0.99, "mean cosine to fp32 " + mean);
    assertTrue(min >= 0.97, "min cosine to fp32 " + min);
  }

  @ParameterizedTest
  @EnumSource(value = BuiltinPack.class, names = {"BGE_SMALL_EN_V15", "E5_SMALL_V2"})
  void otherFp32PacksQuantiseCloseToFp32AndBatchIndependently(BuiltinPack pack) {
    List<String> sentences = generatedSentences(60, 11);
    sentences.addAll(BatchIndependenceTest.TEXTS);
    try (EmbeddingModel model = Embedkit.load(pack.packName(), LoadOptions.DEFAULTS.withQuantize(Quantize.INT8))) {
      List<float[]> batched = model.embed(sentences).vectors();
      List<float[]> reference = TestModels.get(pack.packName()).embed(sentences).vectors();
      double sum = 0;
      for (int i = 0; i < sentences.size(); i++) {
        float[] single = model.embed(List.of(sentences.get(i))).vectors().get(0);
        assertArrayEquals(single, batched.get(i), pack.packName() + " input " + i + " differs between batched and single");
        sum += Metric.COSINE.compute(reference.get(i), batched.get(i));
      }
      assertTrue(sum / sentences.size() >= 0.99, pack.packName() + " mean cosine to fp32 " + sum / sentences.size());
    }
  }

  @Test
  void keepsThePublishedSimilaritiesWithinQuantisationError() {
    List<float[]> v = int8.embed(ReferenceSimilarityTest.SENTENCES).vectors();
    assertEquals(0.6660, Metric.COSINE.compute(v.get(0), v.get(1)), 0.02);
    assertEquals(0.1046, Metric.COSINE.compute(v.get(0), v.get(2)), 0.02);
    assertEquals(0.1411, Metric.COSINE.compute(v.get(1), v.get(2)), 0.02);
  }

  @Test
  void saysItsWeightsAreStaticInt8() {
    assertEquals("int8-static", int8.info().weights());
    assertEquals(384, int8.info().dimensions());
  }

  @Test
  void refusesAGraphThatIsAlreadyQuantised() {
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> Embedkit.load("all-minilm-l6-v2-int8", LoadOptions.DEFAULTS.withQuantize(Quantize.INT8)));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("already quantised"), e.getMessage());
  }

  @Test
  void unknownQuantizationListsTheValidOnes() {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> Quantize.fromString("int4"));
    assertTrue(e.getMessage().contains("none, int8"), e.getMessage());
  }

  /** Sentences from a seeded word list: not the calibration corpus. */
  static List<String> generatedSentences(int count, long seed) {
    String[] words = ("the a of river market engine quietly bright committee winter bank rates guitar child "
        + "teacher hospital election coffee mountain software bug release fast slowly argued under over because "
        + "never yesterday tomorrow invoice password reset museum painting train delayed storm forecast player "
        + "scored goal protein cell membrane theorem proof ancient empire").split(" ");
    Random random = new Random(seed);
    List<String> sentences = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      StringBuilder s = new StringBuilder();
      int n = 4 + random.nextInt(40);
      for (int w = 0; w < n; w++) {
        s.append(w == 0 ? "" : " ").append(words[random.nextInt(words.length)]);
      }
      sentences.add(s.append('.').toString());
    }
    return sentences;
  }
}
