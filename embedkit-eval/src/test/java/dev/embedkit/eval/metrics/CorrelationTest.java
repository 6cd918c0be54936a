package dev.embedkit.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class CorrelationTest {
  @Test
  void tiedValuesShareTheAverageOfTheirRanks() {
    assertArrayEquals(new double[] {2.0, 3.5, 3.5, 1.0}, Ranks.average(new double[] {10, 20, 20, 5}));
    assertArrayEquals(new double[] {2.0, 2.0, 2.0}, Ranks.average(new double[] {7, 7, 7}));
  }

  @Test
  void spearmanWithTiesMatchesScipy() {
    // scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]).statistic = 0.8207826816681234
    assertEquals(0.8207826816681234, Correlation.spearman(new double[] {1, 2, 3, 4, 5}, new double[] {5, 6, 7, 8, 7}), 1e-12);
  }

  @Test
  void pearsonMatchesNumpy() {
    // numpy.corrcoef([1,2,3,4,5], [2,4,5,4,5])[0,1] = 0.7745966692414834
    assertEquals(0.7745966692414834, Correlation.pearson(new double[] {1, 2, 3, 4, 5}, new double[] {2, 4, 5, 4, 5}), 1e-12);
  }

  @Test
  void spearmanIsInvariantUnderMonotoneTransformsAndFlipsWithNegation() {
    Random random = new Random(7);
    double[] x = new double[50];
    double[] y = new double[50];
    double[] expY = new double[50];
    double[] negY = new double[50];
    for (int i = 0; i < x.length; i++) {
      x[i] = random.nextGaussian();
      y[i] = x[i] + random.nextGaussian();
      expY[i] = Math.exp(y[i]);
      negY[i] = -y[i];
    }
    double rho = Correlation.spearman(x, y);
    assertEquals(rho, Correlation.spearman(x, expY), 1e-12);
    assertEquals(-rho, Correlation.spearman(x, negY), 1e-12);
    assertTrue(Math.abs(Correlation.pearson(x, y) - Correlation.pearson(x, expY)) > 1e-3, "pearson is not rank-based");
  }

  @Test
  void constantInputHasNoCorrelation() {
    assertTrue(Double.isNaN(Correlation.pearson(new double[] {1, 2, 3}, new double[] {4, 4, 4})));
  }

  @Test
  void mismatchedLengthsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> Correlation.spearman(new double[] {1, 2}, new double[] {1, 2, 3}));
  }
}
