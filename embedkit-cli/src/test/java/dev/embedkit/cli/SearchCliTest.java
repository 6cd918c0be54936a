package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.store.filter.FilterParser;
import dev.embedkit.store.filter.FilterSyntaxException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embedkit search}, in-process on all-minilm-l6-v2: its ranking and scores are {@code embedkit similarity}'s
 * cosines for the same texts (the model has no prompts, so documents and queries embed alike), and its options change
 * the results as documented. No expected number is written down: each comes from another route.
 */
class SearchCliTest {
  static final List<String> SENTENCES = List.of(
      "A man is eating food.",
      "A man is eating a piece of bread.",
      "The girl is carrying a baby.",
      "A man is riding a horse.",
      "A woman is playing violin.",
      "Two men pushed carts through the woods.",
      "A man is riding a white horse on an enclosed ground.",
      "A monkey is playing drums.",
      "A cheetah is running behind its prey.");
  static final String QUERY = "Someone is eating pasta.";

  @TempDir static Path dir;

  @BeforeAll
  static void indexTheSentences() {
    assertEquals(0, run("collection", "create", "docs").exitCode());
    List<String> args = new ArrayList<>(List.of("index", "docs", "--no-progress"));
    args.addAll(SENTENCES);
    CliRun indexed = run(args.toArray(String[]::new));
    assertEquals(0, indexed.exitCode(), indexed.stderr());
    assertEquals("indexed 9 documents into 'docs'; it holds 9\n", indexed.stdout());
  }

