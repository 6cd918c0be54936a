package dev.embedkit.explore.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterTermsTest {
  private static final List<List<String>> TOPICS = List.of(
      List.of("guitar", "drums", "concert", "melody"),
      List.of("football", "goalkeeper", "stadium", "league"),
      List.of("recipe", "oven", "flour", "butter"));
  private static final List<String> FILLER = List.of("people", "today", "really", "great", "said", "the", "and", "very", "thing");

  @Test
  void plantedTopicsAreNamedByTheirOwnWords() {
    Random random = new Random(4);
    List<String> texts = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int doc = 0; doc < 300; doc++) {
      int topic = doc % 4 == 3 ? Clusters.NOISE : doc % 4;
      StringBuilder text = new StringBuilder();
      for (int w = 0; w < 12; w++) {
        // filler words are common to every class (noise included), topic words to one class
        boolean topical = topic != Clusters.NOISE && random.nextDouble() < 0.4;
        List<String> pool = topical ? TOPICS.get(topic) : FILLER;
        text.append(pool.get(random.nextInt(pool.size()))).append(random.nextBoolean() ? " " : ", ");
      }
      texts.add(text.toString());
      labels.add(topic);
    }
    Map<Integer, List<String>> terms = ClusterTerms.topTerms(texts, labels.stream().mapToInt(Integer::intValue).toArray(), 4);
    assertEquals(Set.of(0, 1, 2), terms.keySet(), "noise is not named");
    for (int topic = 0; topic < 3; topic++) {
      assertEquals(Set.copyOf(TOPICS.get(topic)), Set.copyOf(terms.get(topic)), "topic " + topic);
    }
    String name = ClusterTerms.name(terms.get(1));
    assertEquals(3, name.split(", ").length);
    assertTrue(TOPICS.get(1).containsAll(List.of(name.split(", "))));
  }

  @Test
  void tokensAreLowerCaseUnicodeWordsWithoutStopWordsOrBareNumbers() {
    assertEquals(List.of("café", "naïve", "straße", "covid19", "東京タワー"),
        ClusterTerms.tokens("The CAFÉ is naïve: Straße, 2024 COVID19 of 東京タワー ok"));
    assertFalse(ClusterTerms.tokens("whereas nevertheless yourselves").iterator().hasNext());
  }

  @Test
  void aWordSpreadOverAllClassesRanksBelowOneConfinedToItsClass() {
    List<String> texts = List.of("apple common", "apple common", "banana common", "banana common");
    Map<Integer, List<String>> terms = ClusterTerms.topTerms(texts, new int[] {0, 0, 1, 1}, 2);
    assertEquals(List.of("apple", "common"), terms.get(0));
    assertEquals(List.of("banana", "common"), terms.get(1));
  }
}
