package dev.embedkit.store.filter;

import static dev.embedkit.store.filter.Filter.and;
import static dev.embedkit.store.filter.Filter.eq;
import static dev.embedkit.store.filter.Filter.exists;
import static dev.embedkit.store.filter.Filter.gte;
import static dev.embedkit.store.filter.Filter.in;
import static dev.embedkit.store.filter.Filter.not;
import static dev.embedkit.store.filter.Filter.notIn;
import static dev.embedkit.store.filter.Filter.or;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FilterJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text.replace('\'', '"'));
  }

  @Test
  void readsTheDocumentedShape() throws Exception {
    Filter filter = FilterJson.parse(json("{'and': [{'field': 'lang', 'op': 'eq', 'value': 'en'},"
        + " {'not': {'field': 'tags', 'op': 'in', 'values': ['draft', 'old']}},"
        + " {'or': [{'field': 'year', 'op': 'gte', 'value': 2020}, {'field': 'pinned', 'op': 'exists'}]},"
        + " {'field': 'x', 'op': 'not_in', 'values': [1.0, true]}]}"));
    assertEquals(and(eq("lang", "en"), not(in("tags", "draft", "old")), or(gte("year", 2020L), exists("pinned")),
        notIn("x", 1.0, true)), filter);
  }

  @Test
  void jsonIntegersAreLongsAndDecimalsStayDoubles() throws Exception {
    assertEquals(eq("x", 1L), FilterJson.parse(json("{'field': 'x', 'op': 'eq', 'value': 1}")));
    assertEquals(eq("x", 1.0), FilterJson.parse(json("{'field': 'x', 'op': 'eq', 'value': 1.0}")));
    assertEquals(eq("x", 1746714878034235397L),
        FilterJson.parse(json("{'field': 'x', 'op': 'eq', 'value': 1746714878034235397}")));
  }

  @Test
  void anAndOfOneFilterIsThatFilter() throws Exception {
    assertEquals(exists("a"), FilterJson.parse(json("{'and': [{'field': 'a', 'op': 'exists'}]}")));
  }

  @Test
  void randomTreesRoundTripThroughJsonText() throws Exception {
    RandomFilters random = new RandomFilters(7, List.of("a", "b", "my field", "`"));
    for (int i = 0; i < 2_000; i++) {
      Filter filter = random.filter(1 + i % 5);
      String text = MAPPER.writeValueAsString(FilterJson.toJson(filter));
      assertEquals(filter, FilterJson.parse(MAPPER.readTree(text)), text);
    }
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        Arguments.of("{'and': [{'field': 'a', 'op': 'exists'}, {'field': 'b', 'op': 'eq', 'value': {}}]}",
            "filter.and[1].value: expected a string, number or boolean, found an object"),
        Arguments.of("{'and': []}", "filter.and: expected a non-empty list of filters, found an empty list"),
        Arguments.of("{'or': {}}", "filter.or: expected a non-empty list of filters, found an object"),
        Arguments.of("{'field': 'a', 'op': 'in', 'values': []}",
            "filter.values: expected a non-empty list of strings, numbers or booleans, found an empty list"),
        Arguments.of("{'field': 'a', 'op': 'eq', 'value': 1, 'extra': 2}",
            "filter.extra: unknown key; this filter accepts only field, op, value"),
        Arguments.of("{'and': [{'field': 'a', 'op': 'exists'}], 'or': []}",
            "filter.or: unknown key; this filter accepts only and"),
        Arguments.of("{'field': 'a', 'op': 'like', 'value': 1}",
            "filter.op: unknown op 'like'; valid ops are: eq, ne, lt, lte, gt, gte, in, not_in, exists"),
        Arguments.of("{'field': 'a', 'op': 'eq', 'value': 99999999999999999999}",
            "filter.value: integer 99999999999999999999 is outside the 64-bit range"),
        Arguments.of("{'field': 'a', 'op': 'eq', 'value': 1e400}", "filter.value: number"),
        Arguments.of("{'field': 'a', 'op': 'eq', 'value': null}",
            "filter.value: expected a string, number or boolean, found null"),
        Arguments.of("{'field': 'a', 'op': 'eq'}", "filter.value: expected a string, number or boolean, found nothing"),
        Arguments.of("{'field': '', 'op': 'exists'}", "filter.field: expected a non-empty string, found a string"),
        Arguments.of("{'op': 'exists'}", "filter: expected one of the keys and, or, not, field; found op"),
        Arguments.of("{'not': [1]}", "filter.not: expected a filter object"),
        Arguments.of("{'field': 'a', 'op': 'lt', 'value': true}", "filter.op: '<' does not apply to true/false"),
        Arguments.of("{'field': 'a', 'op': 'in', 'values': [1, [2]]}",
            "filter.values[1]: expected a string, number or boolean, found a list"),
        Arguments.of("[]", "filter: expected a filter object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("errors")
  void errorsNameTheJsonPath(String text, String message) throws Exception {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> FilterJson.parse(json(text)));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    if (!e.getMessage().startsWith(message)) {
      assertEquals(message, e.getMessage());
    }
  }
}
