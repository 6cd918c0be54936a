package dev.embedkit.store.filter;

/**
 * The order of filter values, shared by the in-memory evaluator and the Lucene translation so that both agree: numbers
 * exactly (a long is never rounded to a double), strings by code point (Lucene's UTF-8 term order).
 */
final class ValueOrder {
  /** 2^63 as a double: the first double above every long. */
  static final double TWO_POW_63 = 0x1p63;

  private ValueOrder() {}

  /** Whether a value of this class can be ordered against a literal of that class. */
  static boolean comparable(Object a, Object b) {
    return a instanceof Number ? b instanceof Number : a.getClass() == b.getClass();
  }

  /** Compares two values for which {@link #comparable} holds; booleans by false &lt; true. */
  static int compare(Object a, Object b) {
    if (a instanceof String x) {
      return compareStrings(x, (String) b);
    }
    if (a instanceof Boolean x) {
      return Boolean.compare(x, (Boolean) b);
    }
    if (a instanceof Long x) {
      return b instanceof Long y ? Long.compare(x, y) : compareLongDouble(x, (Double) b);
    }
    double x = (Double) a;
    return b instanceof Long y ? -compareLongDouble(y, x) : compareDoubles(x, (Double) b);
  }

  /** Numeric comparison: -0.0 equals 0.0 (no NaN reaches here). */
  static int compareDoubles(double a, double b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Compares a long with a finite double exactly, without rounding the long. */
  static int compareLongDouble(long a, double b) {
    if (b >= TWO_POW_63) {
      return -1;
    }
    if (b < -TWO_POW_63) {
      return 1;
    }
    long whole = (long) b; // truncated toward zero, exact: |b| < 2^63
    if (a != whole) {
      return a < whole ? -1 : 1;
    }
    double fraction = b - whole; // exact: the fraction of a double is a double
    return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
  }

  /**
   * Compares strings by Unicode code point, counting an unpaired surrogate as U+FFFD: the order of their UTF-8 bytes
   * as Lucene writes them, which is the order of its terms.
   */
  static int compareStrings(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int x = a.codePointAt(i);
      int y = b.codePointAt(j);
      i += Character.charCount(x);
      j += Character.charCount(y);
      x = Character.isSurrogate((char) x) && x < 0x10000 ? 0xFFFD : x;
      y = Character.isSurrogate((char) y) && y < 0x10000 ? 0xFFFD : y;
      if (x != y) {
        return Integer.compare(x, y);
      }
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
