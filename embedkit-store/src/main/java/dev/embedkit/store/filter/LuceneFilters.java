package dev.embedkit.store.filter;

import static dev.embedkit.store.filter.MetadataFields.BOOLEAN_PREFIX;
import static dev.embedkit.store.filter.MetadataFields.DOUBLE_PREFIX;
import static dev.embedkit.store.filter.MetadataFields.KEYS;
import static dev.embedkit.store.filter.MetadataFields.LONG_PREFIX;
import static dev.embedkit.store.filter.MetadataFields.STRING_PREFIX;

import dev.embedkit.EmbedkitException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.DoublePoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Turns a filter into a Lucene query over the fields {@link MetadataFields} indexes, built from query objects (no
 * query strings, so no escaping). It matches exactly the documents {@link FilterEvaluator} does:
 * <ul>
 *   <li>a number queries both the long field and the double field, each with bounds converted exactly ({@code > 2.5}
 *       is {@code >= 3} on longs, {@code = 2.5} matches no long, 2<sup>53</sup>+1 stays exact on longs);</li>
 *   <li>NOT is {@code MatchAll AND NOT x}, so documents lacking the field match; NE is NOT EQ;</li>
 *   <li>IN lists become one set query per kind (TermInSetQuery, LongPoint/DoublePoint set queries), so long lists do
 *       not run into Lucene's clause limit.</li>
 * </ul>
 *
 * <pre>{@code
 * Query query = LuceneFilters.toQuery(FilterParser.parse("lang = 'en' AND year >= 2020"), collectionKinds);
 * }</pre>
 */
public final class LuceneFilters {
  private static final double TWO_POW_63 = ValueOrder.TWO_POW_63;

  private LuceneFilters() {}

  /**
   * Validates the filter against the collection's field kinds ({@link FilterValidator}), then translates it; a filter
   * past Lucene's clause limit is refused as {@link #tooManyConditions()}.
   */
  public static Query toQuery(Filter filter, FieldKinds kinds) {
    FilterValidator.check(filter, kinds);
    try {
      return translate(filter);
    } catch (IndexSearcher.TooManyClauses e) {
      throw tooManyConditions();
    }
  }

  /**
   * The error for a filter that expands past Lucene's clause limit ({@link IndexSearcher#getMaxClauseCount()}, in
   * one boolean query or in all of them together): invalid input, so each API answers 400 in its own shape.
   */
  public static EmbedkitException tooManyConditions() {
    int max = IndexSearcher.getMaxClauseCount();
    return EmbedkitException.invalidInput("the filter expands to more than " + max + " conditions; accepted: at most "
        + max + "; give fewer conditions, or put equalities on one field into one IN list (Qdrant's match any), which"
        + " counts as one");
  }

  static Query translate(Filter filter) {
    if (filter instanceof Filter.And and) {
      BooleanQuery.Builder builder = new BooleanQuery.Builder();
      and.operands().forEach(operand -> builder.add(translate(operand), Occur.FILTER));
      return builder.build();
    } else if (filter instanceof Filter.Or or) {
      return or(or.operands().stream().map(LuceneFilters::translate).toList());
    } else if (filter instanceof Filter.Not not) {
      return not(translate(not.operand()));
    } else if (filter instanceof Filter.Exists exists) {
      return new TermQuery(new Term(KEYS, exists.field()));
    } else if (filter instanceof Filter.In in) {
      return in(in);
    }
    Filter.Compare compare = (Filter.Compare) filter;
    if (compare.op() == Filter.Op.NE) {
      return not(compare(compare.field(), Filter.Op.EQ, compare.value()));
    }
    return compare(compare.field(), compare.op(), compare.value());
  }

