package dev.embedkit.store.filter;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Splits filter text into tokens on demand, so that the parser reports the first error in reading order. */
final class FilterLexer {
  /** What a token is. */
  enum Type {
    LPAREN, RPAREN, COMMA, OPERATOR, WORD, BACKQUOTED, STRING, NUMBER, UNKNOWN, EOF
  }

  /**
   * One token.
   *
   * @param text the token as written (for messages)
   * @param value the field name, string, Long, Double or {@link Filter.Op} it stands for; null for the others
   * @param column 1-based position of its first char
   */
  record Token(Type type, String text, Object value, int column) {
    boolean is(Type wanted) {
      return type == wanted;
    }

    /** Whether this is the keyword (case-insensitive). */
    boolean isKeyword(String keyword) {
      return type == Type.WORD && text.equalsIgnoreCase(keyword);
    }

    /** How an error message names it. */
    String describe() {
      if (type == Type.EOF) {
        return "end of input";
      }
      return "'" + (text.length() > 30 ? text.substring(0, 30) + "..." : text) + "'";
    }
  }

  private static final Pattern NUMBER = Pattern.compile("[-+]?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

  private final String input;
  private int position;

  FilterLexer(String input) {
    this.input = input;
  }

  Token next() {
    while (position < input.length() && Character.isWhitespace(input.charAt(position))) {
      position++;
    }
    int start = position;
    if (start >= input.length()) {
      return new Token(Type.EOF, "", null, start + 1);
    }
    char c = input.charAt(start);
    switch (c) {
      case '(':
        return single(Type.LPAREN);
      case ')':
        return single(Type.RPAREN);
      case ',':
        return single(Type.COMMA);
      case '\'':
        return singleQuoted();
      case '"':
        return doubleQuoted();
      case '`':
        return backquoted();
      case '=':
      case '!':
      case '<':
      case '>':
        return operator();
      default:
        break;
    }
    Matcher word = WORD.matcher(input).region(start, input.length());
    if (word.lookingAt()) {
      position = word.end();
      return new Token(Type.WORD, word.group(), word.group(), start + 1);
    }
    Matcher number = NUMBER.matcher(input).region(start, input.length());
    if (number.lookingAt()) {
      return number(number);
    }
    position = start + Character.charCount(input.codePointAt(start));
    return new Token(Type.UNKNOWN, input.substring(start, position), null, start + 1);
  }

  private Token single(Type type) {
    position++;
    return new Token(type, input.substring(position - 1, position), null, position);
  }

  private Token operator() {
    int start = position;
    String two = input.substring(start, Math.min(input.length(), start + 2));
    Filter.Op op = switch (two) {
      case "==" -> Filter.Op.EQ;
      case "!=", "<>" -> Filter.Op.NE;
      case "<=" -> Filter.Op.LTE;
      case ">=" -> Filter.Op.GTE;
      default -> null;
    };
    if (op != null) {
      position += 2;
      return new Token(Type.OPERATOR, two, op, start + 1);
    }
    position++;
    op = switch (input.charAt(start)) {
      case '=' -> Filter.Op.EQ;
      case '<' -> Filter.Op.LT;
      case '>' -> Filter.Op.GT;
      default -> null; // a lone '!'
    };
    return new Token(op == null ? Type.UNKNOWN : Type.OPERATOR, input.substring(start, position), op, start + 1);
  }

  private Token number(Matcher matcher) {
    int start = position;
    position = matcher.end();
    if (position < input.length() && isWordChar(input.charAt(position))) {
      throw new FilterSyntaxException(input, start + 1, "malformed number '" + input.substring(start, position + 1)
          + "...'; numbers look like 42, -7, 2.5 or 1.0E300");
    }
    String text = matcher.group();
    if (matcher.group(1) == null && matcher.group(2) == null) {
      try {
        return new Token(Type.NUMBER, text, Long.parseLong(text), start + 1);
      } catch (NumberFormatException e) {
        throw new FilterSyntaxException(input, start + 1, "integer " + text + " is outside the 64-bit range"
            + " [-9223372036854775808, 9223372036854775807]; write it with a decimal point to compare as a double");
      }
    }
    double value = Double.parseDouble(text);
    if (!Double.isFinite(value)) {
      throw new FilterSyntaxException(input, start + 1, "number " + text + " is beyond the range of a double;"
          + " only finite numbers are accepted");
    }
    return new Token(Type.NUMBER, text, value, start + 1);
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_' || c == '.';
  }

  /** {@code 'it''s'}: a doubled quote stands for one. */
  private Token singleQuoted() {
    int start = position;
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (true) {
      if (i >= input.length()) {
        throw unterminated(start, "'", "a quote inside is written ''");
      }
      char c = input.charAt(i++);
      if (c == '\'') {
        if (i < input.length() && input.charAt(i) == '\'') {
          value.append('\'');
          i++;
        } else {
          break;
        }
      } else {
        value.append(c);
      }
    }
    position = i;
    return new Token(Type.STRING, input.substring(start, i), value.toString(), start + 1);
  }

  /** {@code "say \"hi\""}: backslash escapes a double quote or a backslash, nothing else. */
  private Token doubleQuoted() {
    int start = position;
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (true) {
      if (i >= input.length()) {
        throw unterminated(start, "\"", "a quote inside is written \\\"");
      }
      char c = input.charAt(i++);
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        char escaped = i < input.length() ? input.charAt(i) : 0;
        if (escaped != '"' && escaped != '\\') {
          throw new FilterSyntaxException(input, i, "unknown escape in a double-quoted string;"
              + " accepted: \\\" and \\\\ (single-quoted strings need no escapes but '')");
        }
        i++;
        c = escaped;
      }
      value.append(c);
    }
    position = i;
    return new Token(Type.STRING, input.substring(start, i), value.toString(), start + 1);
  }

  /** {@code `field name`}: a doubled backquote stands for one. */
  private Token backquoted() {
    int start = position;
    StringBuilder value = new StringBuilder();
    int i = start + 1;
    while (true) {
      if (i >= input.length()) {
        throw unterminated(start, "`", "a backquote inside is written ``");
      }
      char c = input.charAt(i++);
      if (c == '`') {
        if (i < input.length() && input.charAt(i) == '`') {
          value.append('`');
          i++;
        } else {
          break;
        }
      } else {
        value.append(c);
      }
    }
    if (value.length() == 0) {
      throw new FilterSyntaxException(input, start + 1, "empty field name ``; a backquoted field name needs text");
    }
    position = i;
    return new Token(Type.BACKQUOTED, input.substring(start, i), value.toString(), start + 1);
  }

  private FilterSyntaxException unterminated(int start, String quote, String hint) {
    return new FilterSyntaxException(input, start + 1, "unterminated " + (quote.equals("`") ? "field name" : "string")
        + ": expected a closing " + quote + " before end of input (" + hint + ")");
  }
}
