package dev.embedkit.store.filter;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.filter.FilterLexer.Token;
import dev.embedkit.store.filter.FilterLexer.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the filter language, a small hand-written recursive descent: each method carries its grammar rule.
 *
 * <pre>{@code
 * Filter f = FilterParser.parse("lang = 'en' AND (year >= 2020 OR tags IN ('a', 'b')) AND NOT draft = true");
 * }</pre>
 *
 * Keywords (AND OR NOT IN EXISTS IS NULL TRUE FALSE) are case-insensitive; a field named like one is backquoted
 * ({@code `order` = 1}). {@code IS NULL} means NOT EXISTS and {@code IS NOT NULL} EXISTS. NOT binds tighter than AND,
 * AND tighter than OR; a chain {@code a AND b AND c} is one AND of three operands. Integers are Long (overflow is an
 * error), numbers with a point or exponent Double. Errors are {@link FilterSyntaxException}s with the column.
 */
public final class FilterParser {
  /** Longest filter text, in chars. */
  public static final int MAX_LENGTH = 64 * 1024;
  /** Deepest nesting of parentheses and NOTs. */
  public static final int MAX_DEPTH = 64;

  static final Set<String> KEYWORDS = Set.of("AND", "OR", "NOT", "IN", "EXISTS", "IS", "NULL", "TRUE", "FALSE");

  private static final String OPERATORS = "=, ==, !=, <>, <, <=, >, >=, IN, NOT IN, EXISTS, IS NULL or IS NOT NULL";
  private static final String VALUE = "a value (a string in quotes, a number, true or false)";

  private final String input;
  private final FilterLexer lexer;
  private Token token;
  private int depth;

  private FilterParser(String input) {
    this.input = input;
    this.lexer = new FilterLexer(input);
    this.token = lexer.next();
  }

  /** Parses filter text; see the class comment for the language. */
  public static Filter parse(String text) {
    if (text == null || text.isBlank()) {
      throw EmbedkitException.invalidInput("an empty filter matches everything: leave the filter out instead");
    }
    if (text.length() > MAX_LENGTH) {
      throw EmbedkitException.invalidInput("the filter is " + text.length() + " chars long; the limit is "
          + MAX_LENGTH + " (use IN lists for many values)");
    }
    return new FilterParser(text).filter();
  }

  // filter := or EOF
  private Filter filter() {
    Filter result = or();
    if (!token.is(Type.EOF)) {
      throw error("expected AND, OR or end of input");
    }
    return result;
  }

  // or := and ( OR and )*
  private Filter or() {
    List<Filter> operands = new ArrayList<>();
    operands.add(and());
    while (token.isKeyword("OR")) {
      advance();
      operands.add(and());
    }
    return operands.size() == 1 ? operands.get(0) : new Filter.Or(operands);
  }

  // and := unary ( AND unary )*
  private Filter and() {
    List<Filter> operands = new ArrayList<>();
    operands.add(unary());
    while (token.isKeyword("AND")) {
      advance();
      operands.add(unary());
    }
    return operands.size() == 1 ? operands.get(0) : new Filter.And(operands);
  }

  // unary := NOT unary | primary
  private Filter unary() {
    if (token.isKeyword("NOT")) {
      enter();
      advance();
      Filter result = new Filter.Not(unary());
      depth--;
      return result;
    }
    return primary();
  }

  // primary := '(' or ')' | predicate
  private Filter primary() {
    if (!token.is(Type.LPAREN)) {
      return predicate();
    }
    Token open = token;
    enter();
    advance();
    Filter result = or();
    if (!token.is(Type.RPAREN)) {
      throw error("expected AND, OR or ')' to close the '(' at column " + open.column());
    }
    advance();
    depth--;
    return result;
  }

  // predicate := field ( cmp literal | [NOT] IN '(' literal ( ',' literal )* ')' | EXISTS | IS NULL | IS NOT NULL )
  private Filter predicate() {
    String field = field();
    if (token.is(Type.OPERATOR)) {
      Token cmp = token;
      advance();
      Token at = token;
      Object value = literal("after '" + cmp.text() + "'");
      Filter.Op op = (Filter.Op) cmp.value();
      if (value instanceof Boolean && op != Filter.Op.EQ && op != Filter.Op.NE) {
        throw new FilterSyntaxException(input, at.column(), Literals.booleanOrdering(op).getMessage());
      }
      return new Filter.Compare(field, op, value);
    }
    if (token.isKeyword("NOT")) {
      advance();
      if (!token.isKeyword("IN")) {
        throw error("expected IN after NOT in a predicate on '" + field + "' (to negate a predicate, put NOT first)");
      }
      return new Filter.Not(inList(field));
    }
    if (token.isKeyword("IN")) {
      return inList(field);
    }
    if (token.isKeyword("EXISTS")) {
      advance();
      return new Filter.Exists(field);
    }
    if (token.isKeyword("IS")) {
      advance();
      boolean negated = token.isKeyword("NOT");
      if (negated) {
        advance();
      }
      if (!token.isKeyword("NULL")) {
        throw error(negated ? "expected NULL after IS NOT" : "expected NULL or NOT NULL after IS");
      }
      advance();
      return negated ? new Filter.Exists(field) : new Filter.Not(new Filter.Exists(field));
    }
    throw error("expected an operator (" + OPERATORS + ") after field '" + field + "'");
  }

  // IN '(' literal ( ',' literal )* ')'
  private Filter.In inList(String field) {
    advance();
    if (!token.is(Type.LPAREN)) {
      throw error("expected '(' after IN");
    }
    advance();
    if (token.is(Type.RPAREN)) {
      throw error("an IN list needs at least one value");
    }
    List<Object> values = new ArrayList<>();
    values.add(literal("in the IN list"));
    while (token.is(Type.COMMA)) {
      advance();
      values.add(literal("after ','"));
    }
    if (!token.is(Type.RPAREN)) {
      throw error("expected ',' or ')' in the IN list");
    }
    advance();
    return new Filter.In(field, values);
  }

  // field := identifier | backquoted
  private String field() {
    if (token.is(Type.BACKQUOTED)) {
      return (String) advance().value();
    }
    if (token.is(Type.WORD)) {
      if (KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT))) {
        throw error("expected a field name, '(' or NOT; a field named like a keyword is backquoted: `"
            + token.text() + "`");
      }
      return (String) advance().value();
    }
    throw error("expected a field name, '(' or NOT");
  }

  // literal := string | integer | decimal | TRUE | FALSE
  private Object literal(String where) {
    if (token.is(Type.STRING) || token.is(Type.NUMBER)) {
      return advance().value();
    }
    if (token.isKeyword("TRUE") || token.isKeyword("FALSE")) {
      return Boolean.valueOf(advance().text().toLowerCase(Locale.ROOT));
    }
    if (token.is(Type.WORD) && !KEYWORDS.contains(token.text().toUpperCase(Locale.ROOT))) {
      throw error("expected " + VALUE + " " + where + "; strings go in quotes: '" + token.text() + "'");
    }
    throw error("expected " + VALUE + " " + where);
  }

  private Token advance() {
    Token current = token;
    token = lexer.next();
    return current;
  }

  private void enter() {
    if (++depth > MAX_DEPTH) {
      throw new FilterSyntaxException(input, token.column(), "the filter nests deeper than " + MAX_DEPTH
          + " levels of parentheses and NOT");
    }
  }

  private FilterSyntaxException error(String expected) {
    return new FilterSyntaxException(input, token.column(), expected + ", found " + token.describe());
  }
}