  private static Query compare(String field, Filter.Op op, Object value) {
    if (value instanceof String s) {
      String name = STRING_PREFIX + field;
      return switch (op) {
        case EQ -> new TermQuery(new Term(name, s));
        case LT -> TermRangeQuery.newStringRange(name, null, s, true, false);
        case LTE -> TermRangeQuery.newStringRange(name, null, s, true, true);
        case GT -> TermRangeQuery.newStringRange(name, s, null, false, true);
        case GTE -> TermRangeQuery.newStringRange(name, s, null, true, true);
        case NE -> throw new AssertionError("NE is NOT EQ");
      };
    }
    if (value instanceof Boolean b) {
      return new TermQuery(new Term(BOOLEAN_PREFIX + field, b.toString())); // only EQ: the records refuse ordering
    }
    if (value instanceof Long l) {
      return or(List.of(longRange(field, NumericBounds.longBounds(op, l)),
          doubleRange(field, NumericBounds.doubleBounds(op, l))));
    }
    double d = (Double) value;
    return or(List.of(longRange(field, NumericBounds.longBounds(op, d)),
        doubleRange(field, NumericBounds.doubleBounds(op, d))));
  }

  private static Query longRange(String field, long[] bounds) {
    if (bounds == null || bounds[0] > bounds[1]) {
      return new MatchNoDocsQuery();
    }
    return LongPoint.newRangeQuery(LONG_PREFIX + field, bounds[0], bounds[1]);
  }

  private static Query doubleRange(String field, double[] bounds) {
    if (bounds == null) {
      return new MatchNoDocsQuery();
    }
    double lower = bounds[0] + 0.0; // -0.0 becomes 0.0, as it is indexed
    double upper = bounds[1] + 0.0;
    if (lower > upper) {
      return new MatchNoDocsQuery();
    }
    return DoublePoint.newRangeQuery(DOUBLE_PREFIX + field, lower, upper);
  }

  /** One set query per kind of value in the list. */
  private static Query in(Filter.In in) {
    List<BytesRef> strings = new ArrayList<>();
    List<BytesRef> booleans = new ArrayList<>();
    List<Long> longs = new ArrayList<>();
    List<Double> doubles = new ArrayList<>();
    for (Object value : in.values()) {
      if (value instanceof String s) {
        strings.add(new BytesRef(s));
      } else if (value instanceof Boolean b) {
        booleans.add(new BytesRef(b.toString()));
      } else if (value instanceof Long l) {
        longs.add(l);
        if (ValueOrder.compareLongDouble(l, (double) l) == 0) {
          doubles.add((double) l);
        }
      } else {
        double d = (Double) value + 0.0;
        doubles.add(d);
        if (d == Math.floor(d) && d >= -TWO_POW_63 && d < TWO_POW_63) {
          longs.add((long) d);
        }
      }
    }
    List<Query> queries = new ArrayList<>();
    if (!strings.isEmpty()) {
      queries.add(new TermInSetQuery(STRING_PREFIX + in.field(), strings));
    }
    if (!booleans.isEmpty()) {
      queries.add(new TermInSetQuery(BOOLEAN_PREFIX + in.field(), booleans));
    }
    if (!longs.isEmpty()) {
      queries.add(LongPoint.newSetQuery(LONG_PREFIX + in.field(), longs));
    }
    if (!doubles.isEmpty()) {
      queries.add(DoublePoint.newSetQuery(DOUBLE_PREFIX + in.field(), doubles.stream().mapToDouble(d -> d).toArray()));
    }
    return or(queries);
  }

  private static Query not(Query query) {
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), Occur.MUST)
        .add(query, Occur.MUST_NOT)
        .build();
  }

  private static Query or(List<Query> queries) {
    List<Query> useful = queries.stream().filter(q -> !(q instanceof MatchNoDocsQuery)).toList();
    if (useful.isEmpty()) {
      return new MatchNoDocsQuery();
    }
    if (useful.size() == 1) {
      return useful.get(0);
    }
    BooleanQuery.Builder builder = new BooleanQuery.Builder().setMinimumNumberShouldMatch(1);
    useful.forEach(query -> builder.add(query, Occur.SHOULD));
    return builder.build();
  }
}
