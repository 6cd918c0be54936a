package dev.embedkit.store.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.store.Metadata;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterEvaluatorTest {
  private static final Map<String, Object> DOC = Metadata.normalize(map(
      "lang", "en", "year", 2020, "score", 2.5, "draft", false, "tags", List.of("a", "b"),
      "big", 1746714878034235396L, "mixed", List.of(1, 2.5, "x", true), "empty", List.of(),
      "pair", "\uD83D\uDE00", "private", "\uE000", "lone", "\uD800"));

  private static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> map = new HashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // LangChain4j: ne, not in and not match documents lacking the key; positive predicates do not
        Arguments.of("missing = 'x'", false),
        Arguments.of("missing != 'x'", true),
        Arguments.of("missing NOT IN ('x')", true),
        Arguments.of("NOT missing = 'x'", true),
        Arguments.of("missing < 5", false),
        Arguments.of("missing IN ('x')", false),
        Arguments.of("missing IS NULL", true),
        Arguments.of("lang != 'en'", false),
        Arguments.of("lang != 'de'", true),
        // longs beyond 2^53 compare exactly
        Arguments.of("big = 1746714878034235396", true),
        Arguments.of("big = 1746714878034235397", false),
        Arguments.of("big < 1746714878034235397", true),
        Arguments.of("big > 1746714878034235395", true),
        Arguments.of("big = 1.746714878034235396E18", false), // that double is 1746714878034235392
        Arguments.of("big > 1.746714878034235396E18", true),
        // long against double, both ways
        Arguments.of("year = 2020.0", true),
        Arguments.of("year > 2019.5", true),
        Arguments.of("year < 2020.5", true),
        Arguments.of("year >= 2020.5", false),
        Arguments.of("score = 2.5", true),
        Arguments.of("score > 2", true),
        Arguments.of("score < 3", true),
        Arguments.of("score IN (2, 3)", false),
        Arguments.of("year IN (2020.0)", true),
        // strings
        Arguments.of("lang > 'de'", true),
        Arguments.of("lang < 'en-GB'", true),
        Arguments.of("lang >= 'en'", true),
        Arguments.of("lang < 'EN'", false),
        Arguments.of("pair > 'z'", true),
        Arguments.of("pair > '\uE000'", true), // code point order: U+1F600 > U+E000 (String.compareTo says less)
        Arguments.of("private < '\uD83D\uDE00'", true),
        Arguments.of("lone = '\uFFFD'", true), // an unpaired surrogate is U+FFFD, as in UTF-8
        // kinds that cannot compare never match a positive comparison
        Arguments.of("lang = 1", false),
        Arguments.of("lang != 1", true),
        Arguments.of("year = '2020'", false),
        Arguments.of("draft = false", true),
        Arguments.of("draft != false", false),
        Arguments.of("draft = 0", false),
        // lists: any element
        Arguments.of("tags = 'a'", true),
        Arguments.of("tags = 'c'", false),
        Arguments.of("tags != 'a'", false),
        Arguments.of("tags IN ('c', 'b')", true),
        Arguments.of("tags NOT IN ('c', 'b')", false),
        Arguments.of("tags > 'a'", true),
        Arguments.of("tags > 'b'", false),
        Arguments.of("mixed = 'x' AND mixed = true AND mixed = 1 AND mixed > 2", true),
        Arguments.of("mixed > 3", false),
        // an empty list is an absent field
        Arguments.of("empty EXISTS", false),
        Arguments.of("empty != 1", true),
        Arguments.of("lang EXISTS AND tags EXISTS", true),
        Arguments.of("lang = 'de' OR year = 2020", true),
        Arguments.of("NOT (lang = 'de' OR year = 2020)", false));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("cases")
  void matchesAsTheSemanticsSay(String filter, boolean expected) {
    assertEquals(expected, FilterEvaluator.matches(FilterParser.parse(filter), DOC));
  }

  @Test
  void minusZeroEqualsZero() {
    Map<String, Object> doc = Map.of("x", -0.0, "n", 0L);
    assertTrue(FilterEvaluator.matches(Filter.eq("x", 0.0), doc));
    assertTrue(FilterEvaluator.matches(Filter.eq("x", 0L), doc));
    assertTrue(FilterEvaluator.matches(Filter.eq("n", -0.0), doc));
    assertTrue(FilterEvaluator.matches(Filter.lt("x", Double.MIN_VALUE), doc));
  }

  @Test
  void stringOrderIsUtf8ByteOrder() {
    RandomFilters random = new RandomFilters(3, List.of("s"));
    for (int i = 0; i < 2_000; i++) {
      String a = (String) random.pick(RandomFilters.STRINGS);
      String b = (String) random.pick(RandomFilters.STRINGS);
      int bytes = Integer.signum(new BytesRef(a).compareTo(new BytesRef(b)));
      assertEquals(bytes, Integer.signum(ValueOrder.compareStrings(a, b)), a + " vs " + b);
    }
  }

  @Test
  void longDoubleComparisonIsExact() {
    long[] longs = {0, 1, -1, 1L << 53, (1L << 53) + 1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1};
    double[] doubles = {0.0, 0.5, -0.5, 0x1p53, 0x1p63, -0x1p63, Math.nextDown(0x1p63), 1e300, -1e300};
    for (long l : longs) {
      for (double d : doubles) {
        int expected = new java.math.BigDecimal(l).compareTo(new java.math.BigDecimal(d));
        assertEquals(expected, ValueOrder.compareLongDouble(l, d), l + " vs " + d);
      }
    }
  }
}
