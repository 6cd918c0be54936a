package dev.embedkit.image.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.ImageInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ClassifyCommandTest {
  @TempDir
  static Path dir;
  static Path clip;
  static Path images;

  @BeforeAll
  static void copyTinyClip() throws IOException {
    Path module = Path.of(System.getProperty("user.dir"));
    images = dev.embedkit.image.TestData.sharedImages();
    Path source = module.resolve("scripts/tiny/clip");
    clip = dir.resolve("clip");
    try (Stream<Path> files = Files.walk(source)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path t = clip.resolve(source.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t);
        }
      }
    }
    try (InputStream in = ClassifyCommandTest.class.getResourceAsStream("/" + dev.embedkit.model.BuiltinPack.ALL_MINILM_L6_V2.tokenizerResource())) {
      Assumptions.assumeTrue(in != null, "MiniLM tokenizer resource missing from the test class path");
      Files.copy(in, clip.resolve("tokenizer.json"));
    }
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new ClassifyCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.parseArgs(args);
    // call directly so EmbedkitException reaches the test as the CLI's main would receive it
    assertEquals(0, ((ClassifyCommand) cmd.getCommand()).call());
    return out.toString();
  }

  @Test
  void jsonOutputListsEveryLabelWithProbabilitiesSummingToOne() throws IOException {
    String out = run(images.resolve("chelsea.png").toString(), "--labels", "a photo of a cat,a photo of a dog,a rocket",
        "--model", clip.toString(), "--format", "json");
    JsonNode json = new ObjectMapper().readTree(out);
    assertEquals(3, json.get("labels").size());
    double sum = 0;
    double previous = 1;
    for (JsonNode label : json.get("labels")) {
      double p = label.get("probability").asDouble();
      assertTrue(p <= previous + 1e-12, "sorted by probability");
      previous = p;
      sum += p;
    }
    assertEquals(1.0, sum, 1e-9);
  }

  @Test
  void tableOutputHasAHeaderAndOneRowPerLabel() {
    String out = run(images.resolve("coffee.png").toString(), "-l", "a cup of coffee, a cat", "-m", clip.toString());
    String[] lines = out.strip().split("\n");
    assertEquals(3, lines.length, out);
    assertTrue(lines[0].startsWith("label"), out);
  }

  @Test
  void unknownFormatIsAnInputError() {
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> run(images.resolve("coffee.png").toString(), "-l", "a,b", "-m", clip.toString(), "-f", "xml"));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
  }

  @Test
  void textOnlyModelCannotClassifyImages() {
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> run(images.resolve("coffee.png").toString(), "-l", "a,b", "-m", "all-minilm-l6-v2-int8"));
    assertEquals(ErrorKind.UNSUPPORTED, e.kind());
  }

  @Test
  void folderOptionsExpandToImageFilesSortedByName() throws IOException {
    Path folder = dir.resolve("pics");
    Files.createDirectories(folder);
    Files.copy(images.resolve("coffee.png"), folder.resolve("b.png"));
    Files.copy(images.resolve("rocket.jpg"), folder.resolve("a.JPG"));
    Files.writeString(folder.resolve("notes.txt"), "not an image");
    List<ImageInput> inputs = ImageInputs.fromOptions(List.of(folder.toString(), "https://example.org/c.png"));
    assertEquals(List.of(folder.resolve("a.JPG").toString(), folder.resolve("b.png").toString(), "https://example.org/c.png"),
        ImageInputs.labels(inputs));
    assertThrows(EmbedkitException.class, () -> ImageInputs.fromOptions(List.of()));
  }
}
