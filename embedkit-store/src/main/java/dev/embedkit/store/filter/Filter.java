package dev.embedkit.store.filter;

import java.util.List;
import java.util.Objects;

/**
 * A metadata filter: a closed tree of small records, built by the static factories here, parsed from text by
 * {@link FilterParser} ({@code lang = 'en' AND year >= 2020 AND tags IN ('a','b')}) or from JSON by
 * {@link FilterJson}. Semantics, the same in every backend (checked by the in-memory {@link FilterEvaluator}):
 * <ul>
 *   <li>A comparison matches a document whose field holds a value of the literal's kind that compares true; for a
 *       list field, when any element does. Numbers compare numerically and exactly, long against double included
 *       (a long is never rounded to a double: 2<sup>53</sup>+1 &gt; 2<sup>53</sup> as a double, {@code 2.5} equals no
 *       long); {@code -0.0} equals {@code 0.0}. Strings compare lexicographically by Unicode code point, which is the
 *       order of their UTF-8 bytes and of Lucene's terms (ISO dates of one format therefore compare in time order).
 *       It differs from {@link String#compareTo} only when a character beyond U+FFFF (a surrogate pair) meets one in
 *       U+E000..U+FFFF; an unpaired surrogate counts as U+FFFD, as UTF-8 encodes it. Booleans compare only by
 *       equality. A value of another kind (a string against a number) never matches a positive comparison.</li>
 *   <li>{@code NE}, {@code NOT IN} and {@code NOT} are the complement of their positive form: they also match
 *       documents that lack the field (LangChain4j's and SQL-free stores' convention).</li>
 *   <li>{@code EXISTS} matches a document that has the field with at least one value (an empty list is absent).</li>
 *   <li>Precedence: NOT binds tighter than AND, AND tighter than OR.</li>
 * </ul>
 * The records refuse what no backend could answer honestly: an AND or OR of fewer than two operands, an empty IN list,
 * an empty field name, and literals other than String, Long, Double (finite) and Boolean (Integer, Short and Byte
 * become Long, Float becomes Double, so {@code Filter.eq("year", 2020)} equals the parsed {@code year = 2020}).
 */
public sealed interface Filter permits Filter.And, Filter.Or, Filter.Not, Filter.Compare, Filter.In, Filter.Exists {

  /** Comparison operators, with their spelling in the filter language. */
  enum Op {
    EQ("="), NE("!="), LT("<"), LTE("<="), GT(">"), GTE(">=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** All operands match (at least two). */
  record And(List<Filter> operands) implements Filter {
    public And {
      operands = Literals.operands("AND", operands);
    }
  }

  /** At least one operand matches (at least two). */
  record Or(List<Filter> operands) implements Filter {
    public Or {
      operands = Literals.operands("OR", operands);
    }
  }

  /** The operand does not match (documents lacking its fields included). */
  record Not(Filter operand) implements Filter {
    public Not {
      Objects.requireNonNull(operand, "operand");
    }
  }

  /** {@code field OP value}; value is a String, Long, Double or Boolean. */
  record Compare(String field, Op op, Object value) implements Filter {
    public Compare {
      Literals.checkField(field);
      Objects.requireNonNull(op, "op");
      value = Literals.of(value);
      if (value instanceof Boolean && op != Op.EQ && op != Op.NE) {
        throw Literals.booleanOrdering(op);
      }
    }
  }

  /** {@code field IN (v1, v2, ...)}: equal to any of the values (at least one). */
  record In(String field, List<Object> values) implements Filter {
    public In {
      Literals.checkField(field);
      values = Literals.values(values);
    }
  }

  /** {@code field EXISTS}: the document has the field with at least one value. */
  record Exists(String field) implements Filter {
    public Exists {
      Literals.checkField(field);
    }
  }

  static Filter eq(String field, Object value) {
    return new Compare(field, Op.EQ, value);
  }

  static Filter ne(String field, Object value) {
    return new Compare(field, Op.NE, value);
  }

  static Filter lt(String field, Object value) {
    return new Compare(field, Op.LT, value);
  }

  static Filter lte(String field, Object value) {
    return new Compare(field, Op.LTE, value);
  }

  static Filter gt(String field, Object value) {
    return new Compare(field, Op.GT, value);
  }

  static Filter gte(String field, Object value) {
    return new Compare(field, Op.GTE, value);
  }

  static Filter in(String field, Object... values) {
    return new In(field, List.of(values));
  }

  static Filter notIn(String field, Object... values) {
    return new Not(new In(field, List.of(values)));
  }

  static Filter exists(String field) {
    return new Exists(field);
  }

  static Filter and(Filter... operands) {
    return new And(List.of(operands));
  }

  static Filter or(Filter... operands) {
    return new Or(List.of(operands));
  }

  static Filter not(Filter operand) {
    return new Not(operand);
  }
}
