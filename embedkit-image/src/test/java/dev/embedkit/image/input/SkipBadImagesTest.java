package dev.embedkit.image.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedOptions;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.ImageBatch;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.TestData;
import dev.embedkit.model.LoadOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OnBadImage}: bad images left out and reported, the good ones embedded as if the bad ones were never given. */
class SkipBadImagesTest {
  @TempDir
  static Path dir;
  static ImageEmbeddingModel clip;

  @BeforeAll
  static void load() throws IOException {
    clip = ImageEmbeddingModel.of(Embedkit.loadFolder("tiny-clip", TestData.tinyModel("clip", dir, true), LoadOptions.DEFAULTS));
  }

  @AfterAll
  static void close() {
    clip.close();
  }

  private static ImageInput shared(String name) {
    return ImageInput.file(TestData.sharedImages().resolve(name));
  }

  /** A PNG whose header says 10000x10000 (over Pillow's pixel limit); there are no pixels behind it. */
  static byte[] pngBomb() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(10_000).putInt(10_000).put((byte) 8).put((byte) 2).put((byte) 0)
        .put((byte) 0).put((byte) 0);
    chunk(out, "IHDR", ihdr.array());
    chunk(out, "IEND", new byte[0]);
    return out.toByteArray();
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    byte[] name = type.getBytes(StandardCharsets.US_ASCII);
    out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
    out.writeBytes(name);
    out.writeBytes(data);
    CRC32 crc = new CRC32();
    crc.update(name);
    crc.update(data);
    out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  @Test
  void skippedInputsAreReportedWithIndexLabelKindAndOneLineReason() {
    List<ImageInput> inputs = List.of(shared("coffee.png"), shared("truncated.jpg"), ImageInput.file(dir.resolve("missing.png")),
        ImageInput.bytes("just text\nover two lines".getBytes(StandardCharsets.UTF_8), "notes"), shared("chelsea.png"),
        ImageInput.bytes(pngBomb(), "bomb.png"));
    ImageBatch batch = clip.embedImages(inputs, EmbedOptions.DEFAULTS, OnBadImage.SKIP);
    assertEquals(List.of(0, 4), batch.embedded());
    assertEquals(2, batch.result().embeddings().size());
    assertEquals(List.of(inputs.get(0), inputs.get(4)), batch.embeddedInputs());
    assertEquals(List.of(1, 2, 3, 5), batch.skipped().stream().map(ImageBatch.Skipped::index).toList());
    assertEquals(List.of(ErrorKind.INVALID_INPUT, ErrorKind.NOT_FOUND, ErrorKind.INVALID_INPUT, ErrorKind.INVALID_INPUT),
        batch.skipped().stream().map(ImageBatch.Skipped::kind).toList());
    for (ImageBatch.Skipped s : batch.skipped()) {
      assertEquals(inputs.get(s.index()).label(), s.label());
      assertTrue(s.reason().contains(s.label()), "the reason names the input: " + s.reason());
      assertFalse(s.reason().contains("\n"), s.reason());
    }
    assertTrue(batch.skipped().get(3).reason().contains("pixels"), batch.skipped().get(3).reason());
  }

  @Test
  void aGoodImageGetsTheSameVectorWhetherOrNotBadImagesShareItsBatch() {
    List<ImageInput> good = new ArrayList<>(TestData.goodSharedImages());
    good.addAll(TestData.goodSharedImages()); // 22 inputs: more than one inference batch of 16
    List<ImageInput> mixed = new ArrayList<>(good);
    mixed.add(17, shared("truncated.jpg"));
    mixed.add(5, ImageInput.file(dir.resolve("missing.png")));
    mixed.add(0, ImageInput.bytes(new byte[] {1, 2, 3}, "junk"));
    List<float[]> alone = clip.embedImages(good).vectors();
    ImageBatch batch = clip.embedImages(mixed, EmbedOptions.DEFAULTS, OnBadImage.SKIP);
    assertEquals(3, batch.skipped().size());
    List<float[]> skipping = batch.result().vectors();
    assertEquals(alone.size(), skipping.size());
    for (int k = 0; k < alone.size(); k++) {
      assertArrayEquals(alone.get(k), skipping.get(k), "bit for bit: " + batch.embeddedInputs().get(k).label());
      assertEquals(good.get(k), batch.embeddedInputs().get(k));
    }
  }

