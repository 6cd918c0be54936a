package dev.embedkit.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** embedkit's lean route to the native tokenizer gives exactly what DJL's {@code Encoding} route gives. */
class TextTokenizerTest {
  static final List<String> TEXTS = List.of("The weather is lovely today.", "", "   ", "UPPER case and MiXeD",
      "naïve café déjà vu — “quotes” 😀 中文", "tab\tand\nnewline", "word ".repeat(400), "a,b;c:d!e?f");

  @ParameterizedTest
  @EnumSource(value = BuiltinPack.class, names = {"ALL_MINILM_L6_V2", "BGE_SMALL_EN_V15", "E5_SMALL_V2"})
  void leanBatchEncodingEqualsDjlEncoding(BuiltinPack pack) {
    try (TextTokenizer tokenizer = new TextTokenizer(PackCache.standard().materialize(pack).resolve("tokenizer.json"), 256)) {
      Tokens[] lean = tokenizer.encodeAll(TEXTS);
      Tokens[] djl = tokenizer.encodeAllThroughDjl(TEXTS);
      assertEquals(TEXTS.size(), lean.length);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertArrayEquals(djl[i].ids(), lean[i].ids(), "ids of input " + i);
        assertArrayEquals(djl[i].typeIds(), lean[i].typeIds(), "type ids of input " + i);
        assertEquals(djl[i].truncated(), lean[i].truncated(), "truncation of input " + i);
      }
      assertEquals(true, lean[6].truncated(), "400 words exceed 256 tokens");
      assertEquals(256, lean[6].length());
    }
  }
}
