package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embedkit index --image DIR} and {@code embedkit search --image} on a CLIP collection, with the tiny CLIP model
 * {@link ImageCliTest} assembles: image-to-image and text-to-image results scored as {@code embedkit similarity}
 * scores the same images.
 */
class IndexImagesCliTest {
  static final List<String> NAMES = List.of("astronaut.png", "chelsea.png", "coffee.png", "horse.png");

  @TempDir static Path dir;
  static Path model;
  static Path images;

  @BeforeAll
  static void assemble() throws IOException {
    model = dir.resolve("tiny-clip");
    ImageCliTest.assemble(model);
    images = Files.createDirectories(dir.resolve("images"));
    for (String name : NAMES) {
      Files.copy(ImageCliTest.IMAGES.resolve(name), images.resolve(name));
    }
  }

  static CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--path");
    all.add(dir.resolve("collections").toString());
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void imageAndTextQueriesRankTheImagesAsSimilarityDoes() throws IOException {
    // --chunk-tokens -1: the store's chunker cannot split texts for a CLIP model yet (it needs token spans), and an
    // image collection's documents are images
    CliRun created = run("collection", "create", "pictures", "--model", model.toString(), "--chunk-tokens", "-1");
    assertEquals(0, created.exitCode(), created.stderr());
    CliRun indexed = run("index", "pictures", "--image", images.toString());
    assertEquals(0, indexed.exitCode(), indexed.stderr());
    assertEquals("indexed 4 documents into 'pictures'; it holds 4\n", indexed.stdout());
    List<String> paths = NAMES.stream().map(n -> images.resolve(n).toString()).toList();
    for (String[] query : List.of(new String[] {"--image", paths.get(1)}, new String[] {"a photo of a horse"})) {
      List<String> args = new ArrayList<>(List.of("search", "pictures"));
      args.addAll(List.of(query));
      args.addAll(List.of("--format", "json"));
      CliRun search = run(args.toArray(String[]::new));
      assertEquals(0, search.exitCode(), search.stderr());
      JsonNode results = search.json().get("results");
      assertEquals(4, results.size());
      List<String> similarity = new ArrayList<>(List.of("similarity", "--model", model.toString(), "--format",
          "json"));
      similarity.addAll(query.length == 2 ? List.of("--image", query[1]) : List.of(query[0]));
      similarity.add("--against-image");
      similarity.addAll(paths);
      JsonNode row = CliRun.of(similarity.toArray(String[]::new)).json().get("matrix").get(0);
      double previous = Double.MAX_VALUE;
      for (JsonNode hit : results) {
        int column = NAMES.indexOf(hit.get("id").asText());
        assertEquals(row.get(column).asDouble(), hit.get("score").asDouble(), 1e-5, hit.toString());
        assertEquals(paths.get(column), hit.get("image").asText());
        assertEquals(true, hit.get("score").asDouble() <= previous, "best first");
        previous = hit.get("score").asDouble();
      }
    }
    assertOneLineError(run("search", "pictures", "--image", images.resolve("missing.png").toString()), 2, "");
    assertOneLineError(run("index", "pictures", "--image", images.resolve("horse.png").toString()), 2,
        images.resolve("horse.png") + " is not a folder");
  }
}
