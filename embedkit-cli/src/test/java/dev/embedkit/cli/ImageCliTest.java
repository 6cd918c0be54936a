package dev.embedkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.model.BuiltinPack;
import dev.embedkit.model.PackCache;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image inputs through the CLI with the tiny CLIP-shaped model that embedkit-image/scripts/make_tiny_models.py
 * generates (its text side uses the default pack's tokenizer), on the shared test images.
 */
class ImageCliTest {
  static final Path TINY_CLIP = Path.of("..", "embedkit-image", "scripts", "tiny", "clip");
  static final Path IMAGES = sharedImages();

  @TempDir static Path model;

  @BeforeAll
  static void assembleModel() throws IOException {
    assemble(model);
  }

  /** Copies the tiny CLIP model into {@code target} with the default pack's tokenizer (for other CLI tests too). */
  static void assemble(Path target) throws IOException {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(IMAGES),
        "the shared images are not beside the repository, in EMBEDKIT_SHARED or in /work/shared");
    try (Stream<Path> files = Files.walk(TINY_CLIP)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(TINY_CLIP.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    Files.copy(PackCache.standard().materialize(BuiltinPack.ALL_MINILM_L6_V2).resolve("tokenizer.json"),
        target.resolve("tokenizer.json"));
  }

  /** The team's shared images: beside the clone (embedkit.shared, set by the parent pom), EMBEDKIT_SHARED, /work/shared. */
  static Path sharedImages() {
    for (String candidate : new String[] {System.getProperty("embedkit.shared"), System.getenv("EMBEDKIT_SHARED"), "/work/shared"}) {
      if (candidate != null && Files.isDirectory(Path.of(candidate, "datasets", "images"))) {
        return Path.of(candidate, "datasets", "images").toAbsolutePath().normalize();
      }
    }
    return Path.of("..", "..", "shared", "datasets", "images"); // absent: assembleModel's assumption reports it
  }

  static String image(String name) {
    return IMAGES.resolve(name).toString();
  }

  @Test
  void embedsImagesWithTheSameOutputShapeAsTexts() throws IOException {
    CliRun run = CliRun.of("embed", "--model", model.toString(), "--image", image("chelsea.png"), image("coffee.png"));
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode json = run.json();
    assertEquals(2, json.get("embeddings").size());
    assertEquals(json.get("dimensions").asInt(), json.get("embeddings").get(0).size());
    CliRun text = CliRun.of("embed", "--model", model.toString(), "a photo of a cat");
    assertEquals(json.get("dimensions").asInt(), text.json().get("dimensions").asInt(), "one joint space");
  }

  @Test
  void similarityAcrossTextsAndImages() throws IOException {
    CliRun run = CliRun.of("similarity", "--format", "json", "--model", model.toString(), "a cat", "a dog",
        "--against-image", image("chelsea.png"), image("coffee.png"), image("rocket.jpg"));
    assertEquals(0, run.exitCode(), run.stderr());
    JsonNode json = run.json();
    assertEquals(2, json.get("matrix").size());
    assertEquals(3, json.get("matrix").get(0).size());
    assertTrue(json.get("columns").get(0).asText().endsWith("chelsea.png"));
  }

  @Test
  void classifyGivesAProbabilityPerLabel() throws IOException {
    CliRun run = CliRun.of("classify", image("chelsea.png"), "--model", model.toString(),
        "--labels", "a photo of a cat,a photo of a dog", "--format", "json");
    assertEquals(0, run.exitCode(), run.stderr());
    String out = run.stdout();
    assertTrue(out.contains("a photo of a cat") && out.contains("a photo of a dog"), out);
  }

  @Test
  void badImagesAndWrongModelsAreOneLineErrors() {
    EmbedkitCliTest.assertOneLineError(CliRun.of("embed", "--model", model.toString(), "--image", image("truncated.jpg")),
        2, image("truncated.jpg") + " is a truncated or corrupt JPEG");
    EmbedkitCliTest.assertOneLineError(CliRun.of("embed", "--model", "all-minilm-l6-v2", "--image", image("chelsea.png")),
        2, "model all-minilm-l6-v2 embeds text only");
    EmbedkitCliTest.assertOneLineError(CliRun.of("embed", "--model", model.toString(), "text", "--image", image("chelsea.png")),
        2, "give texts or --image inputs, not both");
  }
}
