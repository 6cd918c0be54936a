package dev.embedkit.store.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.embedkit.store.Document;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderSourceTest {
  @TempDir
  Path dir;

  @Test
  void imagesAreDocumentsWithTheirRelativePathAsIdAndTheirAbsolutePathAsImage() throws IOException {
    for (String name : List.of("b.png", "a.JPG", "sub/c.webp", ".hidden.png", "notes.txt")) {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, new byte[] {1}); // listed, not read: the collection's model reads images
    }
    List<Document> flat = JsonlSourceTest.readAll(new ImageFolderSource(dir, false));
    assertEquals(List.of("a.JPG", "b.png"), flat.stream().map(Document::id).toList());
    List<Document> all = JsonlSourceTest.readAll(new ImageFolderSource(dir, true));
    assertEquals(List.of("a.JPG", "b.png", "sub/c.webp"), all.stream().map(Document::id).toList());
    Document nested = all.get(2);
    assertEquals(dir.toAbsolutePath().resolve("sub/c.webp").toString(), nested.image());
    assertEquals(Map.of("path", "sub/c.webp"), nested.metadata());
    assertNull(nested.text());
  }
}
