package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.quant.Precision;
import dev.embedkit.quant.QuantizationRanges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a library user meets at the edges: closing, nulls, one bad input among many, options that do nothing. */
class LibraryEdgesTest {
  @Test
  void closingTwiceIsHarmlessAndACallAfterCloseSaysTheModelIsClosed() {
    EmbeddingModel model = Embedkit.load("all-minilm-l6-v2");
    model.close();
    model.close();
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> model.embed(List.of("x")));
    assertEquals(ErrorKind.UNAVAILABLE, e.kind());
    assertEquals("model all-minilm-l6-v2 is closed; load it again to use it", e.getMessage());
    assertEquals(ErrorKind.UNAVAILABLE, assertThrows(EmbedkitException.class, () -> model.countTokens(List.of("x"))).kind());
  }

  @Test
  void closeWaitsForCallsInFlightInsteadOfFreeingTheirSession() throws Exception {
    EmbeddingModel model = Embedkit.load("all-minilm-l6-v2");
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      many.add("sentence number " + i + " for a call that is still running when close is called");
    }
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<EmbeddingResult> call = CompletableFuture.supplyAsync(() -> {
      started.countDown();
      return model.embed(many);
    });
    started.await();
    Thread.sleep(50);
    model.close();
    EmbeddingResult result = call.get(120, TimeUnit.SECONDS);
    assertEquals(2_000, result.embeddings().size(), "the call in flight finished with its session intact");
    assertTrue(Float.isFinite(result.vectors().get(1_999)[0]));
  }

  @Test
  void nullsAreInvalidInputNamingWhatIsNull() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    EmbedkitException list = assertThrows(EmbedkitException.class, () -> model.embed((List<String>) null));
    assertEquals(ErrorKind.INVALID_INPUT, list.kind());
    assertEquals("texts is null; give a list of strings (it may be empty)", list.getMessage());
    EmbedkitException text = assertThrows(EmbedkitException.class, () -> model.embed((String) null));
    assertEquals("input 0 is null; inputs must be strings (an empty string is allowed)", text.getMessage());
    EmbedkitException third = assertThrows(EmbedkitException.class, () -> model.embed(Arrays.asList("a", "b", null)));
    assertEquals(2, third.inputIndex().getAsInt());
    assertEquals("is null; inputs must be strings (an empty string is allowed)", third.detail());
    assertEquals(ErrorKind.INVALID_INPUT,
        assertThrows(EmbedkitException.class, () -> model.embed(List.of("a"), null)).kind());
  }

  @Test
  void aTooLongInputIsNamedByItsIndexAndCountTokensChecksWithoutRunningTheModel() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    EmbedOptions strict = EmbedOptions.DEFAULTS.withTruncate(false);
    List<String> texts = List.of("short", "also short", "word ".repeat(400));
    EmbedkitException embed = assertThrows(EmbedkitException.class, () -> model.embed(texts, strict));
    EmbedkitException count = assertThrows(EmbedkitException.class, () -> model.countTokens(texts, strict));
    assertEquals(2, embed.inputIndex().getAsInt());
    assertEquals(embed.getMessage(), count.getMessage());
    assertEquals("input 2 is longer than the model's maximum of 256 tokens; shorten it or allow truncation", embed.getMessage());
    assertEquals("input 5 is longer than the model's maximum of 256 tokens; shorten it or allow truncation",
        embed.atOffset(3).getMessage(), "a caller that split its inputs can name the input in the whole list");
    assertArrayEquals(new int[] {3, 4, 256}, model.countTokens(texts));
  }

  @Test
  void calibrationRangesThatCannotHelpAreRefused() {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2");
    List<float[]> calibration = model.embed(List.of("one sentence", "another, different sentence", "a third one")).vectors();
    QuantizationRanges ranges = QuantizationRanges.of(calibration);
    EmbedkitException ignored = assertThrows(EmbedkitException.class, () -> model.embed(List.of("x"),
        EmbedOptions.DEFAULTS.withRanges(ranges)));
    assertTrue(ignored.getMessage().startsWith("calibration ranges set the int8 and uint8 scales and have no effect with float32"),
        ignored.getMessage());
    EmbedkitException one = assertThrows(EmbedkitException.class, () -> QuantizationRanges.of(calibration.subList(0, 1)));
    assertTrue(one.getMessage().startsWith("calibration needs at least 2 embeddings"), one.getMessage());
    float[] flat = calibration.get(0).clone();
    QuantizationRanges empty = new QuantizationRanges(flat, flat);
    EmbedkitException degenerate = assertThrows(EmbedkitException.class, () -> model.embed(List.of("x"),
        EmbedOptions.DEFAULTS.withPrecision(Precision.INT8).withRanges(empty)));
    assertTrue(degenerate.getMessage().startsWith("calibration ranges are empty (minimum = maximum) in 384 of 384 dimensions"),
        degenerate.getMessage());
    assertEquals(384, model.embed(List.of("x"), EmbedOptions.DEFAULTS.withPrecision(Precision.INT8).withRanges(ranges))
        .embeddings().get(0).length());
  }
}
