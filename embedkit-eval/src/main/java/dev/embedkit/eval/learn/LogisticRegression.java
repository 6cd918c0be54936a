package dev.embedkit.eval.learn;

import java.util.List;
import java.util.TreeSet;

/**
 * Multinomial logistic regression (softmax) with L2 regularisation, trained by full-batch gradient descent from zero
 * weights: deterministic, no random state. Features are used as given (embeddings are already on a common scale).
 * Close to, but not numerically identical with, sklearn's LogisticRegression(lbfgs) that MTEB uses.
 */
public final class LogisticRegression {
  public static final int DEFAULT_EPOCHS = 300;
  public static final double DEFAULT_LEARNING_RATE = 1.0;
  public static final double DEFAULT_L2 = 1e-4;

  private final String[] classes;
  private final double[][] weights; // classes x (dims + 1), bias last

  private LogisticRegression(String[] classes, double[][] weights) {
    this.classes = classes;
    this.weights = weights;
  }

  public static LogisticRegression train(List<float[]> x, List<String> y) {
    return train(x, y, DEFAULT_EPOCHS, DEFAULT_LEARNING_RATE, DEFAULT_L2);
  }

  public static LogisticRegression train(List<float[]> x, List<String> y, int epochs, double rate, double l2) {
    String[] classes = new TreeSet<>(y).toArray(new String[0]);
    int dims = x.get(0).length;
    int n = x.size();
    int[] target = new int[n];
    for (int i = 0; i < n; i++) {
      target[i] = java.util.Arrays.binarySearch(classes, y.get(i));
    }
    double[][] w = new double[classes.length][dims + 1];
    double[][] grad = new double[classes.length][dims + 1];
    double[] p = new double[classes.length];
    for (int epoch = 0; epoch < epochs; epoch++) {
      for (double[] g : grad) {
        java.util.Arrays.fill(g, 0);
      }
      for (int i = 0; i < n; i++) {
        float[] xi = x.get(i);
        probabilities(w, xi, p);
        for (int c = 0; c < classes.length; c++) {
          double err = p[c] - (target[i] == c ? 1 : 0);
          double[] gc = grad[c];
          for (int d = 0; d < dims; d++) {
            gc[d] += err * xi[d];
          }
          gc[dims] += err;
        }
      }
      for (int c = 0; c < classes.length; c++) {
        for (int d = 0; d <= dims; d++) {
          double reg = d < dims ? l2 * w[c][d] : 0;
          w[c][d] -= rate * (grad[c][d] / n + reg);
        }
      }
    }
    return new LogisticRegression(classes, w);
  }

  public String predict(float[] vector) {
    double[] p = new double[classes.length];
    probabilities(weights, vector, p);
    int best = 0;
    for (int c = 1; c < p.length; c++) {
      if (p[c] > p[best]) {
        best = c;
      }
    }
    return classes[best];
  }

  private static void probabilities(double[][] w, float[] x, double[] out) {
    int dims = x.length;
    double max = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < w.length; c++) {
      double z = w[c][dims];
      for (int d = 0; d < dims; d++) {
        z += w[c][d] * x[d];
      }
      out[c] = z;
      max = Math.max(max, z);
    }
    double sum = 0;
    for (int c = 0; c < w.length; c++) {
      out[c] = Math.exp(out[c] - max);
      sum += out[c];
    }
    for (int c = 0; c < w.length; c++) {
      out[c] /= sum;
    }
  }
}
