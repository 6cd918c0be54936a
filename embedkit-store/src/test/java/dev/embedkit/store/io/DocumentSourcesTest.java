package dev.embedkit.store.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocumentSourcesTest {
  private static final DocumentSources.Options DEFAULTS = DocumentSources.Options.DEFAULTS;

  @TempDir
  Path dir;

  @Test
  void theSourceIsPickedByWhatThePathIs() throws IOException {
    Files.writeString(dir.resolve("a.JSONL"), "{\"id\": \"1\", \"text\": \"x\"}\n");
    Files.writeString(dir.resolve("b.ndjson"), "{\"id\": \"1\", \"text\": \"x\"}\n");
    Files.writeString(dir.resolve("c.csv"), "id,text\n1,x\n");
    Files.writeString(dir.resolve("d.tsv"), "id\ttext\n1\tx\n");
    try (DocumentSource a = DocumentSources.open(dir.resolve("a.JSONL"), DEFAULTS);
        DocumentSource b = DocumentSources.open(dir.resolve("b.ndjson"), DEFAULTS);
        DocumentSource c = DocumentSources.open(dir.resolve("c.csv"), DEFAULTS);
        DocumentSource d = DocumentSources.open(dir.resolve("d.tsv"), DEFAULTS);
        DocumentSource texts = DocumentSources.open(dir, DEFAULTS);
        DocumentSource images = DocumentSources.open(dir, DEFAULTS.withImages(true))) {
      assertInstanceOf(JsonlSource.class, a);
      assertInstanceOf(JsonlSource.class, b);
      assertInstanceOf(CsvSource.class, c);
      assertEquals("x", d.next().text());
      assertInstanceOf(FolderSource.class, texts);
      assertInstanceOf(ImageFolderSource.class, images);
    }
  }

  @Test
  void otherFilesAreRefusedListingWhatIsAccepted() throws IOException {
    Path pdf = Files.writeString(dir.resolve("paper.pdf"), "%PDF");
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> DocumentSources.open(pdf, DEFAULTS));
    assertEquals("cannot import " + pdf + ": accepted are a folder (of .txt, .md, .markdown, .html and .htm files, or"
        + " of images), .jsonl or .ndjson (one JSON object per line), .csv or .tsv (with a header row)",
        e.getMessage());
    EmbedkitException missing = assertThrows(EmbedkitException.class,
        () -> DocumentSources.open(dir.resolve("none.jsonl"), DEFAULTS));
    assertEquals(ErrorKind.NOT_FOUND, missing.kind());
    assertThrows(EmbedkitException.class, () -> DEFAULTS.withMaxFileBytes(0));
  }
}
