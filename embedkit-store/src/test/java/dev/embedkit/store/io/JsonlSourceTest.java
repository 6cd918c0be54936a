package dev.embedkit.store.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.store.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonlSourceTest {
  @TempDir
  Path dir;

  @Test
  void readsEachKeyAndSkipsBlankLines() throws IOException {
    Path file = write("docs.jsonl",
        "{\"id\": \"a1\", \"text\": \"Hello.\", \"metadata\": {\"year\": 2024, \"score\": 0.5,"
            + " \"tags\": [\"x\", \"y\"], \"ok\": true}}",
        "",
        "   ",
        "{\"id\": 7, \"vector\": [0.25, -1, 3e-3]}",
        "{\"id\": \"img\", \"image\": \"photos/cat.png\", \"text\": null}");
    List<Document> documents = readAll(new JsonlSource(file, false));
    assertEquals(3, documents.size());
    Document first = documents.get(0);
    assertEquals("a1", first.id());
    assertEquals("Hello.", first.text());
    assertEquals(Map.of("year", 2024L, "score", 0.5, "tags", List.of("x", "y"), "ok", true), first.metadata());
    assertNull(first.vector());
    assertEquals("7", documents.get(1).id());
    assertArrayEquals(new float[] {0.25f, -1f, 0.003f}, documents.get(1).vector());
    assertEquals("photos/cat.png", documents.get(2).image());
    assertNull(documents.get(2).text());
  }

  @Test
  void documentsArriveBeforeALaterBadLineIsRead() throws IOException {
    Path file = write("docs.jsonl", "{\"id\": \"a\", \"text\": \"one\"}", "{\"id\": \"b\", \"text\": \"two\"}",
        "{oops");
    try (JsonlSource source = new JsonlSource(file, false)) {
      assertEquals("a", source.next().id());
      assertEquals("b", source.next().id());
      EmbedkitException e = assertThrows(EmbedkitException.class, source::hasNext);
      assertTrue(e.getMessage().startsWith(file + " line 3 is not valid JSON ("), e.getMessage());
    }
  }

  @Test
  void badLinesAreRefusedNamingFileAndLine() throws IOException {
    String where = dir.resolve("bad.jsonl") + " line 2";
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("{\"id\": \"a\", \"txt\": \"typo\"}",
        where + " has an unknown key 'txt'; accepted: id, text, metadata, vector, image, chunks");
    cases.put("{\"id\": \"a\", \"vector\": [1, \"2\"]}", where + ": vector[1] is a JSON string; accepted: numbers");
    cases.put("{\"id\": \"a\", \"vector\": [1, 1e39]}",
        where + ": vector[1] is 1e39, outside the float range; accepted: finite numbers within +-3.4e38");
    cases.put("{\"id\": \"a\", \"vector\": []}", where + ": vector is an empty array; accepted: an array of numbers");
    cases.put("{\"id\": \"a\", \"vector\": 3}", where + ": vector is a JSON number; accepted: an array of numbers");
    cases.put("[1, 2]", where + " holds a JSON array; each line must be an object with the keys id, text, metadata,"
        + " vector, image, chunks");
    cases.put("{\"text\": \"no id\"}", where + " has no id; give each line an \"id\" (a string or an integer), or have"
        + " ids generated as <file name>:<line>");
    cases.put("{\"id\": 1.5}", where + ": id is a JSON number; accepted: a string or an integer");
    cases.put("{\"id\": \"\"}", where + " has an empty id; ids are 1 or more chars");
    cases.put("{\"id\": \"a\", \"text\": 5}", where + ": text is a JSON number; accepted: a string");
    cases.put("{\"id\": \"a\", \"metadata\": [1]}", where + ": metadata is a JSON array; accepted: an object");
    cases.put("{\"id\": \"a\", \"metadata\": {\"m\": {\"x\": 1}}}",
        where + ": metadata field 'm' holds a JSON object; accepted: string, number, boolean, or a flat array of them");
    cases.put("{\"id\": \"a\", \"metadata\": {\"m\": [[1]]}}", where + ": metadata field 'm' holds a nested list or"
        + " object; accepted: string, long, double, boolean, or a flat list of them");
    cases.put("{\"id\": \"a\", \"metadata\": {\"_m\": 1}}",
        where + ": metadata field name '_m' starts with '_', which is reserved");
    cases.put("{\"id\": \"a\", \"id\": \"b\"}", null);
    cases.put("{\"id\": \"a\"} {\"id\": \"b\"}", null);
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path file = write("bad.jsonl", "{\"id\": \"fine\"}", c.getKey());
      try (JsonlSource source = new JsonlSource(file, false)) {
        source.next();
        EmbedkitException e = assertThrows(EmbedkitException.class, source::next, c.getKey());
        assertEquals(ErrorKind.INVALID_INPUT, e.kind());
        if (c.getValue() != null) {
          assertEquals(c.getValue(), e.getMessage());
        } else {
          assertTrue(e.getMessage().startsWith(where + " is not valid JSON"), e.getMessage());
        }
      }
    }
  }

  @Test
  void missingIdsAreGeneratedFromTheFileNameAndLineWhenAsked() throws IOException {
    Path file = write("notes.ndjson", "{\"text\": \"one\"}", "", "{\"id\": \"own\", \"text\": \"two\"}",
        "{\"text\": \"three\"}");
    List<Document> documents = readAll(new JsonlSource(file, true));
    assertEquals(List.of("notes.ndjson:1", "own", "notes.ndjson:4"), documents.stream().map(Document::id).toList());
  }

  @Test
  void invalidUtf8NamesTheLine() throws IOException {
    Path file = dir.resolve("latin1.jsonl");
    Files.write(file, "{\"id\": \"a\"}\n{\"id\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
    try (JsonlSource source = new JsonlSource(file, false)) {
      source.next();
      EmbedkitException e = assertThrows(EmbedkitException.class, source::next);
      assertEquals(file + " line 2 is not valid UTF-8 (byte offset 23); embedkit reads UTF-8 text", e.getMessage());
    }
  }

  @Test
  void aMissingFileIsNotFound() {
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> new JsonlSource(dir.resolve("none.jsonl"), false));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertFalse(e.getMessage().isEmpty());
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }

  static List<Document> readAll(DocumentSource source) {
    try (source) {
      List<Document> all = new ArrayList<>();
      source.forEachRemaining(all::add);
      return all;
    }
  }
}
