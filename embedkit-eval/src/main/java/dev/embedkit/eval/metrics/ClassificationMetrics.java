package dev.embedkit.eval.metrics;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** Accuracy and macro-F1 of predicted labels (sklearn's accuracy_score and f1_score(average="macro")). */
public final class ClassificationMetrics {
  private ClassificationMetrics() {}

  public static double accuracy(List<String> truth, List<String> predicted) {
    check(truth, predicted);
    int correct = 0;
    for (int i = 0; i < truth.size(); i++) {
      if (truth.get(i).equals(predicted.get(i))) {
        correct++;
      }
    }
    return correct / (double) truth.size();
  }

  /**
   * Unweighted mean of the per-class F1 over every label that occurs in the truth or the predictions; a class with no
   * predicted or no true members has precision or recall 0 (sklearn's zero_division default).
   */
  public static double macroF1(List<String> truth, List<String> predicted) {
    check(truth, predicted);
    TreeSet<String> labels = new TreeSet<>(truth);
    labels.addAll(predicted);
    double sum = 0;
    for (String label : labels) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = 0; i < truth.size(); i++) {
        boolean isTrue = truth.get(i).equals(label);
        boolean isPredicted = predicted.get(i).equals(label);
        if (isTrue && isPredicted) {
          tp++;
        } else if (isPredicted) {
          fp++;
        } else if (isTrue) {
          fn++;
        }
      }
      sum += tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
    }
    return sum / labels.size();
  }

  private static void check(List<String> truth, List<String> predicted) {
    if (truth.size() != predicted.size()) {
      throw new IllegalArgumentException("truth and predictions differ in length: " + truth.size() + " != " + predicted.size());
    }
    if (truth.isEmpty()) {
      throw new IllegalArgumentException("no labels to score");
    }
    truth.forEach(Objects::requireNonNull);
  }
}
