package dev.embedkit.store.filter;

import dev.embedkit.EmbedkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The filter literal rules, in one place: which values a filter may hold, how they are normalised and described. */
final class Literals {
  private Literals() {}

  /** A literal as String, Long, Double (finite) or Boolean; Integer, Short, Byte become Long and Float Double. */
  static Object of(Object value) {
    Objects.requireNonNull(value, "value");
    if (value instanceof String || value instanceof Long || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw EmbedkitException.invalidInput("a filter value is " + d + "; only finite numbers are accepted");
      }
      return d;
    }
    throw EmbedkitException.invalidInput("a filter value is a " + value.getClass().getSimpleName()
        + "; accepted: string, long, double, boolean");
  }

  static List<Object> values(List<?> values) {
    if (values.isEmpty()) {
      throw EmbedkitException.invalidInput("an IN list needs at least one value");
    }
    List<Object> result = new ArrayList<>(values.size());
    for (Object value : values) {
      result.add(of(value));
    }
    return List.copyOf(result);
  }

  static List<Filter> operands(String name, List<Filter> operands) {
    List<Filter> copy = List.copyOf(operands);
    if (copy.size() < 2) {
      throw EmbedkitException.invalidInput(name + " needs at least two operands, got " + copy.size()
          + "; use the single operand itself");
    }
    return copy;
  }

  static void checkField(String field) {
    Objects.requireNonNull(field, "field");
    if (field.isEmpty()) {
      throw EmbedkitException.invalidInput("a filter names an empty field; field names are non-empty");
    }
  }

  static EmbedkitException booleanOrdering(Filter.Op op) {
    return EmbedkitException.invalidInput("'" + op.symbol() + "' does not apply to true/false;"
        + " booleans compare with = and != only");
  }

  /** How an error message shows a literal: strings quoted, numbers and booleans as written. */
  static String describe(Object value) {
    if (value instanceof String s) {
      return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    }
    return String.valueOf(value);
  }
}
