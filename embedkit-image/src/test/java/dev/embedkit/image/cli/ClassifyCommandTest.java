package dev.embedkit.image.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.input.ImageInput;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
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
    return runWithErr(new StringWriter(), args);
  }

  /** Runs the command with stderr going to {@code err}; returns stdout. */
  private static String runWithErr(StringWriter err, String... args) {
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new ClassifyCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.setErr(new PrintWriter(err));
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
    assertEquals(1, json.get("images").size());
    assertEquals(images.resolve("chelsea.png").toString(), json.get("images").get(0).get("image").asText());
    assertEquals(3, json.get("images").get(0).get("labels").size());
    assertEquals(0, json.get("skipped").size());
    double sum = 0;
    double previous = 1;
    for (JsonNode label : json.get("images").get(0).get("labels")) {
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
    assertTrue(lines[0].startsWith("image") && lines[0].contains("label") && lines[0].contains("probability"), out);
    assertTrue(lines[1].startsWith(images.resolve("coffee.png").toString()), out);
    assertTrue(lines[2].startsWith(" "), "the image is named on its first row only: " + out);
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

  private static JsonNode json(String out) throws IOException {
    return new ObjectMapper().readTree(out);
  }

  private static List<String> imageNames(JsonNode json) {
    List<String> names = new java.util.ArrayList<>();
    json.get("images").forEach(i -> names.add(i.get("image").asText()));
    return names;
  }

  private static List<String> labelNames(JsonNode image) {
    List<String> names = new java.util.ArrayList<>();
    image.get("labels").forEach(l -> names.add(l.get("label").asText()));
    return names;
  }

  private Path folderOf(String name, String... files) throws IOException {
    Path folder = dir.resolve(name);
    for (String f : files) {
      Path target = folder.resolve(f.substring(f.indexOf('=') + 1));
      Files.createDirectories(target.getParent());
      Files.copy(images.resolve(f.substring(0, f.indexOf('='))), target);
    }
    return folder;
  }

  @Test
  void severalImagesInOneRunGiveTheSameResultsAsOneImageAtATime() throws IOException {
    List<String> files = List.of("chelsea.png", "coffee.png", "rocket.jpg");
    String labels = "a photo of a cat,a cup of coffee,a rocket";
    JsonNode all = json(run(images.resolve(files.get(0)).toString(), images.resolve(files.get(1)).toString(),
        images.resolve(files.get(2)).toString(), "-l", labels, "-m", clip.toString(), "-f", "json"));
    assertEquals(files.stream().map(f -> images.resolve(f).toString()).toList(), imageNames(all));
    for (int i = 0; i < files.size(); i++) {
      JsonNode one = json(run(images.resolve(files.get(i)).toString(), "-l", labels, "-m", clip.toString(), "-f", "json"));
      assertEquals(one.get("images").get(0), all.get("images").get(i), files.get(i));
    }
  }

  @Test
  void repeatedLabelOptionKeepsCommasAndCombinesWithLabelsAndAFile() throws IOException {
    Path file = dir.resolve("labels-combined.txt");
    Files.writeString(file, "a photo of a rocket, at night\n", StandardCharsets.UTF_8);
    JsonNode json = json(run(images.resolve("coffee.png").toString(), "--labels", "a cat,a dog", "--label", "a cup of coffee, on a table",
        "--label", "tea", "--labels-file", file.toString(), "-m", clip.toString(), "-f", "json"));
    JsonNode labels = json.get("images").get(0);
    assertEquals(java.util.Set.of("a cat", "a dog", "a cup of coffee, on a table", "tea", "a photo of a rocket, at night"),
        new java.util.HashSet<>(labelNames(labels)));
  }

  @Test
  void labelsFileIsUtf8LinesWithBlankLinesSkippedAndNoCommentSyntax() throws IOException {
    Path file = dir.resolve("labels.txt");
    byte[] text = ("\uFEFFa photo of a cat\r\n\r\n   \r\n  un caf\u00e9, s'il vous pla\u00eet  \n#1 rocket\n\t\n")
        .getBytes(StandardCharsets.UTF_8);
    Files.write(file, text);
    assertEquals(List.of("a photo of a cat", "un caf\u00e9, s'il vous pla\u00eet", "#1 rocket"), ClassifyLabels.readFile(file));
    JsonNode json = json(run(images.resolve("chelsea.png").toString(), "--labels-file", file.toString(), "-m", clip.toString(),
        "-f", "json"));
    assertEquals(3, json.get("images").get(0).get("labels").size());
  }

  @Test
  void badLabelsFilesAndDuplicateOrMissingLabelsAreInputErrors() throws IOException {
    String image = images.resolve("coffee.png").toString();
    Path latin1 = dir.resolve("latin1.txt");
    Files.write(latin1, "a cat\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> run(image, "--labels-file", latin1.toString(), "-m", clip.toString()));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("UTF-8") && e.getMessage().contains("line 2"), e.getMessage());
    e = assertThrows(EmbedkitException.class, () -> run(image, "--labels-file", dir.resolve("nope.txt").toString(), "-m", clip.toString()));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    Path blank = dir.resolve("blank.txt");
    Files.writeString(blank, "\n  \n");
    e = assertThrows(EmbedkitException.class, () -> run(image, "--labels-file", blank.toString(), "-m", clip.toString()));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    e = assertThrows(EmbedkitException.class, () -> run(image, "-l", "a cat,a dog", "--label", " a cat ", "-m", clip.toString()));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("'a cat' is given twice"), e.getMessage());
    e = assertThrows(EmbedkitException.class, () -> run(image, "-m", clip.toString()));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("--labels-file"), e.getMessage());
    e = assertThrows(EmbedkitException.class, () -> run(image, "--label", " ", "-m", clip.toString()));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
  }

  @Test
  void skipErrorsReportsEachBadImageAndACountAndClassifiesTheRest() throws IOException {
    Path folder = folderOf("mixed", "chelsea.png=a.png", "truncated.jpg=b.jpg", "coffee.png=c.png");
    Files.write(folder.resolve("d.png"), new byte[0]);
    StringWriter err = new StringWriter();
    JsonNode json = json(runWithErr(err, folder.toString(), dir.resolve("gone.png").toString(), "-l", "a cat,a cup",
        "--skip-errors", "-m", clip.toString(), "-f", "json"));
    assertEquals(List.of(folder.resolve("a.png").toString(), folder.resolve("c.png").toString()), imageNames(json));
    JsonNode skipped = json.get("skipped");
    assertEquals(3, skipped.size());
    assertEquals(List.of(1, 3, 4), List.of(skipped.get(0).get("index").asInt(), skipped.get(1).get("index").asInt(),
        skipped.get(2).get("index").asInt()));
    assertEquals(folder.resolve("b.jpg").toString(), skipped.get(0).get("image").asText());
    assertEquals("not_found", skipped.get(2).get("error").asText());
    String[] lines = err.toString().strip().split("\n");
    assertEquals(4, lines.length, err.toString());
    assertTrue(lines[0].startsWith("embedkit: skipped: ") && lines[0].contains("b.jpg"), lines[0]);
    assertTrue(lines[1].contains("d.png") && lines[2].contains("gone.png"), err.toString());
    assertEquals("embedkit: skipped 3 of 5 images", lines[3]);
  }

  @Test
  void withoutSkipErrorsTheFirstBadImageFailsTheRunAndNothingIsPrinted() throws IOException {
    Path folder = folderOf("stops", "chelsea.png=a.png", "truncated.jpg=b.jpg", "coffee.png=c.png");
    StringWriter out = new StringWriter();
    CommandLine cmd = new CommandLine(new ClassifyCommand());
    cmd.setOut(new PrintWriter(out));
    cmd.parseArgs(folder.toString(), "-l", "a cat,a cup", "-m", clip.toString());
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> ((ClassifyCommand) cmd.getCommand()).call());
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("b.jpg") && !e.getMessage().contains("\n"), e.getMessage());
    assertEquals("", out.toString());
  }

  @Test
  void whenEveryImageIsSkippedTheRunFailsAfterReportingEach() {
    StringWriter err = new StringWriter();
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> runWithErr(err, images.resolve("truncated.jpg").toString(),
        dir.resolve("gone.png").toString(), "-l", "a cat,a cup", "--skip-errors", "-m", clip.toString()));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertEquals("none of the 2 images could be read, so nothing was classified", e.getMessage());
    assertEquals(2, err.toString().strip().split("\n").length, err.toString());
  }

  @Test
  void recursiveClassifiesSubFoldersInCodePointOrderOfRelativePaths() throws IOException {
    Path folder = folderOf("tree", "coffee.png=b.png", "chelsea.png=a/z.png", "rocket.jpg=a.png", "horse.png=.hidden/h.png");
    JsonNode flat = json(run(folder.toString(), "-l", "a cat,a cup", "-m", clip.toString(), "-f", "json"));
    assertEquals(List.of(folder.resolve("a.png").toString(), folder.resolve("b.png").toString()), imageNames(flat));
    JsonNode deep = json(run(folder.toString(), "-r", "-l", "a cat,a cup", "-m", clip.toString(), "-f", "json"));
    assertEquals(List.of(folder.resolve("a.png").toString(), folder.resolve("a/z.png").toString(), folder.resolve("b.png").toString()),
        imageNames(deep));
  }

  @Test
  void topKeepsTheMostProbableLabelsOfEachImage() throws IOException {
    String labels = "a photo of a cat,a cup of coffee,a rocket";
    String a = images.resolve("chelsea.png").toString();
    String b = images.resolve("coffee.png").toString();
    JsonNode full = json(run(a, b, "-l", labels, "-m", clip.toString(), "-f", "json"));
    JsonNode top = json(run(a, b, "-l", labels, "--top", "1", "-m", clip.toString(), "-f", "json"));
    for (int i = 0; i < 2; i++) {
      assertEquals(1, top.get("images").get(i).get("labels").size());
      assertEquals(full.get("images").get(i).get("labels").get(0), top.get("images").get(i).get("labels").get(0));
    }
    String table = run(a, b, "-l", labels, "-k", "1", "-m", clip.toString());
    assertEquals(3, table.strip().split("\n").length, "a header and one row per image: " + table);
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> run(a, "-l", labels, "--top", "0", "-m", clip.toString()));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
  }
}
