package dev.embedkit.store.filter;

/**
 * Inclusive bounds of a numeric comparison on a field of longs or of doubles, exact across the two kinds (a long
 * literal is never rounded to a double, nor a double to a long): what every backend's filter translation (Lucene
 * queries here, Solr filter queries in embedkit-solr) asks a range for. Null means that no value of the field's kind
 * matches.
 */
public final class NumericBounds {
  private static final double TWO_POW_63 = ValueOrder.TWO_POW_63;

  private NumericBounds() {}

  /** Inclusive bounds on a long field; null for an empty range. */
  public static long[] longBounds(Filter.Op op, long v) {
    return switch (op) {
      case EQ -> new long[] {v, v};
      case LT -> v == Long.MIN_VALUE ? null : new long[] {Long.MIN_VALUE, v - 1};
      case LTE -> new long[] {Long.MIN_VALUE, v};
      case GT -> v == Long.MAX_VALUE ? null : new long[] {v + 1, Long.MAX_VALUE};
      case GTE -> new long[] {v, Long.MAX_VALUE};
      case NE -> throw new AssertionError("NE is NOT EQ");
    };
  }

  /** Inclusive bounds on a long field for a double literal: the longs that stand in relation op to it. */
  public static long[] longBounds(Filter.Op op, double v) {
    boolean below = v < -TWO_POW_63; // every long is greater
    boolean above = v >= TWO_POW_63; // every long is smaller
    long[] all = {Long.MIN_VALUE, Long.MAX_VALUE};
    return switch (op) {
      case EQ -> below || above || v != Math.floor(v) ? null : new long[] {(long) v, (long) v};
      case LT -> above ? all : v <= -TWO_POW_63 ? null : new long[] {Long.MIN_VALUE, (long) Math.ceil(v) - 1};
      case LTE -> above ? all : below ? null : new long[] {Long.MIN_VALUE, (long) Math.floor(v)};
      case GT -> below ? all : above ? null : new long[] {(long) Math.floor(v) + 1, Long.MAX_VALUE};
      case GTE -> v <= -TWO_POW_63 ? all : above ? null : new long[] {(long) Math.ceil(v), Long.MAX_VALUE};
      case NE -> throw new AssertionError("NE is NOT EQ");
    };
  }

  /** Inclusive bounds on a double field. */
  public static double[] doubleBounds(Filter.Op op, double v) {
    double inf = Double.POSITIVE_INFINITY;
    return switch (op) {
      case EQ -> new double[] {v, v};
      case LT -> new double[] {-inf, Math.nextDown(v)};
      case LTE -> new double[] {-inf, v};
      case GT -> new double[] {Math.nextUp(v), inf};
      case GTE -> new double[] {v, inf};
      case NE -> throw new AssertionError("NE is NOT EQ");
    };
  }

  /**
   * Inclusive bounds on a double field for a long literal. {@code near} is the double nearest to it; no double lies
   * strictly between the long and {@code near}, so the bound is {@code near} or its neighbour.
   */
  public static double[] doubleBounds(Filter.Op op, long v) {
    double near = v;
    int order = ValueOrder.compareLongDouble(v, near); // the sign of v - near
    double inf = Double.POSITIVE_INFINITY;
    return switch (op) {
      case EQ -> order == 0 ? new double[] {near, near} : null;
      case LT -> new double[] {-inf, order > 0 ? near : Math.nextDown(near)};
      case LTE -> new double[] {-inf, order >= 0 ? near : Math.nextDown(near)};
      case GT -> new double[] {order < 0 ? near : Math.nextUp(near), inf};
      case GTE -> new double[] {order <= 0 ? near : Math.nextUp(near), inf};
      case NE -> throw new AssertionError("NE is NOT EQ");
    };
  }
}
