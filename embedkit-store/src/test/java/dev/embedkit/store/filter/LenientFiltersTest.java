package dev.embedkit.store.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The lenient resolution answers what the in-memory evaluator answers for the original filter (whose semantics are
 * already the frameworks': unknown fields and other kinds never match positively), and what it gives the store always
 * passes the store's strict check.
 */
class LenientFiltersTest {
  /** Fields documents hold ("n" numbers, "s" strings, "flag" booleans, "mixed" any), and two no document has. */
  private static final List<String> FIELDS = List.of("n", "s", "flag", "mixed", "unknown", "typo");

  @Test
  void resolvedFiltersMatchWhatTheOriginalMatchesAndPassTheStrictCheck() {
    RandomFilters filters = new RandomFilters(7, FIELDS);
    Random random = filters.random();
    List<Map<String, Object>> docs = new ArrayList<>();
    FieldKinds kinds = new FieldKinds();
    for (int i = 0; i < 60; i++) {
      Map<String, Object> metadata = new TreeMap<>();
      if (random.nextBoolean()) {
        metadata.put("n", filters.pick(RandomFilters.LONGS));
      }
      if (random.nextBoolean()) {
        metadata.put("s", filters.pick(RandomFilters.STRINGS));
      }
      if (random.nextBoolean()) {
        metadata.put("flag", random.nextBoolean());
      }
      if (random.nextInt(3) == 0) {
        metadata.put("mixed", random.nextBoolean() ? filters.pick(RandomFilters.DOUBLES) : List.of());
      }
      docs.add(metadata);
      kinds.observe(metadata);
    }
    Map<String, Set<String>> fields = new TreeMap<>();
    for (String name : kinds.names()) {
      Set<String> labels = new TreeSet<>();
      kinds.kinds(name).forEach(kind -> labels.add(kind.label()));
      fields.put(name, labels);
    }
    int none = 0;
    int all = 0;
    for (int t = 0; t < 3000; t++) {
      Filter filter = filters.filter(4);
      LenientFilters.Resolved resolved = LenientFilters.resolve(filter, fields);
      if (resolved.filter() != null) {
        FilterValidator.check(resolved.filter(), kinds);
      }
      none += resolved.matchesNone() ? 1 : 0;
      all += resolved.matchesAll() ? 1 : 0;
      for (Map<String, Object> doc : docs) {
        boolean expected = FilterEvaluator.matches(filter, doc);
        boolean actual = !resolved.matchesNone()
            && (resolved.filter() == null || FilterEvaluator.matches(resolved.filter(), doc));
        assertEquals(expected, actual, () -> filter + " on " + doc + " resolved to " + resolved);
      }
    }
    assertTrue(none > 100 && all > 100, "both shortcuts taken: none " + none + ", all " + all);
  }

  @Test
  void unknownFieldsMatchAsAbsentWhereTheStrictCheckRefuses() {
    Map<String, Set<String>> empty = Map.of();
    assertThrows(EmbedkitException.class, () -> FilterValidator.check(Filter.eq("user", "u1"), new FieldKinds()));
    assertTrue(LenientFilters.resolve(Filter.eq("user", "u1"), empty).matchesNone());
    assertTrue(LenientFilters.resolve(Filter.ne("user", "u1"), empty).matchesAll());
    assertTrue(LenientFilters.resolve(Filter.notIn("user", "a", "b"), empty).matchesAll());
    assertTrue(LenientFilters.resolve(null, empty).matchesAll());
    Map<String, Set<String>> year = Map.of("year", Set.of("long"));
    Filter or = Filter.or(Filter.gte("year", 2020), Filter.eq("user", "u1"));
    assertEquals(Filter.gte("year", 2020), LenientFilters.resolve(or, year).filter());
    assertTrue(LenientFilters.resolve(Filter.eq("year", "2020"), year).matchesNone(), "a string never equals a long");
    assertFalse(LenientFilters.resolve(Filter.ne("year", 5), year).matchesAll(), "a known field stays in the filter");
  }
}
