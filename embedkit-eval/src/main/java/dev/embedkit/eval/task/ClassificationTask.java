package dev.embedkit.eval.task;

import dev.embedkit.EmbedkitException;
import dev.embedkit.eval.data.LabelledTexts;
import dev.embedkit.eval.embed.ModelRun;
import dev.embedkit.eval.embed.PromptPlan;
import dev.embedkit.eval.metrics.ClassificationMetrics;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * Classification on embeddings: train a classifier ({@link ClassifierKind}) on the training texts' embeddings, predict
 * the test texts, report accuracy and macro-F1 (x100). The test set is a second file, or a seeded random fraction of
 * the one file.
 */
public final class ClassificationTask implements EvalTask {
  private final LabelledTexts train;
  private final LabelledTexts test;
  private final ClassifierKind classifier;
  private final String promptOverride;

  private ClassificationTask(LabelledTexts train, LabelledTexts test, ClassifierKind classifier, String promptOverride) {
    if (new java.util.HashSet<>(train.labels()).size() < 2) {
      throw EmbedkitException.invalidInput("the training set has fewer than 2 distinct labels; nothing to classify");
    }
    this.train = train;
    this.test = test;
    this.classifier = classifier;
    this.promptOverride = promptOverride;
  }

  public static ClassificationTask withTestSet(LabelledTexts train, LabelledTexts test, ClassifierKind classifier,
      String prompt) {
    return new ClassificationTask(train, test, classifier, prompt);
  }

  /** Splits {@code all} with a seeded shuffle: the first {@code testFraction} of it is the test set. */
  public static ClassificationTask split(LabelledTexts all, double testFraction, long seed, ClassifierKind classifier,
      String prompt) {
    if (!(testFraction > 0 && testFraction < 1)) {
      throw EmbedkitException.invalidInput("test fraction must be between 0 and 1 (exclusive); got " + testFraction);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    int testSize = (int) Math.max(1, Math.min(all.size() - 1, Math.round(all.size() * testFraction)));
    return new ClassificationTask(subset(all, order.subList(testSize, order.size())), subset(all, order.subList(0, testSize)),
        classifier, prompt);
  }

  private static LabelledTexts subset(LabelledTexts all, List<Integer> indices) {
    List<String> texts = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    indices.forEach(i -> {
      texts.add(all.texts().get(i));
      labels.add(all.labels().get(i));
    });
    return new LabelledTexts(texts, labels);
  }

  @Override
  public String name() {
    return "classification";
  }

  @Override
  public String mainMetric() {
    return "accuracy";
  }

  @Override
  public List<String> notes() {
    return List.of("train: " + train.size() + " texts, test: " + test.size() + " texts; classifier: "
        + dev.embedkit.Named.of(classifier));
  }

  @Override
  public Scorer prepare(ModelRun run) {
    String prompt = PromptPlan.forModel(run.name(), run.info()).with(null, null, promptOverride).symmetric();
    List<float[]> trainVectors = run.embed(train.texts(), prompt, "training texts");
    List<float[]> testVectors = run.embed(test.texts(), prompt, "test texts");
    return new Scorer() {
      @Override
      public Map<String, Double> score(UnaryOperator<List<float[]>> variant) {
        List<String> predicted = classifier.predict(variant.apply(trainVectors), train.labels(), variant.apply(testVectors));
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("accuracy", 100 * ClassificationMetrics.accuracy(test.labels(), predicted));
        out.put("f1", 100 * ClassificationMetrics.macroF1(test.labels(), predicted));
        return out;
      }

      @Override
      public String prompts() {
        return "all texts '" + prompt + "'";
      }
    };
  }
}
