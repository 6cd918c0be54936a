package dev.embedkit.bench.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The real texts behind the benchmark's vectors, read from the shared datasets folder in a fixed order.
 *
 * <p>Base sentences (what the index's vectors are derived from): the STS-B test sentences (both columns), then
 * SciFact's titles, then SciFact's abstracts split into sentences (a split after '.', '!' or '?' followed by
 * whitespace and a capital letter; pieces under 4 words dropped); exact duplicates keep their first occurrence.
 * Queries: SciFact's 1,109 claims ({@code queries.jsonl}), which are none of the base sentences.
 *
 * @param base the base sentences
 * @param queries the query texts
 */
public record BenchTexts(List<String> base, List<String> queries) {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z])");
  private static final int MIN_WORDS = 4;

  static BenchTexts read(Path datasets) throws IOException {
    Set<String> base = new LinkedHashSet<>();
    Path stsb = datasets.resolve("stsb/stsb-en-test.csv");
    for (String line : Files.readAllLines(stsb, StandardCharsets.UTF_8)) {
      List<String> cells = csv(line);
      if (cells.size() >= 2) {
        base.add(cells.get(0).strip());
        base.add(cells.get(1).strip());
      }
    }
    ObjectMapper json = new ObjectMapper();
    Path scifact = datasets.resolve("beir/scifact");
    List<String> abstracts = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(scifact.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        JsonNode doc = json.readTree(line);
        String title = doc.path("title").asText("").strip();
        if (!title.isEmpty()) {
          base.add(title);
        }
        abstracts.add(doc.path("text").asText(""));
      }
    }
    for (String text : abstracts) {
      for (String sentence : SENTENCE_END.split(text)) {
        String s = sentence.strip();
        if (s.split("\\s+").length >= MIN_WORDS) {
          base.add(s);
        }
      }
    }
    base.remove("");
    List<String> queries = new ArrayList<>();
    try (BufferedReader reader = Files.newBufferedReader(scifact.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String text = json.readTree(line).path("text").asText("").strip();
        if (!text.isEmpty() && !base.contains(text)) {
          queries.add(text);
        }
      }
    }
    return new BenchTexts(List.copyOf(base), List.copyOf(queries));
  }

  /** One line of a simple CSV (quotes with doubled quotes inside, no line breaks inside a cell). */
  public static List<String> csv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }
}
