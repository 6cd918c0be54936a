package dev.embedkit.store.filter;

import static dev.embedkit.store.filter.Filter.and;
import static dev.embedkit.store.filter.Filter.eq;
import static dev.embedkit.store.filter.Filter.exists;
import static dev.embedkit.store.filter.Filter.in;
import static dev.embedkit.store.filter.Filter.not;
import static dev.embedkit.store.filter.Filter.notIn;
import static dev.embedkit.store.filter.Filter.or;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterPrinterTest {
  private static final List<String> FIELDS = List.of("a", "b.c", "x-y", "my field", "and", "NULL", "t`ick", "_u",
      "9lives", "é", "(", "'q'");

  @Test
  void printsTheCanonicalForm() {
    assertEquals("lang = 'it''s' AND n NOT IN (1, 2.5)", FilterPrinter.print(and(eq("lang", "it's"),
        notIn("n", 1L, 2.5))));
    assertEquals("a = 1 OR b = 2 AND c = 3", FilterPrinter.print(or(eq("a", 1), and(eq("b", 2), eq("c", 3)))));
    assertEquals("(a = 1 OR b = 2) AND c = 3", FilterPrinter.print(and(or(eq("a", 1), eq("b", 2)), eq("c", 3))));
    assertEquals("a = 1 AND (b = 2 AND c = 3)", FilterPrinter.print(and(eq("a", 1), and(eq("b", 2), eq("c", 3)))));
    assertEquals("NOT (a = 1 OR b = 2)", FilterPrinter.print(not(or(eq("a", 1), eq("b", 2)))));
    assertEquals("NOT a = 1 AND b = 2", FilterPrinter.print(and(not(eq("a", 1)), eq("b", 2))));
    assertEquals("`my field` IS NULL OR `and` EXISTS", FilterPrinter.print(or(not(exists("my field")),
        exists("and"))));
    assertEquals("`a``b` IN ('x', true, 2.0, 1.0E300, -9223372036854775808)",
        FilterPrinter.print(in("a`b", "x", true, 2.0, 1.0E300, Long.MIN_VALUE)));
  }

  @Test
  void printedFiltersParseBackToEqualTrees() {
    RandomFilters random = new RandomFilters(42, FIELDS);
    for (int i = 0; i < 5_000; i++) {
      Filter filter = random.filter(1 + i % 5);
      String text = FilterPrinter.print(filter);
      assertEquals(filter, FilterParser.parse(text), text);
      assertEquals(text, FilterPrinter.print(FilterParser.parse(text)));
    }
  }

  @Test
  void doublesStayDoublesAndLongsStayLongs() {
    for (Object value : List.of(2.0, -0.0, 1.0E300, Double.MIN_VALUE, -Double.MAX_VALUE, 0.1, 1L << 53,
        Long.MAX_VALUE, (1L << 53) + 1)) {
      Filter filter = eq("x", value);
      Filter back = FilterParser.parse(FilterPrinter.print(filter));
      assertEquals(value, ((Filter.Compare) back).value(), FilterPrinter.print(filter));
    }
  }
}
