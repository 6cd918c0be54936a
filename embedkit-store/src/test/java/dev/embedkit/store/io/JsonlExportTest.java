package dev.embedkit.store.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.Document;
import dev.embedkit.store.StoredDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlExportTest {
  @TempDir
  Path dir;

  @Test
  void anExportReadsBackThroughJsonlSourceWithTheSameDocumentsAndVectors() {
    for (long seed = 0; seed < 20; seed++) {
      List<StoredDocument> stored = ExportTestData.documents(seed);
      Path file = dir.resolve("export.jsonl");
      assertEquals(stored.size(), JsonlExport.write(file, stored.iterator()));
      List<Document> read = JsonlSourceTest.readAll(new JsonlSource(file, false));
      assertEquals(stored.size(), read.size());
      for (int i = 0; i < stored.size(); i++) {
        StoredDocument expected = stored.get(i);
        Document actual = read.get(i);
        assertEquals(expected.id(), actual.id());
        assertEquals(expected.text(), actual.text());
        assertEquals(expected.metadata(), actual.metadata());
        assertEquals(expected.image(), actual.image());
        if (expected.chunks().size() == 1) {
          // bit for bit: the shortest decimal of each float reads back as that float
          assertArrayEquals(expected.vector(), actual.vector(), "seed " + seed + ", " + expected.id());
        } else {
          assertNull(actual.vector(), "a split document is embedded again from its text");
        }
      }
    }
  }

  @Test
  void eachLineHoldsTheChunksAndAWholeDocumentsVector() throws IOException {
    List<StoredDocument> stored = ExportTestData.documents(1);
    Path file = dir.resolve("export.jsonl");
    JsonlExport.write(file, stored.iterator());
    List<String> lines = Files.readAllLines(file);
    assertEquals(4, lines.size());
    JsonNode whole = JsonValues.MAPPER.readTree(lines.get(0));
    assertEquals(List.of("id", "text", "metadata", "vector", "chunks"), fieldNames(whole));
    JsonNode split = JsonValues.MAPPER.readTree(lines.get(1));
    assertFalse(split.has("vector"));
    assertEquals(3, split.get("chunks").size());
    JsonNode second = split.get("chunks").get(1);
    Chunk chunk = stored.get(1).chunks().get(1).chunk();
    assertEquals(List.of(1, chunk.start(), chunk.end()),
        List.of(second.get("index").intValue(), second.get("start").intValue(), second.get("end").intValue()));
    assertEquals(ExportTestData.DIMENSIONS, second.get("vector").size());
    JsonNode image = JsonValues.MAPPER.readTree(lines.get(2));
    assertEquals(List.of("id", "metadata", "image", "vector", "chunks"), fieldNames(image));
    assertTrue(lines.stream().noneMatch(line -> line.startsWith(" ")));
  }

  @Test
  void aDocumentReadWithoutVectorsFailsTheExportAndLeavesTheFileAsItWas() throws IOException {
    Path file = Files.writeString(dir.resolve("export.jsonl"), "before\n");
    List<StoredDocument> stored = List.of(ExportTestData.documents(2).get(0),
        new StoredDocument("bare", "t", Map.of(), null,
            List.of(new StoredDocument.StoredChunk(new Chunk(0, 0, 1, "t"), null))));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> JsonlExport.write(file, stored.iterator()));
    assertEquals("document 'bare' chunk 0 has no vector; export documents read with their vectors", e.getMessage());
    assertEquals("before\n", Files.readString(file));
    assertEquals(1, Files.list(dir).count(), "no temporary file is left behind");
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
