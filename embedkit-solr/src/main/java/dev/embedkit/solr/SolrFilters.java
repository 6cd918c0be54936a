package dev.embedkit.solr;

import dev.embedkit.store.filter.FieldKinds;
import dev.embedkit.store.filter.FieldKinds.Kind;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.filter.FilterValidator;
import dev.embedkit.store.filter.NumericBounds;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a filter into a Solr filter query ({@code fq}, the kNN pre-filter) over the fields {@link SolrFields}
 * indexes, matching exactly the documents {@code FilterEvaluator} does, as {@code LuceneFilters} does for the
 * embedded store:
 * <ul>
 *   <li>a number queries both the long field and the double field, with bounds converted exactly ({@code > 2.5} is
 *       {@code >= 3} on longs, {@code = 2.5} matches no long, 2<sup>53</sup>+1 stays exact on longs);</li>
 *   <li>NOT is {@code (*:* -x)}, so documents lacking the field match; NE is NOT EQ;</li>
 *   <li>field names are encoded ({@link SolrFields#encode}) and every value, string or number, goes through
 *       {@link #quote}, the one escaping function: a quoted term in which only '\' and '"' are escaped, so quotes,
 *       colons, '*', backslashes and words like OR are matched literally.</li>
 * </ul>
 *
 * <pre>{@code
 * String fq = SolrFilters.toQuery(FilterParser.parse("lang = 'en' AND year >= 2020"), kinds);
 * // (m_lang_ss:"en" AND ((m_year_ls:["2020" TO *]) OR (m_year_ds:["2020.0" TO *])))
 * }</pre>
 */
final class SolrFilters {
  /** Matches no document (a range query that is empty). */
  static final String NOTHING = "(*:* -*:*)";

  private SolrFilters() {}

  /** Validates the filter against the collection's field kinds, then translates it. */
  static String toQuery(Filter filter, FieldKinds kinds) {
    FilterValidator.check(filter, kinds);
    return translate(filter);
  }

  /**
   * The one escaping function: a value as a quoted query term, {@code "..."} with '\' and '"' escaped. Inside quotes
   * the standard query parser reads nothing else as syntax, and on string, number and boolean fields a quoted term is
   * one exact term (it is not analysed: those fields have no analyzer), in term and range queries alike.
   */
  static String quote(String value) {
    StringBuilder out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '"') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  static String translate(Filter filter) {
    if (filter instanceof Filter.And and) {
      return join(and.operands().stream().map(SolrFilters::translate).toList(), " AND ");
    } else if (filter instanceof Filter.Or or) {
      return or(or.operands().stream().map(SolrFilters::translate).toList());
    } else if (filter instanceof Filter.Not not) {
      return not(translate(not.operand()));
    } else if (filter instanceof Filter.Exists exists) {
      return SolrFields.KEYS + ":" + quote(exists.field());
    } else if (filter instanceof Filter.In in) {
      List<String> any = new ArrayList<>();
      for (Object value : in.values()) {
        any.add(compare(in.field(), Filter.Op.EQ, value));
      }
      return or(any);
    }
    Filter.Compare compare = (Filter.Compare) filter;
    if (compare.op() == Filter.Op.NE) {
      return not(compare(compare.field(), Filter.Op.EQ, compare.value()));
    }
    return compare(compare.field(), compare.op(), compare.value());
  }

  private static String compare(String field, Filter.Op op, Object value) {
    if (value instanceof String s) {
      String name = SolrFields.field(field, Kind.STRING);
      if (s.isEmpty()) {
        // the query parser reads an empty range bound as an open one: the four orders against "" spelled out
        return switch (op) {
          case EQ -> name + ":" + quote(s);
          case LT -> NOTHING;
          case LTE -> name + ":" + quote(s);
          case GT -> "(" + name + ":[* TO *] -" + name + ":" + quote(s) + ")";
          case GTE -> name + ":[* TO *]";
          case NE -> throw new AssertionError("NE is NOT EQ");
        };
      }
      return switch (op) {
        case EQ -> name + ":" + quote(s);
        case LT -> name + ":[* TO " + quote(s) + "}";
        case LTE -> name + ":[* TO " + quote(s) + "]";
        case GT -> name + ":{" + quote(s) + " TO *]";
        case GTE -> name + ":[" + quote(s) + " TO *]";
        case NE -> throw new AssertionError("NE is NOT EQ");
      };
    }
    if (value instanceof Boolean b) {
      return SolrFields.field(field, Kind.BOOLEAN) + ":" + quote(b.toString()); // only EQ: the records refuse ordering
    }
    if (value instanceof Long l) {
      return or(List.of(longRange(field, NumericBounds.longBounds(op, l)),
          doubleRange(field, NumericBounds.doubleBounds(op, l))));
    }
    double d = (Double) value;
    return or(List.of(longRange(field, NumericBounds.longBounds(op, d)),
        doubleRange(field, NumericBounds.doubleBounds(op, d))));
  }

  private static String longRange(String field, long[] bounds) {
    if (bounds == null || bounds[0] > bounds[1]) {
      return NOTHING;
    }
    return SolrFields.field(field, Kind.LONG) + ":[" + bound(bounds[0], Long.MIN_VALUE) + " TO "
        + bound(bounds[1], Long.MAX_VALUE) + "]";
  }

  private static String bound(long value, long open) {
    return value == open ? "*" : quote(Long.toString(value));
  }

  private static String doubleRange(String field, double[] bounds) {
    if (bounds == null) {
      return NOTHING;
    }
    double lower = bounds[0] + 0.0; // -0.0 becomes 0.0, as it is indexed
    double upper = bounds[1] + 0.0;
    if (lower > upper) {
      return NOTHING;
    }
    return SolrFields.field(field, Kind.DOUBLE) + ":[" + bound(lower) + " TO " + bound(upper) + "]";
  }

  private static String bound(double value) {
    return Double.isInfinite(value) ? "*" : quote(Double.toString(value));
  }

  private static String not(String query) {
    return "(*:* -" + query + ")";
  }

  private static String or(List<String> queries) {
    List<String> useful = queries.stream().filter(q -> !q.equals(NOTHING)).toList();
    if (useful.isEmpty()) {
      return NOTHING;
    }
    return useful.size() == 1 ? useful.get(0) : join(useful, " OR ");
  }

  private static String join(List<String> queries, String operator) {
    return "(" + String.join(operator, queries) + ")";
  }
}
