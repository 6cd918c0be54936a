package bench;

import dev.embedkit.spring.ai.EmbedkitEmbeddingModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.ai.embedding.EmbeddingModel;
import org.springframework.ai.transformers.TransformersEmbeddingModel;

/**
 * Spring AI's own in-process model (TransformersEmbeddingModel, all-MiniLM-L6-v2 ONNX) against EmbedkitEmbeddingModel
 * through the same Spring AI call, EmbeddingModel.embed(List<String>), on the same texts (STS-B test sentences).
 * Args: PACK_FOLDER STSB_CSV ROUNDS
 */
public class SpringAiEmbeddingBench {
  public static void main(String[] args) throws Exception {
    Path pack = Path.of(args[0]);
    Set<String> unique = new LinkedHashSet<>();
    try (var reader = Files.newBufferedReader(Path.of(args[1]))) {
      for (CSVRecord row : CSVFormat.DEFAULT.parse(reader)) {
        unique.add(row.get(0));
        unique.add(row.get(1));
      }
    }
    List<String> texts = new ArrayList<>(unique);
    int rounds = Integer.parseInt(args[2]);

    TransformersEmbeddingModel spring = new TransformersEmbeddingModel();
    spring.setModelResource("file:" + pack.resolve("onnx/model.onnx"));
    spring.setTokenizerResource("file:" + pack.resolve("tokenizer.json"));
    spring.setDisableCaching(true);
    spring.afterPropertiesSet();
    EmbedkitEmbeddingModel embedkit = EmbedkitEmbeddingModel.load("all-minilm-l6-v2");

    System.out.printf("texts: %d STS-B sentences; cores: %d; JDK %s%n", texts.size(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
    List<float[]> a = spring.embed(texts.subList(0, 64));
    List<float[]> b = embedkit.embed(texts.subList(0, 64));
    double springBest = Double.MAX_VALUE;
    double embedkitBest = Double.MAX_VALUE;
    List<float[]> springVectors = null;
    List<float[]> embedkitVectors = null;
    for (int r = 0; r < rounds; r++) {
      long t0 = System.nanoTime();
      springVectors = spring.embed(texts);
      double s = (System.nanoTime() - t0) / 1e9;
      t0 = System.nanoTime();
      embedkitVectors = embedkit.embed(texts);
      double e = (System.nanoTime() - t0) / 1e9;
      System.out.printf("round %d: Spring AI TransformersEmbeddingModel %.2f s, EmbedkitEmbeddingModel %.2f s%n", r + 1, s, e);
      springBest = Math.min(springBest, s);
      embedkitBest = Math.min(embedkitBest, e);
    }
    double maxDiff = 0;
    for (int i = 0; i < texts.size(); i++) {
      float[] x = normalize(springVectors.get(i));
      float[] y = embedkitVectors.get(i);
      for (int j = 0; j < y.length; j++) {
        maxDiff = Math.max(maxDiff, Math.abs(x[j] - y[j]));
      }
    }
    System.out.printf("best: Spring AI %.2f s (%.0f texts/s), embedkit %.2f s (%.0f texts/s), speed-up %.2fx%n",
        springBest, texts.size() / springBest, embedkitBest, texts.size() / embedkitBest, springBest / embedkitBest);
    System.out.printf("max |difference| per component after L2-normalising Spring AI's (mean-pooled, unnormalised)"
        + " vectors: %.2e%n", maxDiff);
    embedkit.close();
  }

  static float[] normalize(float[] v) {
    double n = 0;
    for (float x : v) {
      n += x * x;
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / Math.sqrt(n));
    }
    return out;
  }
}