  static CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--path");
    all.add(dir.resolve("collections").toString());
    return CliRun.of(all.toArray(String[]::new));
  }

  static JsonNode json(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--format", "json"));
    CliRun search = run(all.toArray(String[]::new));
    assertEquals(0, search.exitCode(), search.stderr());
    assertEquals("", search.stderr());
    return search.json().get("results");
  }

  /** Cosine of {@code query} to each sentence, by {@code embedkit similarity QUERY --against SENTENCES}. */
  static double[] cosines(String query) throws IOException {
    List<String> args = new ArrayList<>(List.of("similarity", "--format", "json", query, "--against"));
    args.addAll(SENTENCES);
    CliRun similarity = CliRun.of(args.toArray(String[]::new));
    assertEquals(0, similarity.exitCode(), similarity.stderr());
    JsonNode row = similarity.json().get("matrix").get(0);
    return IntStream.range(0, SENTENCES.size()).mapToDouble(i -> row.get(i).asDouble()).toArray();
  }

  /** Sentence indexes, closest first. */
  static List<Integer> ranking(double[] scores) {
    return IntStream.range(0, scores.length).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -scores[i])).toList();
  }

  static List<String> texts(JsonNode results) {
    List<String> texts = new ArrayList<>();
    results.forEach(r -> texts.add(r.get("text").asText()));
    return texts;
  }

  @Test
  void jsonRanksAndScoresAsSimilarityDoes() throws IOException {
    double[] cosine = cosines(QUERY);
    List<Integer> expected = ranking(cosine);
    JsonNode results = json("search", "docs", QUERY, "--top-k", "9");
    assertEquals(9, results.size());
    for (int rank = 0; rank < 9; rank++) {
      JsonNode hit = results.get(rank);
      int sentence = expected.get(rank);
      assertEquals(SENTENCES.get(sentence), hit.get("text").asText(), "rank " + rank);
      assertEquals(cosine[sentence], hit.get("score").asDouble(), 1e-5, "rank " + rank);
      assertEquals(16, hit.get("id").asText().length(), hit.toString());
      assertEquals(0, hit.get("metadata").size());
      JsonNode chunk = hit.get("chunk");
      assertEquals(0, chunk.get("start").asInt());
      assertEquals(SENTENCES.get(sentence).length(), chunk.get("end").asInt());
      assertEquals(SENTENCES.get(sentence), chunk.get("text").asText());
    }
    JsonNode exact = json("search", "docs", QUERY, "--top-k", "9", "--exact");
    JsonNode narrowGraph = json("search", "docs", QUERY, "--top-k", "9", "--ef-search", "9");
    assertEquals(texts(results), texts(exact));
    assertEquals(texts(results), texts(narrowGraph));
    for (int i = 0; i < 9; i++) {
      assertEquals(results.get(i).get("score").asDouble(), exact.get(i).get("score").asDouble(), 1e-6);
    }
  }

  @Test
  void tableShowsRankScoreIdAndText() throws IOException {
    double[] cosine = cosines(QUERY);
    List<Integer> expected = ranking(cosine);
    CliRun table = run("search", "docs", QUERY, "-k", "3");
    assertEquals(0, table.exitCode(), table.stderr());
    assertEquals("", table.stderr());
    List<String> rows = TableAssertions.assertColumnsAligned(table.stdout(), "RANK");
    assertEquals(3, rows.size(), table.stdout());
    assertFalse(table.stdout().contains("METADATA"), "no metadata column when no hit has metadata");
    for (int rank = 0; rank < 3; rank++) {
      int sentence = expected.get(rank);
      String score = String.format(Locale.ROOT, "%.4f", cosine[sentence]);
      assertTrue(rows.get(rank).matches((rank + 1) + "\\s+" + score.replace(".", "\\.") + "\\s+[0-9a-f]{16}\\s+"
          + java.util.regex.Pattern.quote(SENTENCES.get(sentence))), rows.get(rank));
    }
  }

  @Test
  void topKOffsetAndMinScoreCutTheSameRanking() throws IOException {
    double[] cosine = cosines(QUERY);
    List<Integer> expected = ranking(cosine);
    JsonNode page = json("search", "docs", QUERY, "--top-k", "3", "--offset", "2");
    assertEquals(expected.subList(2, 5).stream().map(SENTENCES::get).toList(), texts(page));
    double threshold = (cosine[expected.get(3)] + cosine[expected.get(4)]) / 2;
    JsonNode above = json("search", "docs", QUERY, "--min-score", String.valueOf(threshold));
    assertEquals(expected.subList(0, 4).stream().map(SENTENCES::get).toList(), texts(above));
    CliRun pageTable = run("search", "docs", QUERY, "--top-k", "1", "--offset", "2");
    assertTrue(pageTable.stdout().lines().skip(1).findFirst().orElseThrow().startsWith("3 "), pageTable.stdout());
    CliRun none = run("search", "docs", QUERY, "--min-score", "0.99");
    assertEquals("no results\n", none.stdout());
    assertEquals(0, json("search", "docs", QUERY, "--min-score", "0.99").size());
  }

  @Test
  void likeFindsTheDocumentsClosestToAStoredOne() throws IOException {
    String first = SENTENCES.get(0);
    JsonNode itself = json("search", "docs", first, "--top-k", "1");
    assertEquals(first, itself.get(0).get("text").asText());
    String id = itself.get(0).get("id").asText();
    double[] cosine = cosines(first);
    List<Integer> expected = ranking(cosine).stream().filter(i -> i != 0).toList();
    JsonNode like = json("search", "docs", "--like", id, "--top-k", "9");
    assertEquals(8, like.size(), "every other document, the document itself left out");
    assertEquals(expected.stream().map(SENTENCES::get).toList(), texts(like));
    for (int i = 0; i < 8; i++) {
      assertEquals(cosine[expected.get(i)], like.get(i).get("score").asDouble(), 1e-5);
    }
    assertOneLineError(run("search", "docs", "--like", "nope"), 2,
        "collection 'docs' holds no document 'nope' to search like");
  }

  @Test
  void hybridFusesTheKeywordRankingAsDocumented() throws IOException {
    // "cheetah" is in one sentence only, so BM25 ranks that one first and no other: its fused score gains 1/(60 + 1)
    String query = "cheetah";
    double[] cosine = cosines(query);
    List<Integer> vectorRanking = ranking(cosine);
    int keywordHit = SENTENCES.indexOf("A cheetah is running behind its prey.");
    for (double[] weights : new double[][] {{1, 1}, {2, 0.5}, {0.5, 3}}) {
      double[] fused = new double[SENTENCES.size()];
      for (int rank = 0; rank < vectorRanking.size(); rank++) {
        int sentence = vectorRanking.get(rank);
        fused[sentence] = weights[0] / (60 + rank + 1) + (sentence == keywordHit ? weights[1] / (60 + 1) : 0);
      }
      List<String> args = new ArrayList<>(List.of("search", "docs", query, "--top-k", "9"));
      if (weights[0] == 1 && weights[1] == 1) {
        args.add("--hybrid");
      } else {
        args.addAll(List.of("--hybrid-weights", weights[0] + "," + weights[1]));
      }
      JsonNode results = json(args.toArray(String[]::new));
      assertEquals(ranking(fused).stream().map(SENTENCES::get).toList(), texts(results), args.toString());
      for (JsonNode hit : results) {
        int sentence = SENTENCES.indexOf(hit.get("text").asText());
        assertEquals(fused[sentence], hit.get("score").asDouble(), 1e-9, hit.toString());
      }
    }
  }

  @Test
  void fieldsChooseWhatEachResultCarries() throws IOException {
    JsonNode bare = json("search", "docs", QUERY, "--top-k", "2", "--fields", "metadata");
    List<String> keys = new ArrayList<>();
    bare.get(0).fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("id", "score", "metadata"), keys);
    JsonNode withVector = json("search", "docs", SENTENCES.get(3), "--top-k", "1", "--fields", "text,vector");
    CliRun embed = CliRun.of("embed", SENTENCES.get(3));
    JsonNode embedded = embed.json().get("embeddings").get(0);
    JsonNode stored = withVector.get(0).get("vector");
    assertEquals(384, stored.size());
    for (int i = 0; i < 384; i++) {
      assertEquals(embedded.get(i).asDouble(), stored.get(i).asDouble(), 1e-6, "dimension " + i);
    }
  }

  @Test
  void chunksGiveOneResultPerChunkWithItsSpan() throws IOException {
    JsonNode results = json("search", "docs", QUERY, "--chunks", "--top-k", "9");
    assertEquals(texts(json("search", "docs", QUERY, "--top-k", "9")), texts(results));
    for (JsonNode hit : results) {
      JsonNode chunk = hit.get("chunk");
      assertEquals(hit.get("text").asText().substring(chunk.get("start").asInt(), chunk.get("end").asInt()),
          chunk.get("text").asText());
    }
    CliRun table = run("search", "docs", QUERY, "--chunks", "-k", "2");
    List<String> rows = TableAssertions.assertColumnsAligned(table.stdout(), "RANK");
    assertTrue(table.stdout().startsWith("RANK  SCORE   ID                CHUNK"), table.stdout());
    assertTrue(rows.get(0).contains(" 0 [0,"), rows.get(0));
  }

  @Test
  void aFilterThatDoesNotParseShowsWhereWithACaret() {
    for (String filter : List.of("year >= ", "lang = 'en' AND AND x = 1", "(a = 1", "tags IN ()")) {
      FilterSyntaxException expected = assertThrows(FilterSyntaxException.class, () -> FilterParser.parse(filter));
      CliRun run = run("search", "docs", QUERY, "--filter", filter);
      assertEquals(2, run.exitCode(), run.stderr());
      assertEquals("", run.stdout());
      List<String> lines = run.stderr().lines().toList();
      assertEquals(List.of("embedkit: " + expected.getMessage(), "  " + filter.replace('\t', ' '),
          "  " + " ".repeat(expected.column() - 1) + "^"), lines, filter);
      assertTrue(expected.getMessage().startsWith("invalid filter at column " + expected.column() + ": "));
    }
    assertOneLineError(run("search", "docs", QUERY, "--filter", "year >= 2020"), 2,
        "unknown field 'year' in filter; no field is known yet (no document with metadata has been added)");
  }

  @Test
  void badSearchInputsGiveOneLineAndExitCode2() {
    assertOneLineError(run("search", "docs", ""), 2, "the query is empty; give some words to search for");
    assertOneLineError(run("search", "docs", "   "), 2, "the query is empty; give some words to search for");
    assertOneLineError(run("search", "docs"), 2, "nothing to search for: give a QUERY text, --image PATH, --like ID or --vector JSON");
    assertOneLineError(run("search", "docs", QUERY, "--like", "x"), 2,
        "give one of QUERY, --image, --like and --vector; got QUERY and --like");
    assertOneLineError(run("search", "docs", QUERY, "-k", "0"), 2, "top-k is 0; accepted: 1 to 10000");
    assertOneLineError(run("search", "docs", QUERY, "--top-k", "10001"), 2, "top-k is 10001; accepted: 1 to 10000");
    assertOneLineError(run("search", "docs", QUERY, "--offset", "-1"), 2, "offset is -1; accepted: 0 to 10000");
    assertOneLineError(run("search", "docs", QUERY, "--ef-search", "0"), 2, "--ef-search is 0; accepted: 1 to 10000");
    assertOneLineError(run("search", "docs", QUERY, "--min-score", "NaN"), 2, "min score is NaN");
    assertOneLineError(run("search", "docs", "--like", "x", "--hybrid"), 2, "hybrid search needs a text query");
    assertOneLineError(run("search", "docs", QUERY, "--hybrid-weights", "1"), 2,
        "--hybrid-weights takes two numbers, V,K (vector and keyword weights, e.g. 1,0.5); got '1'");
    assertOneLineError(run("search", "docs", QUERY, "--hybrid-weights", "1,x"), 2,
        "--hybrid-weights takes two numbers, V,K (vector and keyword weights, e.g. 1,0.5); got '1,x'");
    assertOneLineError(run("search", "docs", QUERY, "--hybrid-weights", "0,0"), 2,
        "hybrid weights are 0.0 and 0.0; accepted: finite numbers >= 0, not both 0");
    assertOneLineError(run("search", "docs", QUERY, "--fields", "text,colour"), 2,
        "unknown field 'colour'; valid fields are: ");
    assertOneLineError(run("search", "docs", QUERY, "--format", "xml"), 2, "Invalid value for option '--format'");
    assertOneLineError(run("search", "docs", QUERY, "-k", "ten"), 2, "Invalid value for option '--top-k'");
    assertOneLineError(run("search", "docs", "--image", "cat.png"), 2,
        "collection 'docs' uses the text model all-minilm-l6-v2; image queries need a CLIP collection");
    assertOneLineError(run("search", "docs", QUERY, "--model", "all-minilm-l6-v2-int8"), 2,
        "collection 'docs' records its model, all-minilm-l6-v2; --model all-minilm-l6-v2-int8 is a different model");
    assertEquals(0, run("search", "docs", QUERY, "--model", "all-minilm-l6-v2").exitCode(), "its own model is fine");
  }
}
