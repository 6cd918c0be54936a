package dev.embedkit.store.filter;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.filter.FieldKinds.Kind;
import java.util.Set;
import java.util.SortedSet;
import java.util.stream.Collectors;

/**
 * Checks a filter against what a collection holds before it runs, so that a typo or a type mix-up fails instead of
 * silently matching nothing: every field must have been seen, and every literal must be able to compare with a kind
 * the field has held (a string with strings; a long or double with longs or doubles; a boolean with booleans).
 */
public final class FilterValidator {
  /** How many known field names an error lists. */
  private static final int MAX_NAMES_SHOWN = 50;

  private FilterValidator() {}

  /** Throws an INVALID_INPUT {@link EmbedkitException} that names the first problem found. */
  public static void check(Filter filter, FieldKinds kinds) {
    if (filter instanceof Filter.And and) {
      and.operands().forEach(operand -> check(operand, kinds));
    } else if (filter instanceof Filter.Or or) {
      or.operands().forEach(operand -> check(operand, kinds));
    } else if (filter instanceof Filter.Not not) {
      check(not.operand(), kinds);
    } else if (filter instanceof Filter.Exists exists) {
      known(exists.field(), kinds);
    } else if (filter instanceof Filter.In in) {
      known(in.field(), kinds);
      in.values().forEach(value -> comparable(in.field(), value, kinds));
    } else {
      Filter.Compare compare = (Filter.Compare) filter;
      known(compare.field(), kinds);
      comparable(compare.field(), compare.value(), kinds);
    }
  }

  private static void known(String field, FieldKinds kinds) {
    if (kinds.knows(field)) {
      return;
    }
    SortedSet<String> names = kinds.names();
    if (names.isEmpty()) {
      throw EmbedkitException.invalidInput("unknown field '" + field + "' in filter; no field is known yet"
          + " (no document with metadata has been added)");
    }
    String shown = names.stream().limit(MAX_NAMES_SHOWN).collect(Collectors.joining(", "))
        + (names.size() > MAX_NAMES_SHOWN ? ", ... (" + names.size() + " in all)" : "");
    throw EmbedkitException.invalidInput("unknown field '" + field + "' in filter; known fields: " + shown);
  }

  private static void comparable(String field, Object literal, FieldKinds kinds) {
    Kind kind = Kind.of(literal);
    Set<Kind> seen = kinds.kinds(field);
    boolean ok = seen.contains(kind) || kind.isNumber() && (seen.contains(Kind.LONG) || seen.contains(Kind.DOUBLE));
    if (ok) {
      return;
    }
    String held = seen.isEmpty() ? "only empty lists"
        : seen.stream().map(Kind::label).collect(Collectors.joining(" and ")) + " values";
    throw EmbedkitException.invalidInput("filter compares field '" + field + "', which holds " + held + ", with "
        + (kind.isNumber() ? "the number " : "the " + kind.label() + " ") + Literals.describe(literal)
        + "; they never compare: use a " + (seen.isEmpty() ? "field with values" : accepted(seen)) + " instead");
  }

  private static String accepted(Set<Kind> seen) {
    return seen.stream().map(kind -> kind.isNumber() ? "number" : kind.label()).distinct()
        .collect(Collectors.joining(" or "));
  }
}
