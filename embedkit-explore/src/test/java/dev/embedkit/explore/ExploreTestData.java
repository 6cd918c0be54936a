package dev.embedkit.explore;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Assumptions;

/**
 * The explore tests' real data: the STS Benchmark test split's sentences with their source genre, and their
 * all-MiniLM-L6-v2 embeddings (computed once per test JVM).
 *
 * <p>The genre is not a column of the MTEB file, but the file keeps STS-B's order: rows 1-625 are image and video
 * captions (MSRvid, images), 626-879 forum posts (deft-forum, answers-forums, answer-answer, question-question) and
 * 880-1379 news (headlines, deft-news, MSRpar), the published counts of the three genres (625, 254, 500).
 */
public final class ExploreTestData {
  public static final List<String> GENRES = List.of("captions", "forums", "news");

  /** A sentence and the genre of the pair it came from (an index into {@link #GENRES}). */
  public record LabelledSentence(String text, int genre) {}

  private static List<LabelledSentence> sentences;
  private static float[][] embeddings;

  private ExploreTestData() {}

  /** The shared datasets folder (system property embedkit.shared, EMBEDKIT_SHARED, or /work/shared). */
  public static Path sharedDatasets() {
    for (String candidate : new String[] {System.getProperty("embedkit.shared"), System.getenv("EMBEDKIT_SHARED"), "/work/shared"}) {
      if (candidate != null && Files.isDirectory(Path.of(candidate, "datasets"))) {
        return Path.of(candidate, "datasets").toAbsolutePath().normalize();
      }
    }
    Assumptions.abort("the shared datasets are not beside the repository, in EMBEDKIT_SHARED or in /work/shared");
    return null;
  }

  /** STS-B test's distinct sentences in file order, each with the genre of its first occurrence. */
  public static synchronized List<LabelledSentence> stsbSentences() {
    if (sentences == null) {
      Map<String, Integer> seen = new LinkedHashMap<>();
      try (Reader reader = Files.newBufferedReader(sharedDatasets().resolve("stsb/stsb-en-test.csv"), StandardCharsets.UTF_8)) {
        int row = 0;
        for (CSVRecord record : CSVFormat.DEFAULT.parse(reader)) {
          row++;
          int genre = row <= 625 ? 0 : row <= 879 ? 1 : 2;
          seen.putIfAbsent(record.get(0), genre);
          seen.putIfAbsent(record.get(1), genre);
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      List<LabelledSentence> out = new ArrayList<>();
      seen.forEach((text, genre) -> out.add(new LabelledSentence(text, genre)));
      sentences = List.copyOf(out);
    }
    return sentences;
  }

  /** all-MiniLM-L6-v2 unit vectors of {@link #stsbSentences()}, in the same order. */
  public static synchronized float[][] stsbEmbeddings() {
    if (embeddings == null) {
      List<String> texts = stsbSentences().stream().map(LabelledSentence::text).toList();
      try (EmbeddingModel model = Embedkit.load("all-minilm-l6-v2")) {
        embeddings = model.embed(texts).vectors().toArray(new float[0][]);
      }
    }
    return embeddings;
  }

  public static int[] stsbGenres() {
    return stsbSentences().stream().mapToInt(LabelledSentence::genre).toArray();
  }
}
