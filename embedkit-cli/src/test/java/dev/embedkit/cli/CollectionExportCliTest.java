package dev.embedkit.cli;

import static dev.embedkit.cli.EmbedkitCliTest.assertOneLineError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embedkit collection export} to JSON Lines and to .npy, read back: the vectors are {@code embedkit embed}'s,
 * and an exported file indexed into a new collection searches the same.
 */
class CollectionExportCliTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> TEXTS = List.of("Cats sleep a lot.", "Dogs bark at night.", "Stocks fell today.");

  @TempDir Path dir;

  CliRun run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--path");
    all.add(dir.resolve("collections").toString());
    return CliRun.of(all.toArray(String[]::new));
  }

  @Test
  void jsonlAndNpyHoldTheDocumentsAndEmbedsVectors() throws IOException {
    StringBuilder input = new StringBuilder();
    for (int i = 0; i < TEXTS.size(); i++) {
      input.append("{\"id\": \"d").append(i).append("\", \"text\": \"").append(TEXTS.get(i))
          .append("\", \"metadata\": {\"n\": ").append(i).append("}}\n");
    }
    Path source = Files.writeString(dir.resolve("in.jsonl"), input);
    assertEquals(0, run("collection", "create", "docs").exitCode());
    assertEquals(0, run("index", "docs", "--input", source.toString()).exitCode());
    JsonNode embedded = CliRun.of("embed", TEXTS.get(0), TEXTS.get(1), TEXTS.get(2)).json().get("embeddings");

    Path jsonl = dir.resolve("out/docs.jsonl");
    Files.createDirectories(jsonl.getParent());
    CliRun exported = run("collection", "export", "docs", "--output", jsonl.toString());
    assertEquals(0, exported.exitCode(), exported.stderr());
    assertEquals("exported 3 documents (3 vectors) from 'docs' to " + jsonl + "\n", exported.stdout());
    List<String> lines = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
    assertEquals(3, lines.size());
    Map<String, float[]> byId = new HashMap<>();
    for (int i = 0; i < 3; i++) {
      JsonNode line = JSON.readTree(lines.get(i));
      assertEquals("d" + i, line.get("id").asText(), "id order");
      assertEquals(TEXTS.get(i), line.get("text").asText());
      assertEquals(i, line.get("metadata").get("n").asInt());
      float[] vector = new float[line.get("vector").size()];
      for (int j = 0; j < vector.length; j++) {
        vector[j] = line.get("vector").get(j).floatValue();
        assertEquals(embedded.get(i).get(j).asDouble(), vector[j], 1e-6, "d" + i + "[" + j + "]");
      }
      byId.put("d" + i, vector);
    }

    Path npy = dir.resolve("npy");
    CliRun numpy = run("collection", "export", "docs", "--output", npy.toString(), "--format", "npy");
    assertEquals(0, numpy.exitCode(), numpy.stderr());
    byte[] bytes = Files.readAllBytes(npy.resolve("vectors.npy"));
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = buffer.getShort(8) & 0xffff;
    String header = new String(bytes, 10, headerLength, StandardCharsets.US_ASCII);
    assertTrue(header.contains("'descr': '<f4'") && header.contains("'shape': (3, 384)"), header);
    assertEquals(0, (10 + headerLength) % 64, "data aligned as numpy writes it");
    List<String> ids = Files.readAllLines(npy.resolve("ids.jsonl"), StandardCharsets.UTF_8);
    assertEquals(3, ids.size());
    for (int row = 0; row < 3; row++) {
      JsonNode id = JSON.readTree(ids.get(row));
      float[] expected = byId.get(id.get("id").asText());
      assertEquals(row, id.get("metadata").get("n").asInt());
      for (int j = 0; j < 384; j++) {
        assertEquals(expected[j], buffer.getFloat(10 + headerLength + (row * 384 + j) * 4), "row " + row);
      }
    }

    // the export indexes back: same documents, same vectors (read from the file, not re-embedded), same search
    assertEquals(0, run("collection", "create", "copy").exitCode());
    CliRun reindexed = run("index", "copy", "--input", jsonl.toString());
    assertEquals(0, reindexed.exitCode(), reindexed.stderr());
    String original = run("search", "docs", "pets", "--format", "json").stdout();
    assertEquals(original, run("search", "copy", "pets", "--format", "json").stdout());
  }

  @Test
  void badExportsGiveOneLineAndExitCode2() throws IOException {
    assertEquals(0, run("collection", "create", "docs").exitCode());
    Path file = Files.writeString(dir.resolve("file.txt"), "x");
    assertOneLineError(run("collection", "export", "docs", "--output", file.toString(), "--format", "npy"), 2,
        "--format npy writes two files into a folder; " + file + " is a file (give a folder)");
    assertOneLineError(run("collection", "export", "docs", "--output", dir.toString()), 2,
        "--format jsonl writes one file; " + dir + " is a folder");
    assertOneLineError(run("collection", "export", "docs"), 2, "Missing required option: '--output=FILE.jsonl|DIR'");
    assertOneLineError(run("collection", "export", "nope", "--output", "x.jsonl"), 2,
        "no collection 'nope'; collections: docs");
  }
}
