package dev.embedkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embedkit search --chunks} on a collection that splits texts into small chunks: one result per chunk with its
 * span of the text, scored as {@code embedkit similarity} scores the chunk's own text; without it, one result per
 * document, its best chunk.
 */
class SearchChunksCliTest {
  static final String TEXT = "The volcano erupted at dawn and covered the village in ash. Farmers lost their crops and"
      + " many families left the valley for the coast. Years later, a small bakery opened on the main square; its"
      + " sourdough bread and cinnamon rolls drew visitors from far away. The bakers rose at four every morning to"
      + " light the wood oven. Today the town hosts a music festival each summer, with jazz bands and folk singers"
      + " playing late into the night.";

  @TempDir Path dir;

  CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--path");
    all.add(dir.resolve("collections").toString());
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void chunkResultsCarryTheirSpanAndTheirOwnScore() throws IOException {
    assertEquals(0, run("collection", "create", "long", "--chunk-tokens", "32", "--chunk-overlap", "8").exitCode());
    assertEquals(0, run("index", "long", TEXT).exitCode());
    String query = "fresh bread from the oven";
    CliRun chunks = run("search", "long", query, "--chunks", "--top-k", "20", "--format", "json");
    assertEquals(0, chunks.exitCode(), chunks.stderr());
    JsonNode results = chunks.json().get("results");
    assertTrue(results.size() >= 3, "a text of over 80 tokens in chunks of 32: " + results);
    double best = -2;
    JsonNode bestChunk = null;
    List<Integer> indexes = new ArrayList<>();
    for (JsonNode hit : results) {
      JsonNode chunk = hit.get("chunk");
      String span = TEXT.substring(chunk.get("start").asInt(), chunk.get("end").asInt());
      assertEquals(span, chunk.get("text").asText());
      double cosine = CliRun.of("similarity", "--format", "json", query, "--against", span).json().get("matrix")
          .get(0).get(0).asDouble();
      assertEquals(cosine, hit.get("score").asDouble(), 1e-5, span);
      indexes.add(chunk.get("index").asInt());
      if (hit.get("score").asDouble() > best) {
        best = hit.get("score").asDouble();
        bestChunk = chunk;
      }
    }
    assertEquals(indexes.size(), indexes.stream().distinct().count(), "each chunk once: " + indexes);
    assertTrue(bestChunk.get("text").asText().contains("bread"), bestChunk.toString());
    CliRun documents = run("search", "long", query, "--format", "json");
    JsonNode only = documents.json().get("results");
    assertEquals(1, only.size(), "one result per document");
    assertEquals(best, only.get(0).get("score").asDouble(), 1e-9);
    assertEquals(bestChunk, only.get(0).get("chunk"));
    assertEquals(TEXT, only.get(0).get("text").asText());
  }
}
