package dev.embedkit.bench.explore;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.bench.store.BenchTexts;
import dev.embedkit.bench.store.EmbeddingCache;
import dev.embedkit.vector.VectorMath;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The benchmark's points: real all-MiniLM-L6-v2 embeddings of real sentences, and N seeded perturbed copies of them.
 *
 * <ol>
 *   <li>Texts, in a fixed order, exact duplicates keeping their first occurrence: the STS-B test sentences (both
 *       columns of {@code stsb/stsb-en-test.csv}, a CSV without header: s1, s2, score), then SciFact's corpus titles
 *       ({@code beir/scifact/corpus.jsonl}, field "title").
 *   <li>Their embeddings, computed once and kept by the store benchmark's {@link EmbeddingCache} (an .fvecs file
 *       named after the model and a hash of the texts) in the work folder.
 *   <li>Point {@code p} of N, from {@code new Random(seed)}: a real embedding {@code s} chosen uniformly (with
 *       replacement), plus Gaussian noise of standard deviation {@code sqrt(1 / c^2 - 1) / sqrt(dims)} per dimension
 *       (so the noise's length is about {@code sqrt(1 / c^2 - 1)} and the copy's cosine to {@code s} about
 *       {@code c}, 0.9 by default), then normalised. Copies of one embedding thus sit about {@code c^2} apart: the
 *       set keeps the real embeddings' structure, with small clusters around each of them.
 * </ol>
 *
 * <p>The points are written once as a float32 .npy file, which every engine (Java child JVMs, Python, node) reads.
 *
 * @param points the points
 * @param sources each point's real embedding (index into the texts)
 * @param meanCosine the points' mean cosine to their source
 */
record ExploreData(float[][] points, int[] sources, double meanCosine) {

  /** The texts behind the real embeddings (see the class comment). */
  static List<String> texts(Path datasets) throws IOException {
    Set<String> texts = new LinkedHashSet<>();
    for (String line : Files.readAllLines(datasets.resolve("stsb/stsb-en-test.csv"), StandardCharsets.UTF_8)) {
      List<String> cells = BenchTexts.csv(line);
      if (cells.size() >= 2) {
        texts.add(cells.get(0).strip());
        texts.add(cells.get(1).strip());
      }
    }
    ObjectMapper json = new ObjectMapper();
    Path corpus = datasets.resolve("beir/scifact/corpus.jsonl");
    try (BufferedReader reader = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          texts.add(json.readTree(line).path("title").asText("").strip());
        }
      }
    }
    texts.remove("");
    return List.copyOf(texts);
  }

  /** The derivation's noise per dimension for a target cosine {@code c} to the source. */
  static double sigma(double cosine, int dims) {
    return Math.sqrt(1 / (cosine * cosine) - 1) / Math.sqrt(dims);
  }

  /** {@code n} perturbed copies of the real embeddings (see the class comment); deterministic for a seed. */
  static ExploreData derive(List<float[]> real, int n, double cosine, long seed) {
    if (!(cosine > 0 && cosine <= 1)) {
      throw new IllegalArgumentException("the copies' cosine must be in (0, 1]; got " + cosine);
    }
    int dims = real.get(0).length;
    double sigma = sigma(cosine, dims);
    Random random = new Random(seed);
    float[][] points = new float[n][];
    int[] sources = new int[n];
    double sum = 0;
    for (int p = 0; p < n; p++) {
      int s = random.nextInt(real.size());
      float[] source = real.get(s);
      float[] v = new float[dims];
      for (int d = 0; d < dims; d++) {
        v[d] = (float) (source[d] + sigma * random.nextGaussian());
      }
      VectorMath.normalizeInPlace(v);
      points[p] = v;
      sources[p] = s;
      sum += VectorMath.dot(v, source);
    }
    return new ExploreData(points, sources, sum / n);
  }

  /** Writes the points to {@code file} as float32 .npy, unless a file of the same shape is there already. */
  void write(Path file) throws IOException {
    if (Files.exists(file)) {
      Npy.Header h = Npy.header(file);
      if (h.dtype().equals("f4") && h.rows() == points.length && h.cols() == points[0].length) {
        return;
      }
    }
    Npy.writeFloats(file, points);
  }

  /**
   * The fixed sample of query points the quality figures use: {@code size} distinct indices of {@code [0, n)} from
   * {@code new Random(seed)} (a partial Fisher-Yates shuffle), in increasing order; every point when n <= size.
   */
  static int[] sample(int n, int size, long seed) {
    int[] all = new int[n];
    Arrays.setAll(all, i -> i);
    if (size >= n) {
      return all;
    }
    Random random = new Random(seed);
    for (int i = 0; i < size; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] sample = Arrays.copyOf(all, size);
    Arrays.sort(sample);
    return sample;
  }

  /** The real embeddings of {@link #texts}, from the cache when it has them. */
  static List<float[]> real(String model, List<String> texts, Path work) throws IOException {
    return new ArrayList<>(EmbeddingCache.vectors(model, texts, work));
  }
}