  @Test
  void failStaysTheDefaultAndNamesTheFirstBadInput() {
    List<ImageInput> inputs = List.of(shared("coffee.png"), ImageInput.file(dir.resolve("missing.png")), shared("truncated.jpg"));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> clip.embedImages(inputs, EmbedOptions.DEFAULTS, OnBadImage.FAIL));
    assertEquals(ErrorKind.NOT_FOUND, e.kind());
    assertTrue(e.getMessage().contains("missing.png") && !e.getMessage().contains("\n"), e.getMessage());
    EmbedkitException plain = assertThrows(EmbedkitException.class, () -> clip.embedImages(inputs));
    assertEquals(e.getMessage(), plain.getMessage());
    ImageBatch good = clip.embedImages(inputs.subList(0, 1), EmbedOptions.DEFAULTS, OnBadImage.FAIL);
    assertEquals(List.of(0), good.embedded());
    assertArrayEquals(clip.embedImages(inputs.subList(0, 1)).vectors().get(0), good.result().vectors().get(0));
  }

  @Test
  void whenEveryInputIsSkippedTheResultIsEmptyNotAnError() {
    ImageBatch batch = clip.embedImages(List.of(shared("truncated.jpg")), EmbedOptions.DEFAULTS.withDimensions(4), OnBadImage.SKIP);
    assertEquals(List.of(), batch.embedded());
    assertEquals(0, batch.result().embeddings().size());
    assertEquals(4, batch.result().dimensions());
    assertEquals(1, batch.skipped().size());
  }

  @Test
  void badOptionsFailBeforeAnyImageIsReadEvenWhenSkipping() {
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> clip.embedImages(
        List.of(ImageInput.file(dir.resolve("missing.png"))), EmbedOptions.DEFAULTS.withDimensions(99), OnBadImage.SKIP));
    assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    assertTrue(e.getMessage().contains("dimensions"), e.getMessage());
    e = assertThrows(EmbedkitException.class, () -> clip.embedImages(
        List.of(ImageInput.file(dir.resolve("missing.png"))), EmbedOptions.DEFAULTS.withPrompt("a photo of "), OnBadImage.SKIP));
    assertTrue(e.getMessage().contains("prompt"), e.getMessage());
  }

  @Test
  void aFailureThatIsNotTheInputsOwnIsNeverSkipped() throws IOException {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    ImageInput url = ImageInput.url("http://127.0.0.1:" + port + "/a.png");
    Thread.currentThread().interrupt(); // the fetch is interrupted: the run's problem, not the image's
    try {
      EmbedkitException e = assertThrows(EmbedkitException.class,
          () -> clip.loader().loadEach(List.of(shared("coffee.png"), url), OnBadImage.SKIP));
      assertEquals(ErrorKind.INTERNAL, e.kind(), e.getMessage());
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void aNullInputIsTheCallersBugInBothModes() {
    List<ImageInput> inputs = new ArrayList<>();
    inputs.add(null);
    for (OnBadImage mode : OnBadImage.values()) {
      EmbedkitException e = assertThrows(EmbedkitException.class, () -> clip.embedImages(inputs, EmbedOptions.DEFAULTS, mode));
      assertEquals(ErrorKind.INVALID_INPUT, e.kind());
    }
  }

  @Test
  void fileErrorsSayWhyInWordsNotJustThePath() throws IOException {
    assertEquals("permission denied", ImageFolder.reason(new AccessDeniedException("/photos/a.png")));
    Path folder = Files.createDirectories(dir.resolve("folder.png"));
    EmbedkitException e = assertThrows(EmbedkitException.class, () -> clip.loader().load(ImageInput.file(folder)));
    assertTrue(e.getMessage().startsWith("cannot read image file " + folder + ": "), e.getMessage());
    assertFalse(e.getMessage().endsWith(": " + folder), e.getMessage());
  }

  @Test
  void imgbeddingsSkipsTheSameWay() throws IOException {
    try (ImageEmbeddingModel imgbeddings = ImageEmbeddingModel.of(Embedkit.loadFolder("tiny-imgbeddings",
        TestData.tinyModel("imgbeddings", dir.resolve("ib"), false), LoadOptions.DEFAULTS))) {
      ImageBatch batch = imgbeddings.embedImages(List.of(shared("truncated.jpg"), shared("horse.png")), EmbedOptions.DEFAULTS,
          OnBadImage.SKIP);
      EmbeddingResult alone = imgbeddings.embedImages(List.of(shared("horse.png")));
      assertEquals(List.of(1), batch.embedded());
      assertArrayEquals(alone.vectors().get(0), batch.result().vectors().get(0));
    }
  }
}
