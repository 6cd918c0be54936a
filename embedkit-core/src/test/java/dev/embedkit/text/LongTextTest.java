package dev.embedkit.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Texts longer than the tokenizer's character guard are encoded from a prefix: the window must be exactly the whole
 * text's (checked against DJL tokenising the whole text), and nothing that fits the window may be lost.
 */
class LongTextTest {
  static TextTokenizer tokenizer;

  @BeforeAll
  static void load() {
    tokenizer = new TextTokenizer(PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2).resolve("tokenizer.json"), 256);
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  private static void assertSameWindow(String text) {
    Tokens guarded = tokenizer.encodeAll(List.of(text))[0];
    Tokens whole = tokenizer.encodeAllThroughDjl(List.of(text))[0];
    assertArrayEquals(whole.ids(), guarded.ids(), "ids of a " + text.length() + "-char text");
    assertEquals(whole.truncated(), guarded.truncated());
  }

  @Test
  void longTextsOfWordsKeepTheWholeTextsWindow() {
    Random random = new Random(7);
    String[] words = {"the", "solar", "panels", "photovoltaic", "cells", "convert", "light", "into", "electricity,",
        "naïve", "café", "résumé", "unbelievably", "antidisestablishmentarianism", "1984", "e-mail", "日本語", "(see",
        "above)", "it's", "x"};
    for (int trial = 0; trial < 20; trial++) {
      StringBuilder text = new StringBuilder();
      int length = 26_000 + random.nextInt(80_000);
      while (text.length() < length) {
        text.append(words[random.nextInt(words.length)]).append(random.nextInt(10) == 0 ? "\n\n" : " ");
      }
      assertTrue(text.length() > tokenizer.maximumChars());
      assertSameWindow(text.toString());
    }
  }

  @Test
  void whitespaceBeforeTheTextDoesNotHideIt() {
    String padded = " ".repeat(26_000) + "hello world";
    Tokens tokens = tokenizer.encodeAll(List.of(padded))[0];
    assertArrayEquals(tokenizer.encode("hello world").ids(), tokens.ids());
    assertFalse(tokens.truncated(), "nothing was cut: the whole text fits the window");
    assertSameWindow(" \n\t".repeat(40_000) + "the end of a long run of whitespace " + "word ".repeat(300));
  }

  @Test
  void textsWithoutWhitespaceAndAtTheLimitAgreeToo() {
    assertSameWindow("a".repeat(60_000));
    assertSameWindow("日本語のテキスト".repeat(5_000));
    assertSameWindow("😀".repeat(20_000));
    List<String> around = new ArrayList<>();
    int limit = tokenizer.maximumChars();
    for (int n : new int[] {limit - 1, limit, limit + 1}) {
      around.add("w ".repeat(n / 2) + "x".repeat(n % 2));
    }
    Tokens[] batch = tokenizer.encodeAll(around);
    Tokens[] whole = tokenizer.encodeAllThroughDjl(around);
    for (int i = 0; i < batch.length; i++) {
      assertArrayEquals(whole[i].ids(), batch[i].ids());
    }
  }
}
