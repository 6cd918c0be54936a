package dev.embedkit.eval.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import dev.embedkit.input.HeaderMode;
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
    LabelledTexts fromCsv = LabelledTexts.read(csv, "text", "label", HeaderMode.AUTO);
    LabelledTexts fromJson = LabelledTexts.read(jsonl, null, null, HeaderMode.AUTO);
    assertEquals(fromJson, fromCsv);
    assertEquals(List.of("pos", "neg"), fromCsv.labels());
  }

  @Test
  void aHeaderRowIsNeverALabelledTextWhateverTheColumnOptions() throws Exception {
    Path csv = dir.resolve("h.csv");
    Files.writeString(csv, "text,label\ngood,pos\nbad,neg\nfine,pos\n");
    LabelledTexts byDefault = LabelledTexts.read(csv, null, null, HeaderMode.AUTO);
    LabelledTexts byNumber = LabelledTexts.read(csv, "1", "2", HeaderMode.AUTO);
    assertEquals(List.of("good", "bad", "fine"), byDefault.texts());
    assertEquals(byDefault, byNumber, "numbered columns still see the header");
    assertEquals(4, LabelledTexts.read(csv, "1", "2", HeaderMode.ABSENT).size(), "--no-header: the first row is data");
    Path swapped = dir.resolve("s.csv");
    Files.writeString(swapped, "label,text\npos,good\nneg,bad\n");
    assertEquals(List.of("good", "bad"), LabelledTexts.read(swapped, null, null, HeaderMode.AUTO).texts(),
        "default columns follow the header's names");
  }

  @Test
  void aJsonLineWithoutTheLabelFieldNamesTheLine() throws Exception {
    Path jsonl = dir.resolve("b.jsonl");
    Files.writeString(jsonl, "{\"text\": \"x\", \"label\": \"a\"}\n{\"text\": \"y\"}\n");
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> LabelledTexts.read(jsonl, null, null, HeaderMode.AUTO));
    assertTrue(e.getMessage().contains("b.jsonl line 2: missing string field 'label'"), e.getMessage());
  }
}
