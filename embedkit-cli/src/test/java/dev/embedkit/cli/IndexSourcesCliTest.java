package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embedkit index --input} from a folder of text files, JSON Lines and CSV, then searched with filters on the
 * metadata they bring; scores checked against {@code embedkit similarity} on the stored texts.
 */
class IndexSourcesCliTest {
  @TempDir Path dir;

  CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--path");
    all.add(dir.resolve("collections").toString());
    return CliRun.of(all.toArray(String[]::new));
  }

  JsonNode search(String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--format", "json"));
    CliRun run = run(all.toArray(String[]::new));
    assertEquals(0, run.exitCode(), run.stderr());
    return run.json().get("results");
  }

  static double cosine(String a, String b) throws IOException {
    CliRun similarity = CliRun.of("similarity", "--format", "json", a, "--against", b);
    assertEquals(0, similarity.exitCode(), similarity.stderr());
    return similarity.json().get("matrix").get(0).get(0).asDouble();
  }

  Path write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  @Test
  void aFolderOfTextMarkdownAndHtmlFiles() throws IOException {
    write("docs/a.txt", "Cats sleep most of the day.");
    String markdown = "# Dogs\n\nDogs bark at the mailman.";
    write("docs/notes/b.md", markdown);
    write("docs/c.html", "<html><head><title>Birds</title></head><body><p>Birds sing at dawn.</p>"
        + "<script>var hidden = 1;</script></body></html>");
    write("docs/.hidden.txt", "not read");
    write("docs/photo.png", "not text");
    write("docs/empty.txt", "  \n");
    assertEquals(0, run("collection", "create", "files").exitCode());
    Path folder = dir.resolve("docs");
    CliRun indexed = run("index", "files", "--input", folder.toString());
    assertEquals(0, indexed.exitCode(), indexed.stderr());
    assertEquals("indexed 3 documents into 'files'; it holds 3\n", indexed.stdout());
    assertEquals("embedkit: note: left out 3 files of " + folder + ": 2 hidden or of another type (read: .txt, .md,"
        + " .markdown, .html, .htm), 1 blank\n", indexed.stderr());

    JsonNode birds = search("search", "files", "birds in the morning", "-k", "1");
    assertEquals("c.html", birds.get(0).get("id").asText());
    String text = birds.get(0).get("text").asText();
    assertTrue(text.contains("Birds sing at dawn.") && !text.contains("hidden"), text);
    assertEquals("Birds", birds.get(0).get("metadata").get("title").asText());
    assertEquals(cosine("birds in the morning", text), birds.get(0).get("score").asDouble(), 1e-5);

    JsonNode md = search("search", "files", "birds in the morning", "--filter", "type = 'md'");
    assertEquals(1, md.size());
    assertEquals("notes/b.md", md.get(0).get("id").asText());
    assertEquals(markdown, md.get(0).get("text").asText());
    assertEquals(cosine("birds in the morning", markdown), md.get(0).get("score").asDouble(), 1e-5);
  }

  @Test
  void jsonLinesAndCsvBringMetadataToFilterOn() throws IOException {
    String[][] rows = {
        {"r1", "The new phone has a great camera.", "en", "2023"},
        {"r2", "Das Telefon hat eine gute Kamera.", "de", "2023"},
        {"r3", "This old phone's camera is poor.", "en", "2019"},
        {"r4", "The laptop battery lasts all day.", "en", "2024"},
        {"r5", "Le téléphone a un bon appareil photo.", "fr", "2021"}};
    StringBuilder jsonl = new StringBuilder();
    StringBuilder csv = new StringBuilder("id,text,lang,year\n");
    for (String[] r : rows) {
      jsonl.append("{\"id\": \"").append(r[0]).append("\", \"text\": \"").append(r[1].replace("'", "'"))
          .append("\", \"metadata\": {\"lang\": \"").append(r[2]).append("\", \"year\": ").append(r[3]).append("}}\n");
      csv.append(r[0]).append(",\"").append(r[1]).append("\",").append(r[2]).append(',').append(r[3]).append('\n');
    }
    Path jsonlFile = write("reviews.jsonl", jsonl.toString());
    Path csvFile = write("reviews.csv", csv.toString());
    String query = "a phone with a good camera";
    for (Path file : List.of(jsonlFile, csvFile)) {
      String name = file.getFileName().toString().replace('.', '-');
      assertEquals(0, run("collection", "create", name).exitCode());
      CliRun indexed = run("index", name, "--input", file.toString());
      assertEquals(0, indexed.exitCode(), indexed.stderr());
      assertEquals("indexed 5 documents into '" + name + "'; it holds 5\n", indexed.stdout());
      JsonNode results = search("search", name, query, "--filter", "lang = 'en' AND year >= 2020");
      List<String> ids = new ArrayList<>();
      results.forEach(r -> ids.add(r.get("id").asText()));
      double r1 = cosine(query, rows[0][1]);
      double r4 = cosine(query, rows[3][1]);
      assertEquals(r1 > r4 ? List.of("r1", "r4") : List.of("r4", "r1"), ids, file.toString());
      assertEquals(Math.max(r1, r4), results.get(0).get("score").asDouble(), 1e-5);
      assertEquals(2023, results.get(ids.indexOf("r1")).get("metadata").get("year").asLong());
      JsonNode info = run("collection", "info", name, "--format", "json").json();
      assertEquals("string", info.get("fields").get("lang").get(0).asText());
      assertEquals("long", info.get("fields").get("year").get(0).asText());
      assertOneLineError(run("search", name, query, "--filter", "year = 'recent'"), 2,
          "filter compares field 'year', which holds ");
      assertOneLineError(run("search", name, query, "--filter", "colour = 'red'"), 2,
          "unknown field 'colour' in filter; known fields: ");
    }
  }

  @Test
  void badSourcesGiveOneLineAndExitCode2() throws IOException {
    assertEquals(0, run("collection", "create", "docs").exitCode());
    assertOneLineError(run("index", "docs", "--input", dir.resolve("missing.jsonl").toString()), 2,
        "cannot import " + dir.resolve("missing.jsonl") + ": it does not exist");
    Path pdf = write("paper.pdf", "%PDF");
    assertOneLineError(run("index", "docs", "--input", pdf.toString()), 2, "cannot import " + pdf + ": accepted are");
    Path bad = write("bad.jsonl", "{\"id\": \"a\", \"text\": \"fine\"}\n{\"id\": \"b\", \"text\": \n");
    assertOneLineError(run("index", "docs", "--input", bad.toString()), 2, bad + " line 2 is not valid JSON");
    StringBuilder long_ = new StringBuilder();
    for (int i = 1; i <= 130; i++) {
      long_.append("{\"id\": \"n").append(i).append("\", \"text\": \"note number ").append(i).append("\"}\n");
    }
    Path late = write("late.jsonl", long_.append("not json\n").toString());
    CliRun failed = run("index", "docs", "--input", late.toString(), "--no-progress");
    assertEquals(2, failed.exitCode(), failed.stderr());
    assertTrue(failed.stderr().startsWith("embedkit: " + late + " line 131 "), failed.stderr());
    java.util.regex.Matcher before = java.util.regex.Pattern.compile("the (\\d+) documents? before it are indexed")
        .matcher(failed.stderr());
    long held = run("collection", "info", "docs", "--format", "json").json().get("documents").asLong();
    assertTrue(!before.find() || Long.parseLong(before.group(1)) <= held, failed.stderr() + " held " + held);
    Path noIds = write("noids.jsonl", "{\"text\": \"no id here\"}\n");
    CliRun refused = run("index", "docs", "--input", noIds.toString());
    assertEquals(2, refused.exitCode(), refused.stderr());
    CliRun generated = run("index", "docs", "--input", noIds.toString(), "--generate-ids");
    assertEquals(0, generated.exitCode(), generated.stderr());
    assertEquals("noids.jsonl:1", search("search", "docs", "no id here", "-k", "1").get(0).get("id").asText());
    assertOneLineError(run("index", "docs", "--input", noIds.toString(), "--id-column", "key"), 2,
        "--id-column applies to a .csv or .tsv --input");
    assertOneLineError(run("index", "docs", "text", "--generate-ids"), 2,
        "--generate-ids applies to a .jsonl, .csv or .tsv --input");
    assertFalse(run("collection", "info", "docs").stdout().isEmpty());
  }
}
