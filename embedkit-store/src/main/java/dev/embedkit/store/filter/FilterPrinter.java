package dev.embedkit.store.filter;

import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Writes a filter in its canonical text form, which {@link FilterParser} reads back to an equal tree. Parentheses
 * appear only where precedence or the tree's shape needs them (an AND inside an AND keeps its own parentheses, so it
 * is not flattened on the way back); strings are single-quoted with {@code ''}; fields that are not plain identifiers,
 * or that spell a keyword, are backquoted; doubles keep a point or exponent ({@code 2.0}, {@code 1.0E300}).
 *
 * <pre>{@code
 * FilterPrinter.print(Filter.and(Filter.eq("lang", "it's"), Filter.notIn("n", 1L, 2.5)));
 * // lang = 'it''s' AND n NOT IN (1, 2.5)
 * }</pre>
 */
public final class FilterPrinter {
  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private FilterPrinter() {}

  public static String print(Filter filter) {
    if (filter instanceof Filter.And and) {
      return and.operands().stream().map(f -> f instanceof Filter.And || f instanceof Filter.Or ? group(f) : print(f))
          .collect(Collectors.joining(" AND "));
    } else if (filter instanceof Filter.Or or) {
      return or.operands().stream().map(f -> f instanceof Filter.Or ? group(f) : print(f))
          .collect(Collectors.joining(" OR "));
    } else if (filter instanceof Filter.Not not) {
      Filter operand = not.operand();
      if (operand instanceof Filter.In in) {
        return field(in.field()) + " NOT IN " + list(in);
      } else if (operand instanceof Filter.Exists exists) {
        return field(exists.field()) + " IS NULL";
      }
      return "NOT " + (operand instanceof Filter.And || operand instanceof Filter.Or ? group(operand) : print(operand));
    } else if (filter instanceof Filter.Exists exists) {
      return field(exists.field()) + " EXISTS";
    } else if (filter instanceof Filter.In in) {
      return field(in.field()) + " IN " + list(in);
    }
    Filter.Compare compare = (Filter.Compare) filter;
    return field(compare.field()) + " " + compare.op().symbol() + " " + literal(compare.value());
  }

  /** A field name as the parser reads it: bare when it is an identifier and no keyword, else backquoted. */
  public static String field(String name) {
    if (IDENTIFIER.matcher(name).matches() && !FilterParser.KEYWORDS.contains(name.toUpperCase(Locale.ROOT))) {
      return name;
    }
    return "`" + name.replace("`", "``") + "`";
  }

  /** A literal as the parser reads it back to an equal value. */
  public static String literal(Object value) {
    if (value instanceof String s) {
      return "'" + s.replace("'", "''") + "'";
    }
    return String.valueOf(value); // Long.toString, Double.toString (always a point or an exponent), true, false
  }

  private static String list(Filter.In in) {
    return in.values().stream().map(FilterPrinter::literal).collect(Collectors.joining(", ", "(", ")"));
  }

  private static String group(Filter filter) {
    return "(" + print(filter) + ")";
  }
}
