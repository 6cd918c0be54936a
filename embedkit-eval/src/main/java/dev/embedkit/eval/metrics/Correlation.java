package dev.embedkit.eval.metrics;

/**
 * Pearson and Spearman correlation, as scipy.stats.pearsonr and spearmanr compute them (Spearman is Pearson on
 * average ranks, so ties are handled as scipy does). A constant input has no defined correlation: NaN, as scipy.
 */
public final class Correlation {
  private Correlation() {}

  public static double pearson(double[] x, double[] y) {
    check(x, y);
    double meanX = mean(x);
    double meanY = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - meanX;
      double dy = y[i] - meanY;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
  }

  public static double spearman(double[] x, double[] y) {
    check(x, y);
    return pearson(Ranks.average(x), Ranks.average(y));
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static void check(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("inputs differ in length: " + x.length + " != " + y.length);
    }
    if (x.length < 2) {
      throw new IllegalArgumentException("correlation needs at least 2 pairs; got " + x.length);
    }
  }
}
