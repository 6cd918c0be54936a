package dev.embedkit.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelledTextsTest {
  @TempDir Path dir;

  @Test
  void csvAndJsonLinesGiveTheSameData() throws Exception {
    Path csv = dir.resolve("a.csv");
    Files.writeString(csv, "label,text\npos,\"good, really\"\nneg,bad\n");
    Path jsonl = dir.resolve("a.jsonl");
    Files.writeString(jsonl, "{\"text\": \"good, really\", \"label\": \"pos\"}\n{\"text\": \"bad\", \"label\": \"neg\"}\n");
    LabelledTexts fromCsv = LabelledTexts.read(csv, "text", "label", false);
    LabelledTexts fromJson = LabelledTexts.read(jsonl, null, null, false);
    assertEquals(fromJson, fromCsv);
    assertEquals(List.of("pos", "neg"), fromCsv.labels());
  }

  @Test
  void aJsonLineWithoutTheLabelFieldNamesTheLine() throws Exception {
    Path jsonl = dir.resolve("b.jsonl");
    Files.writeString(jsonl, "{\"text\": \"x\", \"label\": \"a\"}\n{\"text\": \"y\"}\n");
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> LabelledTexts.read(jsonl, null, null, false));
    assertTrue(e.getMessage().contains("b.jsonl line 2: missing string field 'label'"), e.getMessage());
  }
}
