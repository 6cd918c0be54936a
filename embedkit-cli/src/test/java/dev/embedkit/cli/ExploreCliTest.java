package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embedkit map}, {@code embedkit mine} and {@code similarity --heatmap} in-process on all-minilm-l6-v2: what
 * they write opens, what they report agrees with {@code embedkit similarity}, and bad input is one line.
 */
class ExploreCliTest {
  /** Three topics of ten sentences each. */
  static final List<String> TOPICS = List.of(
      "The striker scored a late goal in the football match.",
      "The goalkeeper saved a penalty in the final minute.",
      "Fans cheered as the team won the championship game.",
      "The coach praised the midfielders after the soccer match.",
      "A defender was sent off for a foul on the winger.",
      "The football club signed a new forward this season.",
      "The referee awarded a free kick near the penalty area.",
      "Both teams scored twice in an exciting soccer game.",
      "The league table changed after the weekend's football matches.",
      "The captain lifted the trophy after the cup final.",
      "Simmer the tomato sauce with garlic and fresh basil.",
      "Knead the bread dough and let it rise for an hour.",
      "Roast the chicken in the oven until the skin is crisp.",
      "Whisk the eggs with sugar before folding in the flour.",
      "Chop the onions finely and fry them in olive oil.",
      "Season the soup with salt, pepper and a little lemon.",
      "Bake the chocolate cake at 180 degrees for forty minutes.",
      "Boil the pasta in salted water until it is al dente.",
      "Marinate the beef overnight in soy sauce and ginger.",
      "Serve the salad with a dressing of vinegar and mustard.",
      "The new laptop has a faster processor and more memory.",
      "Install the latest operating system update on your computer.",
      "The programmer fixed a bug in the database software.",
      "This graphics card renders games at high frame rates.",
      "Back up your files to an external hard drive regularly.",
      "The smartphone's battery lasts two days on a single charge.",
      "The software engineer wrote unit tests for the new code.",
      "A solid state drive makes the computer boot much faster.",
      "The keyboard and mouse connect to the laptop over bluetooth.",
      "The web server crashed because it ran out of memory.");

  @TempDir Path dir;

