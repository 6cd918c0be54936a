package dev.embedkit.eval.learn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.vector.Metric;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The learners on seeded synthetic data with an obvious answer. */
class LearnersTest {
  static final float[][] CENTRES = {{5, 0, 0}, {0, 5, 0}, {0, 0, 5}};

  static List<float[]> blobs(int perClass, long seed, List<String> labels) {
    Random random = new Random(seed);
    List<float[]> out = new ArrayList<>();
    for (int c = 0; c < CENTRES.length; c++) {
      for (int i = 0; i < perClass; i++) {
        float[] v = CENTRES[c].clone();
        for (int d = 0; d < v.length; d++) {
          v[d] += (float) random.nextGaussian() * 0.5f;
        }
        out.add(v);
        labels.add("class" + c);
      }
    }
    return out;
  }

  @Test
  void logisticRegressionAndKnnClassifyHeldOutBlobs() {
    List<String> trainLabels = new ArrayList<>();
    List<float[]> train = blobs(20, 2, trainLabels);
    List<String> testLabels = new ArrayList<>();
    List<float[]> test = blobs(10, 3, testLabels);
    LogisticRegression logreg = LogisticRegression.train(train, trainLabels);
    KnnClassifier knn = new KnnClassifier(train, trainLabels, 5, Metric.EUCLIDEAN);
    for (int i = 0; i < test.size(); i++) {
      assertEquals(testLabels.get(i), logreg.predict(test.get(i)));
      assertEquals(testLabels.get(i), knn.predict(test.get(i)));
    }
  }
}
