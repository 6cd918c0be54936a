package dev.embedkit.store.filter;

import java.util.List;
import java.util.Map;

/**
 * The reference semantics of {@link Filter}, in memory: every backend must match exactly the documents this does (a
 * differential test holds the Lucene translation to it).
 *
 * <pre>{@code
 * FilterEvaluator.matches(FilterParser.parse("lang != 'en'"), Map.of("year", 2020L)); // true: lang is absent
 * }</pre>
 */
public final class FilterEvaluator {
  private FilterEvaluator() {}

  /**
   * Whether the filter matches a document with this metadata, normalised as {@link dev.embedkit.store.Metadata}
   * does (String, Long, Double, Boolean or lists of them; an absent field and an empty list are the same).
   */
  public static boolean matches(Filter filter, Map<String, Object> metadata) {
    if (filter instanceof Filter.And and) {
      return and.operands().stream().allMatch(operand -> matches(operand, metadata));
    } else if (filter instanceof Filter.Or or) {
      return or.operands().stream().anyMatch(operand -> matches(operand, metadata));
    } else if (filter instanceof Filter.Not not) {
      return !matches(not.operand(), metadata);
    } else if (filter instanceof Filter.Exists exists) {
      return !values(metadata, exists.field()).isEmpty();
    } else if (filter instanceof Filter.In in) {
      List<Object> values = values(metadata, in.field());
      return in.values().stream().anyMatch(literal -> any(values, Filter.Op.EQ, literal));
    }
    Filter.Compare compare = (Filter.Compare) filter;
    List<Object> values = values(metadata, compare.field());
    if (compare.op() == Filter.Op.NE) {
      return !any(values, Filter.Op.EQ, compare.value());
    }
    return any(values, compare.op(), compare.value());
  }

  /** Whether any value of a comparable kind stands in relation {@code op} (not NE) to the literal. */
  private static boolean any(List<Object> values, Filter.Op op, Object literal) {
    for (Object value : values) {
      if (ValueOrder.comparable(value, literal) && holds(op, ValueOrder.compare(value, literal))) {
        return true;
      }
    }
    return false;
  }

  private static boolean holds(Filter.Op op, int order) {
    return switch (op) {
      case EQ -> order == 0;
      case NE -> order != 0;
      case LT -> order < 0;
      case LTE -> order <= 0;
      case GT -> order > 0;
      case GTE -> order >= 0;
    };
  }

  @SuppressWarnings("unchecked")
  private static List<Object> values(Map<String, Object> metadata, String field) {
    Object value = metadata.get(field);
    if (value == null) {
      return List.of();
    }
    return value instanceof List<?> list ? (List<Object>) list : List.of(value);
  }
}
