package dev.embedkit.store.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.store.filter.FieldKinds.Kind;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FilterValidatorTest {
  private static FieldKinds kinds() {
    FieldKinds kinds = new FieldKinds();
    kinds.observe(Map.of("lang", "en", "year", 2020L, "flag", true, "tags", List.of("a", "b")));
    kinds.observe(Map.of("year", 2.5, "mixed", List.of("x", 1L), "empty", List.of()));
    return kinds;
  }

  private static String error(String filter, FieldKinds kinds) {
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> FilterValidator.check(FilterParser.parse(filter), kinds));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    return e.getMessage();
  }

  @Test
  void unknownFieldsAreNamedWithTheKnownOnes() {
    assertEquals("unknown field 'lng' in filter; known fields: empty, flag, lang, mixed, tags, year",
        error("year > 2000 AND lng = 'en'", kinds()));
    assertEquals("unknown field 'lang' in filter; no field is known yet (no document with metadata has been added)",
        error("lang = 'en'", new FieldKinds()));
    assertEquals("unknown field 'nope' in filter; known fields: empty, flag, lang, mixed, tags, year",
        error("NOT nope EXISTS", kinds()));
  }

  @Test
  void literalsThatNeverCompareWithTheFieldAreRefused() {
    assertEquals("filter compares field 'year', which holds long and double values, with the string 'abc';"
        + " they never compare: use a number instead", error("year < 'abc'", kinds()));
    assertEquals("filter compares field 'lang', which holds string values, with the number 5;"
        + " they never compare: use a string instead", error("lang = 5", kinds()));
    assertEquals("filter compares field 'flag', which holds boolean values, with the string 'true';"
        + " they never compare: use a boolean instead", error("flag = 'true'", kinds()));
    assertEquals("filter compares field 'tags', which holds string values, with the boolean true;"
        + " they never compare: use a string instead", error("tags IN ('a', true)", kinds()));
    assertEquals("filter compares field 'empty', which holds only empty lists, with the number 1;"
        + " they never compare: use a field with values instead", error("empty = 1", kinds()));
  }

  @Test
  void compatibleFiltersPass() {
    for (String filter : List.of("year = 2.5", "year > 3", "lang >= 'a'", "flag != false", "mixed = 'x'",
        "mixed < 2.0", "empty EXISTS", "tags NOT IN ('a', 'c')", "NOT (lang = 'en' OR year IS NULL)")) {
      FilterValidator.check(FilterParser.parse(filter), kinds());
    }
  }

  @Test
  void fieldKindsRoundTripThroughJson() {
    FieldKinds kinds = kinds();
    assertEquals("{\"empty\":[],\"flag\":[\"boolean\"],\"lang\":[\"string\"],\"mixed\":[\"string\",\"long\"],"
        + "\"tags\":[\"string\"],\"year\":[\"long\",\"double\"]}", kinds.toJson());
    FieldKinds back = FieldKinds.fromJson(kinds.toJson());
    assertEquals(kinds.names(), back.names());
    for (String name : kinds.names()) {
      assertEquals(kinds.kinds(name), back.kinds(name), name);
    }
    assertEquals(EnumSet.of(Kind.LONG, Kind.DOUBLE), back.kinds("year"));
    assertEquals(Set.of(), back.kinds("unknown"));
    assertThrows(EmbedkitException.class, () -> FieldKinds.fromJson("{\"a\":[\"date\"]}"));
    assertThrows(EmbedkitException.class, () -> FieldKinds.fromJson("[1]"));
    assertThrows(EmbedkitException.class, () -> FieldKinds.fromJson("{"));
  }

  @Test
  void observeIsThreadSafe() {
    FieldKinds kinds = new FieldKinds();
    IntStream.range(0, 20_000).parallel().forEach(i -> kinds.observe(Map.of("f" + (i % 7),
        i % 4 == 0 ? (Object) "s" : i % 4 == 1 ? (Object) (long) i : i % 4 == 2 ? (Object) 0.5 : (Object) true)));
    assertEquals(7, kinds.names().size());
    for (String name : kinds.names()) {
      assertEquals(EnumSet.allOf(Kind.class), kinds.kinds(name), name);
    }
  }
}
