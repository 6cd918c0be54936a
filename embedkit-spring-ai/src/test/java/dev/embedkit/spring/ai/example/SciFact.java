package dev.embedkit.spring.ai.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.ai.document.Document;

/** BEIR SciFact as Spring AI documents: the corpus (title + abstract), the queries, and the test relevance judgements. */
record SciFact(Path folder) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * The folder: {@code scifact.dir} if set, else the team's shared datasets: system property {@code embedkit.shared}
   * (the build sets it for tests), {@code EMBEDKIT_SHARED}, beside the clone, or /work/shared.
   */
  static SciFact locate(String configured) {
    List<Path> candidates = new ArrayList<>();
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    } else {
      for (String shared : new String[] {System.getProperty("embedkit.shared"), System.getenv("EMBEDKIT_SHARED")}) {
        if (shared != null && !shared.isBlank()) {
          candidates.add(Path.of(shared, "datasets/beir/scifact"));
        }
      }
      candidates.add(Path.of("../shared/datasets/beir/scifact"));
      candidates.add(Path.of("../../shared/datasets/beir/scifact"));
      candidates.add(Path.of("/work/shared/datasets/beir/scifact"));
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve("corpus.jsonl"))) {
        return new SciFact(candidate.toAbsolutePath().normalize());
      }
    }
    throw new IllegalArgumentException("no SciFact corpus.jsonl in " + candidates + "; set --scifact.dir=FOLDER");
  }

  /** The first {@code limit} corpus documents, id = the corpus id, metadata = title. */
  List<Document> corpus(int limit) {
    List<Document> documents = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(folder.resolve("corpus.jsonl"), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null && documents.size() < limit; line = in.readLine()) {
        JsonNode row = JSON.readTree(line);
        String title = row.path("title").asText();
        documents.add(Document.builder().id(row.path("_id").asText()).text(title + "\n" + row.path("text").asText())
            .metadata(Map.of("title", title)).build());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return documents;
  }

  /** Query id to text. */
  Map<String, String> queries() {
    Map<String, String> queries = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(folder.resolve("queries.jsonl"), StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode row = JSON.readTree(line);
        queries.put(row.path("_id").asText(), row.path("text").asText());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return queries;
  }

  /** Test query id to its relevant corpus ids, in file order. */
  Map<String, Set<String>> testJudgements() {
    Map<String, Set<String>> relevant = new LinkedHashMap<>();
    try {
      List<String> lines = Files.readAllLines(folder.resolve("qrels/test.tsv"), StandardCharsets.UTF_8);
      for (String line : lines.subList(1, lines.size())) {
        String[] cells = line.split("\t");
        relevant.computeIfAbsent(cells[0], k -> new LinkedHashSet<>()).add(cells[1]);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return relevant;
  }
}
