package dev.embedkit.store.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderSourceTest {
  @TempDir
  Path dir;

  @Test
  void textFilesAreReadInCodePointOrderOfTheirRelativePaths() throws IOException {
    write("b.txt", "bee");
    write("a.md", "# A\n\nmarkdown as it is");
    write("B.TXT", "upper case sorts first");
    write("a/z.markdown", "inside a folder");
    write("a-b.htm", "<p>dash</p>");
    write("\u00e9.txt", "accented sorts after z");
    write("z.txt", "zed");
    write(".hidden.txt", "skipped");
    write(".git/config.txt", "in a hidden folder: never listed");
    write("photo.png", "not text");
    write("empty.txt", "  \n");
    FolderSource source = new FolderSource(dir, FolderSource.DEFAULT_MAX_FILE_BYTES);
    List<Document> documents = JsonlSourceTest.readAll(source);
    assertEquals(List.of("B.TXT", "a-b.htm", "a.md", "a/z.markdown", "b.txt", "z.txt", "\u00e9.txt"),
        documents.stream().map(Document::id).toList());
    assertEquals(3, source.skipped(), "the hidden file, the hidden folder and the image");
    assertEquals(1, source.blank());
    assertEquals("# A\n\nmarkdown as it is", documents.get(2).text());
  }

  @Test
  void metadataHoldsPathTypeModifiedAndBytes() throws IOException {
    Path file = write("notes/day.md", "caf\u00e9");
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2024-05-01T10:15:30Z")));
    Document document = JsonlSourceTest.readAll(new FolderSource(dir, 1000)).get(0);
    assertEquals("notes/day.md", document.id());
    assertEquals(java.util.Map.of("path", "notes/day.md", "type", "md", "modified", "2024-05-01T10:15:30Z",
        "bytes", 5L), document.metadata());
  }

  @Test
  void htmlGivesItsVisibleTextWithBlocksOnLinesAndItsTitle() throws IOException {
    write("page.html", """
        <!doctype html><html><head><title> The  Page </title><style>p { color: red }</style>
        <script>var hidden = "never";</script></head>
        <body><h1>Heading</h1><div><p>First   paragraph with <b>bold</b>
        and a line break<br>here &amp; there.</p><div><p>Nested paragraph.</p></div></div>
        <ul><li>one</li><li>two</li></ul><p hidden>not shown</p><noscript>no script</noscript>
        <table><tr><td>cell 1</td><td>cell 2</td></tr></table><pre>  code\n  kept</pre></body></html>""");
    Document document = JsonlSourceTest.readAll(new FolderSource(dir, 1 << 20)).get(0);
    assertEquals("The Page", document.metadata().get("title")); // as jsoup reads it: whitespace collapsed
    assertEquals("html", document.metadata().get("type"));
    String text = document.text();
    assertTrue(text.startsWith("Heading\nFirst paragraph with bold and a line break\nhere & there.\nNested paragraph."
        + "\none\ntwo\n"), text);
    assertTrue(text.contains("cell 1"), text);
    assertTrue(text.endsWith("code\nkept"), text);
    for (String hidden : List.of("never", "color", "not shown", "no script", "<")) {
      assertFalse(text.contains(hidden), hidden + " in " + text);
    }
  }

  @Test
  void aFileOverTheLimitIsRefusedNamingItAndTheLimit() throws IOException {
    write("small.txt", "fine");
    Path big = write("big.txt", "x".repeat(2000));
    FolderSource source = new FolderSource(dir, 1024);
    assertEquals("big.txt", big.getFileName().toString());
    EmbedkitException e = assertThrows(EmbedkitException.class, source::next);
    assertEquals("file " + big + " is 2000 bytes; the limit is 1024 bytes: split it or raise the limit",
        e.getMessage());
    Path huge = write("huge.txt", "x".repeat((16 << 20) + 1));
    EmbedkitException over = assertThrows(EmbedkitException.class,
        () -> JsonlSourceTest.readAll(new FolderSource(huge.getParent(), FolderSource.DEFAULT_MAX_FILE_BYTES)));
    assertEquals("file " + huge + " is 16777217 bytes; the limit is 16777216 bytes (16 MiB): split it or raise the"
        + " limit", over.getMessage());
  }

  @Test
  void invalidUtf8IsAnErrorNamingTheFile() throws IOException {
    Path file = dir.resolve("latin1.txt");
    Files.write(file, "caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
    EmbedkitException e = assertThrows(EmbedkitException.class,
        () -> new FolderSource(dir, FolderSource.DEFAULT_MAX_FILE_BYTES).next());
    assertEquals("file " + file + " is not valid UTF-8 (byte offset 3); text files are read as UTF-8", e.getMessage());
  }

  @Test
  void aByteOrderMarkIsDropped() throws IOException {
    write("bom.txt", "\uFEFFtext");
    assertEquals("text", new FolderSource(dir, 100).next().text());
  }

  private Path write(String relative, String content) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }
}