  static List<String> args(String... first) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(TOPICS);
    return all;
  }

  @Test
  void aMapOfThreeTopicsFindsThemNamesThemAndDrawsAPng() throws IOException {
    Path png = dir.resolve("map.png");
    CliRun run = CliRun.of(args("map", "--clusters", "3", "--output", png.toString()).toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.stderr());
    BufferedImage image = ImageIO.read(png.toFile());
    assertNotNull(image, "the PNG decodes");
    assertTrue(image.getWidth() >= 800, "width " + image.getWidth());
    String out = run.stdout();
    assertTrue(out.startsWith(png + ": 30 points; UMAP, seed 42; 3 clusters"), out);
    // each topic is one cluster of ten, named by its own words
    assertEquals(3, out.lines().filter(l -> l.matches("\\s*\\d\\s+10\\s+.*")).count(), out);
    assertTrue(out.matches("(?s).*(football|soccer|match|team|goal).*"), out);
    assertTrue(out.matches("(?s).*(sauce|bake|oven|chicken|bread|pasta|soup).*"), out);
    assertTrue(out.matches("(?s).*(computer|laptop|software|memory|drive).*"), out);
  }

  @Test
  void theSameSeedDrawsTheSameSvgAndAnotherSeedAnotherMap() throws IOException {
    Path a = dir.resolve("a.svg");
    Path b = dir.resolve("b.svg");
    Path c = dir.resolve("c.svg");
    assertEquals(0, CliRun.of(args("map", "-o", a.toString()).toArray(String[]::new)).exitCode());
    assertEquals(0, CliRun.of(args("map", "-o", b.toString()).toArray(String[]::new)).exitCode());
    assertEquals(0, CliRun.of(args("map", "--seed", "7", "-o", c.toString()).toArray(String[]::new)).exitCode());
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    assertFalse(Files.readString(a).equals(Files.readString(c)));
    assertTrue(Files.readString(a).contains("seed 42"));
  }

  @Test
  void aCollectionIsMappedFromItsStoredVectorsAsAnHtmlPage() throws IOException {
    String path = dir.resolve("collections").toString();
    assertEquals(0, CliRun.of("collection", "create", "topics", "--path", path).exitCode());
    CliRun indexed = CliRun.of(args("index", "topics", "--no-progress", "--path", path).toArray(String[]::new));
    assertEquals(0, indexed.exitCode(), indexed.stderr());
    Path html = dir.resolve("topics.html");
    CliRun run = CliRun.of("map", "--collection", "topics", "--path", path, "--method", "pca", "-o", html.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    String page = Files.readString(html);
    assertTrue(page.startsWith("<!DOCTYPE html>") || page.startsWith("<!doctype html>"), page.substring(0, 40));
    for (String text : TOPICS) {
      assertTrue(page.contains(text.substring(0, 20)), "the page holds " + text);
    }
    assertFalse(page.contains("http://") || page.contains("https://") && page.contains("<script src"),
        "no network resources");
    assertOneLineError(CliRun.of("map", "--collection", "topics", "--path", path, "-m", "all-minilm-l6-v2", "-o",
        html.toString()), 2, "--model does not apply to --collection");
  }

  @Test
  void badInputIsOneLineAndWritesNothing() {
    Path jpg = dir.resolve("map.jpg");
    assertOneLineError(CliRun.of(args("map", "-o", jpg.toString()).toArray(String[]::new)), 2, "");
    assertFalse(Files.exists(jpg));
    assertOneLineError(CliRun.of(args("map", "-o", dir.resolve("missing/map.png").toString()).toArray(String[]::new)),
        2, "cannot write");
    assertOneLineError(CliRun.of("map", "-o", dir.resolve("m.png").toString()), 2, "nothing to read");
    assertOneLineError(CliRun.of("map", "one", "two", "-o", dir.resolve("m.png").toString()), 2,
        "a map needs at least 3 points; got 2");
    assertOneLineError(CliRun.of(args("map", "--method", "mds", "-o", dir.resolve("m.png").toString())
        .toArray(String[]::new)), 2, "unknown projection method 'mds'; valid methods are: pca, umap, tsne");
    assertOneLineError(CliRun.of(args("map", "--clusters", "many", "-o", dir.resolve("m.png").toString())
        .toArray(String[]::new)), 2, "unknown clustering 'many'");
    assertOneLineError(CliRun.of(args("map", "-i", "x.txt", "-o", dir.resolve("m.png").toString())
        .toArray(String[]::new)), 2, "give one of TEXT, --input, --collection and --image; got TEXT and --input");
    assertOneLineError(CliRun.of("mine", "synonyms", "a", "b"), 2,
        "unknown mining 'synonyms'; accepted: paraphrases, duplicates");
    assertOneLineError(CliRun.of("similarity", "--heatmap", dir.resolve("h.gif").toString(), "a", "b"), 2, "");
    assertOneLineError(CliRun.of("similarity", "--heatmap", dir.resolve("h.png").toString(), "a", "--against", "b"), 2,
        "--heatmap draws the inputs against each other");
  }

  @Test
  void aFewPointsAreDrawnWithPcaAndTheCaptionSaysSo() throws IOException {
    Path svg = dir.resolve("few.svg");
    CliRun run = CliRun.of("map", "a red apple", "a green pear", "a yellow banana", "a fast car", "-o", svg.toString());
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("UMAP needs at least 10 points; drawn with PCA"), run.stdout());
    assertTrue(Files.readString(svg).contains("drawn with PCA"));
  }

  @Test
  void paraphraseMiningRanksPairsByTheCosinesSimilarityPrints() throws IOException {
    List<String> texts = TOPICS.subList(0, 12);
    List<String> mine = new ArrayList<>(List.of("mine", "paraphrases", "--format", "json"));
    mine.addAll(texts);
    CliRun run = CliRun.of(mine.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode pairs = run.json().get("pairs");
    assertEquals(12 * 11 / 2, pairs.size(), "every pair, as top_k 100 exceeds the inputs");
    List<String> similarity = new ArrayList<>(List.of("similarity", "--format", "json"));
    similarity.addAll(texts);
    JsonNode matrix = CliRun.of(similarity.toArray(String[]::new)).json().get("matrix");
    double previous = Double.POSITIVE_INFINITY;
    for (JsonNode pair : pairs) {
      int i = pair.get("first").get("index").asInt();
      int j = pair.get("second").get("index").asInt();
      assertTrue(i < j);
      assertEquals(matrix.get(i).get(j).asDouble(), pair.get("score").asDouble(), 1e-5);
      assertTrue(pair.get("score").asDouble() <= previous, "best first");
      previous = pair.get("score").asDouble();
    }
  }

  @Test
  void nearDuplicatesAreGroupedWithTheirRepresentative() throws IOException {
    String[] texts = {"The cat sat on the mat.", "A dog barked at the postman.", "The cat sat on the mat.",
        "The cat sat on the mat!", "Stocks fell sharply today."};
    // the exact copy scores 1.0; "...mat!" scores 0.9474 to the others (embedkit similarity)
    for (String threshold : List.of("0.95", "0.9")) {
      List<String> args = new ArrayList<>(List.of("mine", "duplicates", "--format", "json", "--threshold", threshold));
      args.addAll(List.of(texts));
      CliRun run = CliRun.of(args.toArray(String[]::new));
      assertEquals(0, run.exitCode(), run.stderr());
      JsonNode json = run.json();
      assertEquals(1, json.get("groups").size(), json.toString());
      JsonNode group = json.get("groups").get(0);
      List<Integer> members = new ArrayList<>();
      group.get("members").forEach(m -> members.add(m.get("index").asInt()));
      List<Integer> expected = threshold.equals("0.95") ? List.of(0, 2) : List.of(0, 2, 3);
      assertEquals(expected, members, "threshold " + threshold);
      assertEquals(expected.size() - 1, json.get("duplicates").asInt());
      assertTrue(expected.contains(group.get("representative").get("index").asInt()));
    }
    CliRun table = CliRun.of("mine", "duplicates", "The cat sat on the mat.", "A dog barked.", "The cat sat on the mat.");
    assertTrue(table.stdout().startsWith("3 inputs: 1 group of near duplicates"), table.stdout());
  }

  @Test
  void theHeatmapLabelsEveryInput() throws IOException {
    Path svg = dir.resolve("heat.svg");
    CliRun run = CliRun.of("similarity", "--heatmap", svg.toString(), "The weather is lovely today.",
        "It's so sunny outside!", "He drove to the stadium.");
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("0.6660"), "the table is still printed");
    String text = Files.readString(svg);
    assertTrue(text.contains("The weather is lovely") && text.contains("sunny outside") && text.contains("stadium"));
    assertTrue(text.contains("0.67") || text.contains("0.666"), "cell values printed");
    Path png = dir.resolve("heat.png");
    assertEquals(0, CliRun.of("similarity", "--heatmap", png.toString(), "a", "b", "c").exitCode());
    assertNotNull(ImageIO.read(png.toFile()));
  }
}
