package dev.embedkit.store.filter;

import java.util.List;
import java.util.Objects;

/**
 * A metadata filter: a closed tree of small records, built by the static factories here, parsed from text by
 * {@link FilterParser} ({@code lang = 'en' AND year >= 2020 AND tags IN ('a','b')}) or from JSON by
 * {@link FilterJson}. Semantics, the same in every backend (checked by the in-memory {@link FilterEvaluator}):
 * <ul>
 *   <li>A comparison matches a document whose field holds a value of the literal's kind that compares true; for a
 *       list field, when any element does. Numbers compare numerically, long against double included (longs are
 *       never turned into doubles when both sides are longs); strings lexicographically by UTF-16 code unit (ISO dates
 *       of one format therefore compare in time order); booleans only by equality.</li>
 *   <li>{@code NE}, {@code NOT IN} and {@code NOT} are the complement of their positive form: they also match
 *       documents that lack the field (LangChain4j's and SQL-free stores' convention).</li>
 *   <li>Precedence: NOT binds tighter than AND, AND tighter than OR.</li>
 * </ul>
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
      operands = List.copyOf(operands);
    }
  }

  /** At least one operand matches (at least two). */
  record Or(List<Filter> operands) implements Filter {
    public Or {
      operands = List.copyOf(operands);
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
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(op, "op");
      Objects.requireNonNull(value, "value");
    }
  }

  /** {@code field IN (v1, v2, ...)}: equal to any of the values (at least one). */
  record In(String field, List<Object> values) implements Filter {
    public In {
      Objects.requireNonNull(field, "field");
      values = List.copyOf(values);
    }
  }

  /** {@code field EXISTS}: the document has the field with at least one value. */
  record Exists(String field) implements Filter {
    public Exists {
      Objects.requireNonNull(field, "field");
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
