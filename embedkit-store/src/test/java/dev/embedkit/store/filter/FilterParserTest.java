package dev.embedkit.store.filter;

import static dev.embedkit.store.filter.Filter.and;
import static dev.embedkit.store.filter.Filter.eq;
import static dev.embedkit.store.filter.Filter.exists;
import static dev.embedkit.store.filter.Filter.gt;
import static dev.embedkit.store.filter.Filter.gte;
import static dev.embedkit.store.filter.Filter.in;
import static dev.embedkit.store.filter.Filter.lt;
import static dev.embedkit.store.filter.Filter.lte;
import static dev.embedkit.store.filter.Filter.ne;
import static dev.embedkit.store.filter.Filter.not;
import static dev.embedkit.store.filter.Filter.notIn;
import static dev.embedkit.store.filter.Filter.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterParserTest {
  private static final Filter A = eq("a", 1L);
  private static final Filter B = eq("b", 2L);
  private static final Filter C = eq("c", 3L);

  static Stream<Arguments> precedence() {
    return Stream.of(
        Arguments.of("NOT a = 1 AND b = 2", and(not(A), B)),
        Arguments.of("a = 1 AND NOT b = 2", and(A, not(B))),
        Arguments.of("a=1 OR b=2 AND c=3", or(A, and(B, C))),
        Arguments.of("a=1 AND b=2 OR c=3", or(and(A, B), C)),
        Arguments.of("NOT a = 1 OR b = 2", or(not(A), B)),
        Arguments.of("NOT (a = 1 OR b = 2)", not(or(A, B))),
        Arguments.of("(a = 1 OR b = 2) AND c = 3", and(or(A, B), C)),
        Arguments.of("a = 1 AND b = 2 AND c = 3", and(A, B, C)),
        Arguments.of("a = 1 OR b = 2 OR c = 3", or(A, B, C)),
        Arguments.of("a = 1 AND (b = 2 AND c = 3)", and(A, and(B, C))),
        Arguments.of("NOT NOT a = 1", not(not(A))),
        Arguments.of("NOT a IN (1) AND b = 2", and(not(in("a", 1L)), B)),
        Arguments.of("a NOT IN (1, 2) OR b = 2", or(notIn("a", 1L, 2L), B)),
        Arguments.of("a IS NULL AND b IS NOT NULL", and(not(exists("a")), exists("b"))),
        Arguments.of("not a = 1 and b = 2 or c = 3", or(and(not(A), B), C)),
        Arguments.of("((a = 1))", A));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("precedence")
  void notBindsTighterThanAndWhichBindsTighterThanOr(String text, Filter expected) {
    assertEquals(expected, FilterParser.parse(text));
  }

  static Stream<Arguments> predicates() {
    return Stream.of(
        Arguments.of("lang = 'en'", eq("lang", "en")),
        Arguments.of("lang == \"en\"", eq("lang", "en")),
        Arguments.of("lang != 'en'", ne("lang", "en")),
        Arguments.of("lang <> 'en'", ne("lang", "en")),
        Arguments.of("year < 2020", lt("year", 2020L)),
        Arguments.of("year<=2020", lte("year", 2020L)),
        Arguments.of("year > -7", gt("year", -7L)),
        Arguments.of("year >= +7", gte("year", 7L)),
        Arguments.of("x = 2.5", eq("x", 2.5)),
        Arguments.of("x = 1.0", eq("x", 1.0)),
        Arguments.of("x = 1e3", eq("x", 1000.0)),
        Arguments.of("x = 1.0E300", eq("x", 1.0E300)),
        Arguments.of("x = -9223372036854775808", eq("x", Long.MIN_VALUE)),
        Arguments.of("x = 1746714878034235397", eq("x", 1746714878034235397L)),
        Arguments.of("flag = TRUE", eq("flag", true)),
        Arguments.of("flag != false", ne("flag", false)),
        Arguments.of("s = 'it''s'", eq("s", "it's")),
        Arguments.of("s = \"say \\\"hi\\\" \\\\\"", eq("s", "say \"hi\" \\")),
        Arguments.of("s = ''", eq("s", "")),
        Arguments.of("`my field` = 1", eq("my field", 1L)),
        Arguments.of("`a``b` = 1", eq("a`b", 1L)),
        Arguments.of("`and` = 1", eq("and", 1L)),
        Arguments.of("meta.author-name_2 EXISTS", exists("meta.author-name_2")),
        Arguments.of("tags in ('a', 1, 2.5, true)", in("tags", "a", 1L, 2.5, true)),
        Arguments.of("tags Not In ('a')", notIn("tags", "a")),
        Arguments.of("x is null", not(exists("x"))),
        Arguments.of("x IS NOT NULL", exists("x")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("predicates")
  void predicatesParseToTheirTree(String text, Filter expected) {
    assertEquals(expected, FilterParser.parse(text));
  }

  @Test
  void factoriesWithIntsEqualParsedLongs() {
    assertEquals(FilterParser.parse("year = 2020"), eq("year", 2020));
    assertEquals(FilterParser.parse("x = 0.5"), eq("x", 0.5f));
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("lang = ", 8, "expected a value (a string in quotes, a number, true or false) after '=',"
            + " found end of input"),
        Arguments.of("year >= ", 9, "after '>=', found end of input"),
        Arguments.of("lang = 'en", 8, "unterminated string: expected a closing '"),
        Arguments.of("lang = \"en", 8, "unterminated string: expected a closing \""),
        Arguments.of("(a = 1 OR b = 2", 16, "expected AND, OR or ')' to close the '(' at column 1, found end of input"),
        Arguments.of("a IN ()", 7, "an IN list needs at least one value"),
        Arguments.of("a IN 1", 6, "expected '(' after IN, found '1'"),
        Arguments.of("a IN (1 2)", 9, "expected ',' or ')' in the IN list, found '2'"),
        Arguments.of("a = 1 b = 2", 7, "expected AND, OR or end of input, found 'b'"),
        Arguments.of("a = 1)", 6, "expected AND, OR or end of input, found ')'"),
        Arguments.of("x = 99999999999999999999", 5, "integer 99999999999999999999 is outside the 64-bit range"),
        Arguments.of("x = 1e400", 5, "beyond the range of a double"),
        Arguments.of("lang = en", 8, "strings go in quotes: 'en'"),
        Arguments.of("lang 'en'", 6, "expected an operator (=, ==, !=, <>, <, <=, >, >=, IN, NOT IN, EXISTS, IS NULL"
            + " or IS NOT NULL) after field 'lang', found ''en''"),
        Arguments.of("= 1", 1, "expected a field name, '(' or NOT, found '='"),
        Arguments.of("a = 1 AND", 10, "expected a field name, '(' or NOT, found end of input"),
        Arguments.of("and = 1", 1, "a field named like a keyword is backquoted: `and`"),
        Arguments.of("flag < true", 8, "'<' does not apply to true/false; booleans compare with = and != only"),
        Arguments.of("a ! 1", 3, "found '!'"),
        Arguments.of("a = 1 # 2", 7, "found '#'"),
        Arguments.of("x IS 1", 6, "expected NULL or NOT NULL after IS"),
        Arguments.of("x NOT = 1", 7, "expected IN after NOT"),
        Arguments.of("`` = 1", 1, "empty field name"),
        Arguments.of("`open = 1", 1, "unterminated field name"),
        Arguments.of("s = \"a\\nb\"", 7, "unknown escape"),
        Arguments.of("x = 1.5abc", 5, "malformed number"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void syntaxErrorsGiveColumnAndWhatWasExpected(String text, int column, String message) {
    FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> FilterParser.parse(text));
    assertEquals(column, e.column(), e.getMessage());
    assertTrue(e.getMessage().startsWith("invalid filter at column " + column + ": "), e.getMessage());
    assertTrue(e.getMessage().contains(message), e.getMessage());
    assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
  }

  @Test
  void pointerShowsTheInputWithACaretUnderTheColumn() {
    FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("year >= "));
    assertEquals("invalid filter at column 9: expected a value (a string in quotes, a number, true or false)"
        + " after '>=', found end of input", e.getMessage());
    assertEquals("year >= \n        ^", e.pointer());
    e = assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("a = 1 AND\tb ="));
    assertEquals("a = 1 AND b =\n             ^", e.pointer());
  }

  @Test
  void pointerShowsAWindowOfALongInput() {
    String text = "a = 1 AND ".repeat(50) + "b = ";
    FilterSyntaxException e = assertThrows(FilterSyntaxException.class, () -> FilterParser.parse(text));
    String[] lines = e.pointer().split("\n");
    assertEquals(2, lines.length);
    assertTrue(lines[0].length() < 100, lines[0]);
    assertEquals(text.length() + 1, e.column());
    assertEquals(lines[1].length() - 1, lines[1].indexOf('^'));
    assertTrue(lines[0].startsWith("..."), lines[0]);
  }

  @Test
  void emptyAndBlankFiltersAreRefused() {
    for (String text : new String[] {"", "   ", "\n\t", null}) {
      EmbedkitException e = assertThrows(EmbedkitException.class, () -> FilterParser.parse(text));
      assertEquals("an empty filter matches everything: leave the filter out instead", e.getMessage());
      assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    }
  }

  @Test
  void deepNestingFailsCleanlyInsteadOfOverflowingTheStack() {
    FilterSyntaxException e = assertThrows(FilterSyntaxException.class,
        () -> FilterParser.parse("(".repeat(30_000) + "a = 1" + ")".repeat(30_000)));
    assertEquals(FilterParser.MAX_DEPTH + 1, e.column());
    assertTrue(e.getMessage().contains("nests deeper than 64"), e.getMessage());
    assertThrows(FilterSyntaxException.class, () -> FilterParser.parse("NOT ".repeat(10_000) + "a = 1"));
    EmbedkitException tooLong = assertThrows(EmbedkitException.class, () -> FilterParser.parse("(".repeat(100_000)));
    assertTrue(tooLong.getMessage().contains("the limit is 65536"), tooLong.getMessage());
    String ok = "(".repeat(FilterParser.MAX_DEPTH) + "a = 1" + ")".repeat(FilterParser.MAX_DEPTH);
    assertEquals(A, FilterParser.parse(ok));
  }

  @Test
  void overlongInputIsRefused() {
    String text = "a IN (" + "1, ".repeat(30_000) + "1)";
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> FilterParser.parse(text));
    assertTrue(e.getMessage().contains("the limit is 65536"), e.getMessage());
    String fits = "a IN (" + "1, ".repeat(20_000) + "1)";
    assertEquals(20_001, ((Filter.In) FilterParser.parse(fits)).values().size());
  }

  @Test
  void recordsRefuseTreesTheLanguageCannotExpress() {
    assertThrows(EmbedkitException.class, () -> and(A));
    assertThrows(EmbedkitException.class, () -> or());
    assertThrows(EmbedkitException.class, () -> in("a"));
    assertThrows(EmbedkitException.class, () -> eq("", 1));
    assertThrows(EmbedkitException.class, () -> eq("x", Double.NaN));
    assertThrows(EmbedkitException.class, () -> eq("x", Double.POSITIVE_INFINITY));
    assertThrows(EmbedkitException.class, () -> eq("x", new java.math.BigDecimal("1")));
    assertThrows(EmbedkitException.class, () -> lt("x", true));
    assertInstanceOf(Long.class, ((Filter.Compare) eq("x", (short) 3)).value());
  }
}
