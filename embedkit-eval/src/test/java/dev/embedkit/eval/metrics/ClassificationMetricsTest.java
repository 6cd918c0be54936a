package dev.embedkit.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationMetricsTest {
  @Test
  void accuracyIsTheShareOfCorrectPredictions() {
    assertEquals(0.75, ClassificationMetrics.accuracy(List.of("a", "a", "b", "b"), List.of("a", "b", "b", "b")), 1e-12);
  }

  @Test
  void macroF1AveragesPerClassF1Unweighted() {
    // a: tp 1, fn 1 -> F1 2/3; b: tp 2, fp 1 -> F1 4/5 (sklearn f1_score average="macro")
    assertEquals((2 / 3.0 + 0.8) / 2, ClassificationMetrics.macroF1(List.of("a", "a", "b", "b"), List.of("a", "b", "b", "b")), 1e-12);
  }

  @Test
  void aLabelOnlyPredictedCountsWithF1Zero() {
    // labels {a, c}: a has tp 1 fn 1 -> 2/3; c is predicted but never true -> 0
    assertEquals((2 / 3.0) / 2, ClassificationMetrics.macroF1(List.of("a", "a"), List.of("a", "c")), 1e-12);
  }
}
