package dev.embedkit.explore.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Words that name clusters: class-based TF-IDF as BERTopic's {@code ClassTfidfTransformer} (defaults: no BM25, no
 * frequent-word reduction). All texts of a cluster form one document; tf = a word's count in the cluster divided by
 * the cluster's word count; idf = log(1 + A / f), A = the average word count per cluster (truncated to an integer,
 * as BERTopic does), f = the word's count over all clusters. Noise ({@link Clusters#NOISE}) is its own class, as
 * BERTopic's topic -1: its words count in f (a word everywhere in the noise is not distinctive) but it is not named.
 *
 * <p>Tokens: lower-cased (Locale.ROOT) runs of Unicode letters and digits, at least {@link #MIN_TOKEN_LENGTH}
 * characters, at least one letter, not an English stop word (scikit-learn's list, in english-stop-words.txt).
 *
 * <pre>{@code
 * Map<Integer, List<String>> terms = ClusterTerms.topTerms(texts, clusters.labels(), 10);
 * String label = ClusterTerms.name(terms.get(0)); // "guitar, playing, man"
 * }</pre>
 */
public final class ClusterTerms {
  /** Two-letter tokens are mostly abbreviations and stop-word fragments ("ll", "ve"); three keeps "cat", "usb". */
  public static final int MIN_TOKEN_LENGTH = 3;
  /** Terms joined by {@link #name}. */
  public static final int NAME_TERMS = 3;

  private static final Set<String> STOP_WORDS = loadStopWords();

  private ClusterTerms() {}

  /** The {@code count} highest c-TF-IDF terms of each cluster (not noise), best first; ties alphabetical. */
  public static Map<Integer, List<String>> topTerms(List<String> texts, int[] labels, int count) {
    if (texts.size() != labels.length) {
      throw new IllegalArgumentException("texts and labels differ in length: " + texts.size() + " != " + labels.length);
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be positive; count=" + count);
    }
    Map<Integer, Map<String, Integer>> counts = new TreeMap<>();
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < Clusters.NOISE) {
        throw new IllegalArgumentException("labels must be >= -1 (noise); labels[" + i + "]=" + labels[i]);
      }
      Map<String, Integer> classCounts = counts.computeIfAbsent(labels[i], key -> new HashMap<>());
      for (String token : tokens(texts.get(i))) {
        classCounts.merge(token, 1, Integer::sum);
      }
    }
    Map<String, Long> frequency = new HashMap<>();
    long totalWords = 0;
    for (Map<String, Integer> classCounts : counts.values()) {
      for (Map.Entry<String, Integer> e : classCounts.entrySet()) {
        frequency.merge(e.getKey(), (long) e.getValue(), Long::sum);
        totalWords += e.getValue();
      }
    }
    long averageWords = counts.isEmpty() ? 0 : totalWords / counts.size(); // BERTopic: int(X.sum(axis=1).mean())
    Map<Integer, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<Integer, Map<String, Integer>> entry : counts.entrySet()) {
      if (entry.getKey() == Clusters.NOISE) {
        continue;
      }
      Map<String, Integer> classCounts = entry.getValue();
      double classWords = classCounts.values().stream().mapToLong(Integer::longValue).sum();
      Map<String, Double> weight = new HashMap<>();
      for (Map.Entry<String, Integer> e : classCounts.entrySet()) {
        double tf = e.getValue() / classWords;
        double idf = Math.log(1 + (double) averageWords / frequency.get(e.getKey()));
        weight.put(e.getKey(), tf * idf);
      }
      List<String> terms = new ArrayList<>(weight.keySet());
      terms.sort((a, b) -> {
        int byWeight = Double.compare(weight.get(b), weight.get(a));
        return byWeight != 0 ? byWeight : a.compareTo(b);
      });
      out.put(entry.getKey(), List.copyOf(terms.subList(0, Math.min(count, terms.size()))));
    }
    return out;
  }

  /** The first {@link #NAME_TERMS} terms joined with ", " (fewer when there are fewer). */
  public static String name(List<String> terms) {
    return String.join(", ", terms.subList(0, Math.min(NAME_TERMS, terms.size())));
  }

  /** Lower-cased Unicode letter/digit runs, long enough, with a letter, not stop words. */
  public static List<String> tokens(String text) {
    List<String> out = new ArrayList<>();
    String lower = text.toLowerCase(Locale.ROOT);
    int start = -1;
    for (int i = 0; i <= lower.length(); ) {
      int cp = i < lower.length() ? lower.codePointAt(i) : ' ';
      boolean word = i < lower.length() && Character.isLetterOrDigit(cp);
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        String token = lower.substring(start, i);
        if (token.codePointCount(0, token.length()) >= MIN_TOKEN_LENGTH && token.codePoints().anyMatch(Character::isLetter)
            && !STOP_WORDS.contains(token)) {
          out.add(token);
        }
        start = -1;
      }
      i += i < lower.length() ? Character.charCount(cp) : 1;
    }
    return out;
  }

  private static Set<String> loadStopWords() {
    try (InputStream in = ClusterTerms.class.getResourceAsStream("english-stop-words.txt")) {
      if (in == null) {
        throw new IllegalStateException("english-stop-words.txt is missing from the class path beside ClusterTerms");
      }
      Set<String> words = new HashSet<>();
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank() && !line.startsWith("#")) {
          words.add(line.strip());
        }
      }
      return Set.copyOf(words);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
