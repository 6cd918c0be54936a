package dev.embedkit.langchain4j;

import dev.embedkit.store.filter.Filter;
import dev.langchain4j.store.embedding.filter.comparison.ContainsString;
import dev.langchain4j.store.embedding.filter.comparison.IsEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThan;
import dev.langchain4j.store.embedding.filter.comparison.IsGreaterThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsIn;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThan;
import dev.langchain4j.store.embedding.filter.comparison.IsLessThanOrEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotEqualTo;
import dev.langchain4j.store.embedding.filter.comparison.IsNotIn;
import dev.langchain4j.store.embedding.filter.logical.And;
import dev.langchain4j.store.embedding.filter.logical.Not;
import dev.langchain4j.store.embedding.filter.logical.Or;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Turns a LangChain4j metadata filter into an embedkit {@link Filter} tree, node for node (no query strings). The
 * semantics agree by design: numbers compare numerically (Integer against Long, Float against Double), strings
 * lexicographically, and NE, NOT IN and NOT also match documents that lack the key. UUID literals compare as their
 * string form, which is how the store keeps UUID values. {@link ContainsString} has no counterpart in the store's
 * filter language: it is refused with {@link UnsupportedOperationException}, as LangChain4j's suites expect of a store
 * that cannot do it, rather than matched loosely.
 */
final class FilterTranslator {
  static final String SUPPORTED = "isEqualTo, isNotEqualTo, isGreaterThan, isGreaterThanOrEqualTo, isLessThan,"
      + " isLessThanOrEqualTo, isIn, isNotIn, and, or, not";

  private FilterTranslator() {}

  /** The embedkit filter for a LangChain4j one; null for null (no filter). */
  static Filter translate(dev.langchain4j.store.embedding.filter.Filter filter) {
    if (filter == null) {
      return null;
    }
    if (filter instanceof IsEqualTo f) {
      return Filter.eq(f.key(), literal(f.key(), f.comparisonValue()));
    } else if (filter instanceof IsNotEqualTo f) {
      return Filter.ne(f.key(), literal(f.key(), f.comparisonValue()));
    } else if (filter instanceof IsGreaterThan f) {
      return Filter.gt(f.key(), literal(f.key(), f.comparisonValue()));
    } else if (filter instanceof IsGreaterThanOrEqualTo f) {
      return Filter.gte(f.key(), literal(f.key(), f.comparisonValue()));
    } else if (filter instanceof IsLessThan f) {
      return Filter.lt(f.key(), literal(f.key(), f.comparisonValue()));
    } else if (filter instanceof IsLessThanOrEqualTo f) {
      return Filter.lte(f.key(), literal(f.key(), f.comparisonValue()));
    } else if (filter instanceof IsIn f) {
      return new Filter.In(f.key(), literals(f.key(), f.comparisonValues()));
    } else if (filter instanceof IsNotIn f) {
      return Filter.not(new Filter.In(f.key(), literals(f.key(), f.comparisonValues())));
    } else if (filter instanceof And f) {
      return Filter.and(translate(f.left()), translate(f.right()));
    } else if (filter instanceof Or f) {
      return Filter.or(translate(f.left()), translate(f.right()));
    } else if (filter instanceof Not f) {
      return Filter.not(translate(f.expression()));
    } else if (filter instanceof ContainsString f) {
      throw new UnsupportedOperationException("containsString (key '" + f.key() + "') is not supported by"
          + " EmbedkitEmbeddingStore: embedkit collections match whole values; supported: " + SUPPORTED);
    }
    throw new UnsupportedOperationException("filter " + filter.getClass().getSimpleName() + " is not supported by"
        + " EmbedkitEmbeddingStore; supported: " + SUPPORTED);
  }

  private static Object literal(String key, Object value) {
    if (value == null) {
      throw new IllegalArgumentException("filter on key '" + key + "' compares with null; give a String, UUID,"
          + " Integer, Long, Float or Double");
    }
    return SegmentMetadata.literal(value);
  }

  private static List<Object> literals(String key, Collection<?> values) {
    List<Object> out = new ArrayList<>(values.size());
    for (Object value : values) {
      out.add(literal(key, value));
    }
    return out;
  }
}
