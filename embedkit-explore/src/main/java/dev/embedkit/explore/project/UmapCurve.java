package dev.embedkit.explore.project;

/**
 * UMAP's low-dimensional similarity curve {@code 1 / (1 + a d^(2b))}, with a and b fitted as umap-learn's
 * {@code find_ab_params}: least squares (Levenberg-Marquardt from a = b = 1, as scipy's curve_fit) against the
 * target that is 1 up to {@code minDist} and {@code exp(-(d - minDist) / spread)} beyond, on 300 points of
 * [0, 3 spread]. For min_dist 0.1 and spread 1 this gives a = 1.577, b = 0.895.
 *
 * <pre>{@code
 * UmapCurve curve = UmapCurve.fit(0.1, 1.0);
 * double similarity = curve.at(0.5);
 * }</pre>
 *
 * @param a the curve's scale
 * @param b the curve's exponent (half the power of the distance)
 */
public record UmapCurve(double a, double b) {
  private static final int SAMPLES = 300;
  private static final int MAX_ITERATIONS = 10_000;

  public UmapCurve {
    if (!(a > 0) || !(b > 0)) {
      throw new IllegalArgumentException("a and b must be positive; a=" + a + ", b=" + b);
    }
  }

  /** The curve's value at distance {@code d}. */
  public double at(double d) {
    return 1 / (1 + a * Math.pow(d, 2 * b));
  }

  /** Fits a and b to min_dist and spread as umap-learn does. */
  public static UmapCurve fit(double minDist, double spread) {
    if (!(spread > 0)) {
      throw new IllegalArgumentException("spread must be positive; spread=" + spread);
    }
    if (!(minDist >= 0 && minDist <= spread)) {
      throw new IllegalArgumentException("min_dist must be in [0, spread]; minDist=" + minDist + ", spread=" + spread);
    }
    double[] x = new double[SAMPLES];
    double[] y = new double[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      x[i] = spread * 3 * i / (SAMPLES - 1); // numpy's linspace(0, 3 spread, 300)
      y[i] = x[i] < minDist ? 1 : Math.exp(-(x[i] - minDist) / spread);
    }
    double a = 1;
    double b = 1;
    double lambda = 1e-3;
    double cost = cost(x, y, a, b);
    for (int iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
      double jaa = 0;
      double jab = 0;
      double jbb = 0;
      double ga = 0;
      double gb = 0;
      for (int i = 0; i < SAMPLES; i++) {
        double p = x[i] == 0 ? 0 : Math.pow(x[i], 2 * b);
        double denominator = 1 + a * p;
        double f = 1 / denominator;
        double da = -p / (denominator * denominator);
        // d/db of x^(2b) is 2 ln(x) x^(2b), which tends to 0 at x = 0
        double db = x[i] == 0 ? 0 : -a * p * 2 * Math.log(x[i]) / (denominator * denominator);
        double r = y[i] - f;
        jaa += da * da;
        jab += da * db;
        jbb += db * db;
        ga += da * r;
        gb += db * r;
      }
      double maa = jaa * (1 + lambda);
      double mbb = jbb * (1 + lambda);
      double det = maa * mbb - jab * jab;
      double stepA = (mbb * ga - jab * gb) / det;
      double stepB = (maa * gb - jab * ga) / det;
      double nextA = a + stepA;
      double nextB = b + stepB;
      double nextCost = nextA > 0 && nextB > 0 ? cost(x, y, nextA, nextB) : Double.POSITIVE_INFINITY;
      if (nextCost <= cost) {
        boolean converged = Math.abs(stepA) < 1e-12 * (1 + Math.abs(a)) && Math.abs(stepB) < 1e-12 * (1 + Math.abs(b));
        a = nextA;
        b = nextB;
        double improvement = cost - nextCost;
        cost = nextCost;
        lambda = Math.max(lambda / 10, 1e-12);
        if (converged || improvement <= 1e-16 * cost) {
          break;
        }
      } else {
        lambda *= 10;
        if (lambda > 1e12) {
          break;
        }
      }
    }
    return new UmapCurve(a, b);
  }

  private static double cost(double[] x, double[] y, double a, double b) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      double p = x[i] == 0 ? 0 : Math.pow(x[i], 2 * b);
      double r = y[i] - 1 / (1 + a * p);
      s += r * r;
    }
    return s;
  }
}
