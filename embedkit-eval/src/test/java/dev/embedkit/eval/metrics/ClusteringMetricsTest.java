package dev.embedkit.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusteringMetricsTest {
  @Test
  void splittingAClassKeepsHomogeneityButCostsCompleteness() {
    // sklearn: v_measure_score([0, 0, 1, 1], [0, 0, 1, 2]) = 0.8
    ClusteringMetrics m = ClusteringMetrics.of(List.of(0, 0, 1, 1), List.of(0, 0, 1, 2));
    assertEquals(1.0, m.homogeneity(), 1e-12);
    assertEquals(2 / 3.0, m.completeness(), 1e-12);
    assertEquals(0.8, m.vMeasure(), 1e-12);
  }

  @Test
  void oneClusterForEverythingIsCompleteButNotHomogeneous() {
    ClusteringMetrics m = ClusteringMetrics.of(List.of("x", "x", "y", "y"), List.of(0, 0, 0, 0));
    assertEquals(0.0, m.homogeneity(), 1e-12);
    assertEquals(1.0, m.completeness(), 1e-12);
    assertEquals(0.0, m.vMeasure(), 1e-12);
  }

  @Test
  void relabelledPerfectClusteringScoresOne() {
    ClusteringMetrics m = ClusteringMetrics.of(List.of("x", "x", "y", "z"), List.of(5, 5, 9, 1));
    assertEquals(1.0, m.vMeasure(), 1e-12);
  }
}
