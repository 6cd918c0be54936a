package dev.embedkit.explore.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class UmapCurveTest {
  @Test
  void minDistOfOneTenthGivesUmapLearnsParameters() {
    // umap-learn's find_ab_params(1.0, 0.1) (scipy curve_fit): a = 1.5769434604, b = 0.8950608781
    UmapCurve curve = UmapCurve.fit(0.1, 1.0);
    assertEquals(1.577, curve.a(), 1e-3);
    assertEquals(0.895, curve.b(), 1e-3);
  }

  @Test
  void theFitIsALeastSquaresMinimum() {
    for (double minDist : new double[] {0.0, 0.05, 0.25, 0.5, 0.8}) {
      UmapCurve best = UmapCurve.fit(minDist, 1.0);
      double cost = cost(best, minDist);
      for (double da : new double[] {-1e-3, 1e-3}) {
        for (double db : new double[] {-1e-3, 1e-3}) {
          UmapCurve nearby = new UmapCurve(best.a() * (1 + da), best.b() * (1 + db));
          assertTrue(cost <= cost(nearby, minDist), "min_dist " + minDist + ": " + nearby + " fits better than " + best);
        }
      }
    }
  }

  @Test
  void aLargerMinDistGivesAFlatterCurveNearZero() {
    assertTrue(UmapCurve.fit(0.5, 1.0).at(0.3) > UmapCurve.fit(0.1, 1.0).at(0.3));
    assertTrue(UmapCurve.fit(0.1, 1.0).at(0.3) > UmapCurve.fit(0.001, 1.0).at(0.3));
  }

  @Test
  void minDistBeyondSpreadIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UmapCurve.fit(1.5, 1.0));
    assertTrue(e.getMessage().contains("minDist=1.5"), e.getMessage());
  }

  private static double cost(UmapCurve curve, double minDist) {
    double s = 0;
    for (int i = 0; i < 300; i++) {
      double x = 3.0 * i / 299;
      double y = x < minDist ? 1 : Math.exp(-(x - minDist));
      s += Math.pow(y - curve.at(x), 2);
    }
    return s;
  }
}
