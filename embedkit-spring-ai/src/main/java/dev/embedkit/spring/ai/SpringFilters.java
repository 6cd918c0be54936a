package dev.embedkit.spring.ai;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.filter.Filter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.springframework.ai.vectorstore.filter.Filter.Expression;
import org.springframework.ai.vectorstore.filter.Filter.ExpressionType;
import org.springframework.ai.vectorstore.filter.Filter.Group;
import org.springframework.ai.vectorstore.filter.Filter.Key;
import org.springframework.ai.vectorstore.filter.Filter.Operand;
import org.springframework.ai.vectorstore.filter.Filter.Value;

/**
 * Translates a Spring AI filter expression tree into embedkit's {@link Filter} records, node by node (no filter text is
 * built, so no value is ever quoted or escaped). The semantics are embedkit's ({@link Filter}): {@code NE},
 * {@code NIN} and {@code NOT} also match documents that lack the key; {@code ISNULL} matches documents without the key
 * (embedkit drops null metadata values, so null and absent are the same), {@code ISNOTNULL} those with it.
 *
 * <pre>{@code
 * Filter f = SpringFilters.toEmbedkit(new FilterExpressionTextParser().parse("year >= 2020 && country == 'BG'"));
 * // Filter.and(Filter.gte("year", 2020L), Filter.eq("country", "BG"))
 * }</pre>
 */
public final class SpringFilters {
  /** What {@link #toEmbedkit} accepts, for error messages. */
  public static final String SUPPORTED = "EQ, NE, GT, GTE, LT, LTE, IN, NIN, AND, OR, NOT, ISNULL, ISNOTNULL";

  private SpringFilters() {}

  /**
   * The embedkit filter for a Spring AI expression.
   *
   * @throws IllegalArgumentException for an operator or operand shape it cannot translate, naming what is supported,
   *     or a value embedkit cannot compare (accepted: string, integer, long, float, double, boolean)
   */
  public static Filter toEmbedkit(Expression expression) {
    Objects.requireNonNull(expression, "filter expression");
    try {
      return expression(expression);
    } catch (EmbedkitException e) {
      throw SpringErrors.translate(e);
    }
  }

  private static Filter expression(Expression e) {
    ExpressionType type = e.type();
    if (type == null) {
      throw new IllegalArgumentException("filter expression has no operator; supported: " + SUPPORTED);
    }
    return switch (type) {
      case AND -> Filter.and(operand(e.left(), type), operand(e.right(), type));
      case OR -> Filter.or(operand(e.left(), type), operand(e.right(), type));
      case NOT -> Filter.not(operand(e.left(), type));
      case EQ -> compare(e, Filter.Op.EQ);
      case NE -> compare(e, Filter.Op.NE);
      case GT -> compare(e, Filter.Op.GT);
      case GTE -> compare(e, Filter.Op.GTE);
      case LT -> compare(e, Filter.Op.LT);
      case LTE -> compare(e, Filter.Op.LTE);
      case IN -> new Filter.In(key(e), values(e));
      case NIN -> Filter.not(new Filter.In(key(e), values(e)));
      case ISNULL -> Filter.not(Filter.exists(key(e)));
      case ISNOTNULL -> Filter.exists(key(e));
      default -> throw unsupported(type.name());
    };
  }

  /** A boolean operand: an expression, or a group (parentheses) around one. */
  private static Filter operand(Operand operand, ExpressionType parent) {
    if (operand instanceof Expression e) {
      return expression(e);
    }
    if (operand instanceof Group g && g.content() != null) {
      return expression(g.content());
    }
    throw new IllegalArgumentException(parent + " needs expressions as operands, not "
        + (operand == null ? "nothing" : operand.getClass().getSimpleName()) + "; supported: " + SUPPORTED);
  }

  private static Filter compare(Expression e, Filter.Op op) {
    Object value = value(e);
    if (value instanceof List<?>) {
      throw new IllegalArgumentException(e.type() + " compares with one value, not a list (use IN or NIN); supported: "
          + SUPPORTED);
    }
    return new Filter.Compare(key(e), op, literal(value));
  }

  private static String key(Expression e) {
    if (!(e.left() instanceof Key key) || key.key() == null) {
      throw new IllegalArgumentException(e.type() + " needs a metadata key on its left; supported: " + SUPPORTED);
    }
    String name = key.key();
    // Spring's text syntax lets keys be quoted; its own SimpleVectorStore strips the quotes the same way.
    if (name.length() >= 2 && (name.startsWith("'") && name.endsWith("'")
        || name.startsWith("\"") && name.endsWith("\""))) {
      name = name.substring(1, name.length() - 1);
    }
    return name;
  }

  private static Object value(Expression e) {
    if (!(e.right() instanceof Value value) || value.value() == null) {
      throw new IllegalArgumentException(e.type() + " needs a value on its right (null is not a value: use ISNULL);"
          + " supported: " + SUPPORTED);
    }
    return value.value();
  }

  private static List<Object> values(Expression e) {
    Object value = value(e);
    List<?> list = value instanceof List<?> l ? l : List.of(value);
    if (list.isEmpty()) {
      throw new IllegalArgumentException(e.type() + " needs at least one value");
    }
    List<Object> literals = new ArrayList<>(list.size());
    for (Object element : list) {
      literals.add(literal(element));
    }
    return literals;
  }

  private static Object literal(Object value) {
    if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Integer
        || value instanceof Short || value instanceof Byte || value instanceof Double || value instanceof Float) {
      return value;
    }
    throw new IllegalArgumentException("filter value " + value + " is a "
        + (value == null ? "null" : value.getClass().getSimpleName())
        + "; accepted: string, integer, long, float, double, boolean (dates as ISO strings)");
  }

  private static IllegalArgumentException unsupported(String operator) {
    return new IllegalArgumentException("filter operator " + operator + " is not supported; supported: " + SUPPORTED);
  }
}
