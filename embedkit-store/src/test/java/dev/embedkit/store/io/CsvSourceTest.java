package dev.embedkit.store.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvSourceTest {
  @TempDir
  Path dir;

  @Test
  void theIdAndTextColumnsAreFoundByNameAndTheOthersAreMetadata() throws IOException {
    Path file = write("faq.csv", "text,id,year,score,zip,ok,note",
        "\"A text, with a comma\nand a line break\",a1,2024,0.75,02134,TRUE,plain",
        "Second,a2,-7,2e-3,12,false,");
    List<Document> documents = JsonlSourceTest.readAll(new CsvSource(file, null, null, false, true));
    assertEquals(2, documents.size());
    assertEquals("a1", documents.get(0).id());
    assertEquals("A text, with a comma\nand a line break", documents.get(0).text());
    Map<String, Object> first = new LinkedHashMap<>();
    first.put("year", 2024L);
    first.put("score", 0.75);
    first.put("zip", "02134"); // leading zero: an identifier, kept as text
    first.put("ok", true);
    first.put("note", "plain");
    assertEquals(first, documents.get(0).metadata());
    assertEquals(Map.of("year", -7L, "score", 0.002, "zip", 12L, "ok", false), documents.get(1).metadata());
  }

  @Test
  void withoutTypingEveryValueIsAString() throws IOException {
    Path file = write("t.csv", "id,text,year", "1,hello,2024");
    Document document = JsonlSourceTest.readAll(new CsvSource(file, null, null, false, false)).get(0);
    assertEquals(Map.of("year", "2024"), document.metadata());
  }

  @Test
  void valuesAreTypedOnlyWhenTheyAreWrittenAsPlainNumbersOrBooleans() {
    assertEquals(42L, CsvSource.value("42"));
    assertEquals(-1.5, CsvSource.value("-1.5"));
    assertEquals(1.0e10, CsvSource.value("1e10"));
    for (String text : List.of("+7", "007", "-0", "NaN", "Infinity", "1e400", "0x10", "1d", "1f",
        "12345678901234567890", "1,5", "yes", " 3")) {
      assertEquals(text, CsvSource.value(text), text);
    }
  }

  @Test
  void namedColumnsTsvAndGeneratedIds() throws IOException {
    Path file = write("q.tsv", "question\tanswer", "Why?\tBecause.", "How?\tSo.");
    List<Document> documents = JsonlSourceTest.readAll(new CsvSource(file, "question", "answer", false, true));
    assertEquals(List.of("Why?", "How?"), documents.stream().map(Document::id).toList());
    assertEquals("Because.", documents.get(0).text());
    List<Document> generated = JsonlSourceTest.readAll(new CsvSource(file, null, "answer", true, true));
    assertEquals(List.of("q.tsv:2", "q.tsv:3"), generated.stream().map(Document::id).toList());
    assertEquals(Map.of("question", "Why?"), generated.get(0).metadata());
  }

  @Test
  void problemsAreRefusedNamingTheFileAndLine() throws IOException {
    Path noText = write("a.csv", "id,body", "1,x");
    assertEquals(noText + " has no column 'text' for the text; its columns are: id, body",
        refused(() -> new CsvSource(noText, null, null, false, true)));
    Path noId = write("b.csv", "text", "x");
    assertEquals(noId + " has no column 'id' for ids; its columns are: text; name the id column, or have ids generated"
        + " as <file name>:<line>", refused(() -> new CsvSource(noId, null, null, false, true)));
    Path reserved = write("c.csv", "id,text,_score", "1,x,2");
    assertEquals(reserved + " header, column 3: metadata field name '_score' starts with '_', which is reserved",
        refused(() -> new CsvSource(reserved, null, null, false, true)));
    Path twice = write("d.csv", "id,text,a,a", "1,x,2,3");
    assertEquals(twice + " has two columns named 'a'; names must differ",
        refused(() -> new CsvSource(twice, null, null, false, true)));
    Path ragged = write("e.csv", "id,text,a", "1,x,2", "", "2,y");
    assertEquals(ragged + " line 4 has 2 fields; the header has 3",
        refused(() -> JsonlSourceTest.readAll(new CsvSource(ragged, null, null, false, true))));
    Path emptyId = write("f.csv", "id,text", "1,x", ",y");
    assertEquals(emptyId + " line 3 has an empty id in column 'id'",
        refused(() -> JsonlSourceTest.readAll(new CsvSource(emptyId, null, null, false, true))));
    Path unclosed = write("g.csv", "id,text", "1,\"never closed");
    assertEquals(unclosed + " line 2: malformed CSV (a quoted field is not closed: a \" opens it and no \" ends it)",
        refused(() -> JsonlSourceTest.readAll(new CsvSource(unclosed, null, null, false, true))));
  }

  private static String refused(org.junit.jupiter.api.function.Executable call) {
    return assertThrows(EmbedkitException.class, call).getMessage();
  }

  private Path write(String name, String... lines) throws IOException {
    return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
  }
}
