package dev.embedkit.eval.task;

import dev.embedkit.Named;
import dev.embedkit.eval.learn.KnnClassifier;
import dev.embedkit.eval.learn.LogisticRegression;
import dev.embedkit.vector.Metric;
import java.util.ArrayList;
import java.util.List;

/** How {@code eval classification} predicts labels from embeddings. */
public enum ClassifierKind {
  /** Multinomial logistic regression (MTEB's classification protocol uses logistic regression). */
  LOGREG {
    @Override
    public List<String> predict(List<float[]> train, List<String> labels, List<float[]> test) {
      LogisticRegression model = LogisticRegression.train(train, labels);
      List<String> out = new ArrayList<>(test.size());
      test.forEach(v -> out.add(model.predict(v)));
      return out;
    }
  },
  /** Majority vote of the 5 nearest training texts by cosine. */
  KNN {
    @Override
    public List<String> predict(List<float[]> train, List<String> labels, List<float[]> test) {
      KnnClassifier knn = new KnnClassifier(train, labels, Math.min(KnnClassifier.DEFAULT_K, train.size()), Metric.COSINE);
      List<String> out = new ArrayList<>(test.size());
      test.forEach(v -> out.add(knn.predict(v)));
      return out;
    }
  };

  public abstract List<String> predict(List<float[]> train, List<String> labels, List<float[]> test);

  public static ClassifierKind fromString(String value) {
    return Named.parse(ClassifierKind.class, "classifier", value);
  }
}
