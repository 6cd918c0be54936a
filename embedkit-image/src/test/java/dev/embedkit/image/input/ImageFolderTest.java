package dev.embedkit.image.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files a folder input gives, in which order, under which labels. */
class ImageFolderTest {
  @TempDir
  Path dir;

  private Path touch(String relative) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {1});
    return file;
  }

  /** Labels relative to {@code dir}, with '/' between names. */
  private List<String> relative(List<ImageInput> inputs) {
    List<String> out = new ArrayList<>();
    for (ImageInput input : inputs) {
      out.add(dir.relativize(((ImageInput.FileInput) input).path()).toString().replace(java.io.File.separatorChar, '/'));
    }
    return out;
  }

  @Test
  void filesSortByCodePointsNotByUtf16UnitsCaseDigitsOrLocale() throws IOException {
    // the order a naive rule gets wrong: case folded, digits as numbers, accents collated, UTF-16 units compared
    List<String> expected = List.of("10.png", "2.png", "B.png", "X.TIF", "a.png", "z.png", "\u00e9.png", "\uff01.png",
        "\ud83d\ude00.png");
    List<String> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(7));
    for (String name : shuffled) {
      touch(name);
    }
    Locale before = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR")); // "TIF".toLowerCase() is "tıf" in Turkish
      assertEquals(expected, relative(ImageInput.folder(dir)));
    } finally {
      Locale.setDefault(before);
    }
  }

  @Test
  void recursiveOrderPutsSlashAfterDashAndDot() throws IOException {
    for (String name : List.of("a/b.png", "a.png", "a-b.png", "a/c/d.png", "a/b/c.png", "ab.png")) {
      touch(name);
    }
    assertEquals(List.of("a-b.png", "a.png", "a/b.png", "a/b/c.png", "a/c/d.png", "ab.png"), relative(ImageFolder.list(dir, true)));
    assertEquals(List.of("a-b.png", "a.png", "ab.png"), relative(ImageFolder.list(dir, false)), "without recursion: files directly inside");
  }

  @Test
  void hiddenFilesAndFoldersAndNonImagesAreSkipped() throws IOException {
    for (String name : List.of("keep.jpg", ".hidden.png", ".git/x.png", "sub/.y.png", "sub/z.webp", "notes.txt", "png", "sub/.cache/w.png")) {
      touch(name);
    }
    Files.createDirectories(dir.resolve("folder.png")); // a folder with an image name is not an image
    assertEquals(List.of("keep.jpg", "sub/z.webp"), relative(ImageFolder.list(dir, true)));
  }

  @Test
  void labelsAreTheFolderGivenJoinedWithTheRelativePath() throws IOException {
    touch("photos/2024/cat.png");
    touch("photos/dog.png");
    String given = dir.resolve("photos") + "/";
    List<ImageInput> inputs = ImageInput.expand(List.of(given), true);
    assertEquals(List.of(dir.resolve("photos/2024/cat.png").toString(), dir.resolve("photos/dog.png").toString()),
        inputs.stream().map(ImageInput::label).toList());
  }

  @Test
  void symlinkedFoldersAreFollowedButCyclesAreNot() throws IOException {
    touch("real/x.png");
    touch("top.png");
    Files.createSymbolicLink(dir.resolve("link"), dir.resolve("real"));
    Files.createSymbolicLink(dir.resolve("real/up"), dir);          // back to the root: a cycle
    Files.createSymbolicLink(dir.resolve("real/self"), dir.resolve("real"));
    Files.createSymbolicLink(dir.resolve("alias.png"), dir.resolve("top.png"));
    assertEquals(List.of("alias.png", "link/x.png", "real/x.png", "top.png"), relative(ImageFolder.list(dir, true)));
  }

  @Test
  void aBrokenLinkIsListedAndFailsWhenReadNamingIt() throws IOException {
    touch("ok.png");
    Files.createSymbolicLink(dir.resolve("gone.png"), dir.resolve("nowhere.png"));
    List<ImageInput> inputs = ImageFolder.list(dir, false);
    assertEquals(List.of("gone.png", "ok.png"), relative(inputs));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> ImageLoader.defaults().load(inputs.get(0)));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("gone.png"), e.getMessage());
  }

  @Test
  void aFolderWithoutImagesIsAnErrorThatListsExtensionsInAFixedOrderAndHintsAtRecursion() throws IOException {
    touch("sub/a.png");
    Files.writeString(dir.resolve("readme.txt"), "x");
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> ImageInput.expand(List.of(dir.toString())));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("(bmp, gif, jpeg, jpg, png, tif, tiff, webp)"), e.getMessage());
    assertTrue(e.getMessage().contains("--recursive"), e.getMessage());
    assertEquals(1, ImageInput.expand(List.of(dir.toString()), true).size());
    Path empty = Files.createDirectories(dir.resolve("empty"));
    e = assertThrows(EmbedkitException.class, () -> ImageInput.expand(List.of(empty.toString()), true));
    assertTrue(!e.getMessage().contains("--recursive") && e.getMessage().contains("searched recursively"), e.getMessage());
  }

  @Test
  void aBlankValueIsAnErrorNotTheCurrentFolder() {
    for (String blank : List.of("", "  ")) {
      EmbedkitException e = assertThrows(EmbedkitException.class, () -> ImageInput.expand(List.of(blank)));
      assertEquals(ErrorKind.INVALID_INPUT, e.kind());
      assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }
  }

  @Test
  void everyValueIsExpandedOnItsOwnSoAnImageNamedTwiceIsListedTwice() throws IOException {
    Path a = touch("a.png");
    touch("b.png");
    List<ImageInput> inputs = ImageInput.expand(List.of(a.toString(), dir.toString()));
    assertEquals(List.of(a.toString(), a.toString(), dir.resolve("b.png").toString()),
        inputs.stream().map(ImageInput::label).toList());
  }

  @Test
  void codePointOrderIsUtf8ByteOrderAsLcAllCSortGives() {
    int[] pool = {'-', '.', '/', '0', '9', 'A', 'a', 'z', 0xe9, 0x301, 0xff01, 0xffff, 0x1f600, 0x10000};
    Random random = new Random(11);
    for (int n = 0; n < 2000; n++) {
      String x = randomName(random, pool);
      String y = randomName(random, pool);
      int expected = Integer.signum(java.util.Arrays.compareUnsigned(
          x.getBytes(java.nio.charset.StandardCharsets.UTF_8), y.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      assertEquals(expected, Integer.signum(ImageFolder.ORDER.compare(x, y)), x + " vs " + y);
    }
  }

  private static String randomName(Random random, int[] pool) {
    StringBuilder b = new StringBuilder();
    for (int i = random.nextInt(4); i >= 0; i--) {
      b.appendCodePoint(pool[random.nextInt(pool.length)]);
    }
    return b.toString();
  }
}
