package dev.embedkit.image.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.image.TestData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {
  private final ImageDecoder decoder = new ImageDecoder(DecodeOptions.DEFAULTS);

  private static EmbedkitException assertOneLineError(ErrorKind kind, Runnable action) {
    EmbedkitException e = assertThrows(EmbedkitException.class, action::run);
    assertEquals(kind, e.kind(), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e;
  }

  @Test
  void truncatedJpegIsAOneLineErrorNotAHalfImage() throws IOException {
    byte[] data = Files.readAllBytes(TestData.sharedImages().resolve("truncated.jpg"));
    EmbedkitException e = assertOneLineError(ErrorKind.INVALID_INPUT, () -> decoder.decode(data, "truncated.jpg"));
    assertTrue(e.getMessage().contains("truncated.jpg") && e.getMessage().contains("truncated or corrupt"), e.getMessage());
  }

  @Test
  void truncatedPngIsAnError() throws IOException {
    byte[] full = Files.readAllBytes(TestData.sharedImages().resolve("chelsea.png"));
    byte[] cut = java.util.Arrays.copyOf(full, full.length / 2);
    assertOneLineError(ErrorKind.INVALID_INPUT, () -> decoder.decode(cut, "half.png"));
  }

  @Test
  void textIsNotAnImage() {
    EmbedkitException e = assertOneLineError(ErrorKind.INVALID_INPUT,
        () -> decoder.decode("hello, world".getBytes(StandardCharsets.UTF_8), "notes.txt"));
    assertTrue(e.getMessage().contains("not an image") && e.getMessage().contains("PNG"), e.getMessage());
  }

  @Test
  void emptyBytesAreRefused() {
    assertOneLineError(ErrorKind.INVALID_INPUT, () -> decoder.decode(new byte[0], "empty"));
  }

  @Test
  void avifIsRecognisedAndUnsupported() {
    byte[] avif = new byte[32];
    System.arraycopy("ftypavif".getBytes(StandardCharsets.US_ASCII), 0, avif, 4, 8);
    EmbedkitException e = assertOneLineError(ErrorKind.UNSUPPORTED, () -> decoder.decode(avif, "photo.avif"));
    assertTrue(e.getMessage().contains("AVIF"), e.getMessage());
  }

  @Test
  void imageOfZeroPixelsIsRefused() {
    EmbedkitException e = assertOneLineError(ErrorKind.INVALID_INPUT, () -> decoder.decode(bmpHeader(0, 1), "zero.bmp"));
    assertTrue(e.getMessage().contains("zero.bmp"), e.getMessage());
  }

  @Test
  void decompressionBombIsRefusedFromItsHeaderBeforeDecoding() {
    // a PNG header claiming 100000 x 100000 pixels and no pixel data: refused before any decoding is tried
    EmbedkitException e = assertOneLineError(ErrorKind.INVALID_INPUT, () -> decoder.decode(pngHeader(100_000, 100_000), "bomb.png"));
    assertTrue(e.getMessage().contains("10000000000 pixels") && e.getMessage().contains(String.valueOf(DecodeOptions.DEFAULT_MAX_PIXELS)),
        e.getMessage());
  }

  @Test
  void pixelLimitIsConfigurable() throws IOException {
    byte[] data = Files.readAllBytes(TestData.sharedImages().resolve("chelsea.png"));
    ImageDecoder strict = new ImageDecoder(DecodeOptions.DEFAULTS.withMaxPixels(451 * 300 - 1));
    assertOneLineError(ErrorKind.INVALID_INPUT, () -> strict.decode(data, "chelsea.png"));
    assertEquals(451, new ImageDecoder(DecodeOptions.DEFAULTS.withMaxPixels(451 * 300)).decode(data, "chelsea.png").width());
  }

  @Test
  void animatedGifGivesItsFirstFrameByDefaultAndIsRefusedWhenAsked() throws IOException {
    byte[] data = Files.readAllBytes(TestData.sharedImages().resolve("no_time_for_that_tiny.gif"));
    RgbImage first = decoder.decode(data, "anim.gif");
    assertEquals(14, first.width());
    assertEquals(25, first.height());
    ImageDecoder rejecting = new ImageDecoder(DecodeOptions.DEFAULTS.withAnimation(DecodeOptions.Animation.REJECT));
    EmbedkitException e = assertOneLineError(ErrorKind.UNSUPPORTED, () -> rejecting.decode(data, "anim.gif"));
    assertTrue(e.getMessage().contains("animated"), e.getMessage());
  }

  @Test
  void stillGifIsNotRefusedAsAnimated() throws IOException {
    java.awt.image.BufferedImage still = new java.awt.image.BufferedImage(5, 4, java.awt.image.BufferedImage.TYPE_BYTE_INDEXED);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(still, "gif", out);
    ImageDecoder rejecting = new ImageDecoder(DecodeOptions.DEFAULTS.withAnimation(DecodeOptions.Animation.REJECT));
    assertEquals(5, rejecting.decode(out.toByteArray(), "still.gif").width());
  }

  @Test
  void alphaIsDroppedNotComposited() throws IOException {
    // transparent pixels keep their stored colour, as Pillow's convert("RGB") does; compositing on white would change them
    java.awt.image.BufferedImage rgba = new java.awt.image.BufferedImage(2, 1, java.awt.image.BufferedImage.TYPE_INT_ARGB);
    rgba.setRGB(0, 0, 0x00FF0000); // fully transparent red
    rgba.setRGB(1, 0, 0x8000FF00); // half transparent green
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    javax.imageio.ImageIO.write(rgba, "png", out);
    RgbImage rgb = decoder.decode(out.toByteArray(), "alpha.png");
    assertEquals(255, rgb.sample(0, 0, 0));
    assertEquals(0, rgb.sample(0, 0, 1));
    assertEquals(255, rgb.sample(1, 0, 1));
  }

  @Test
  void exifOrientationCanBeIgnoredAsImgbeddingsDoes() throws IOException {
    byte[] data = Files.readAllBytes(TestData.parity().resolve("inputs/exif6_60x40.jpg"));
    assertEquals(40, decoder.decode(data, "exif6").width(), "rotated upright by default");
    assertEquals(60, new ImageDecoder(DecodeOptions.DEFAULTS.withExifOrientation(false)).decode(data, "exif6").width());
  }

  private static byte[] bmpHeader(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(54 + 4).order(ByteOrder.LITTLE_ENDIAN);
    b.put((byte) 'B').put((byte) 'M').putInt(58).putInt(0).putInt(54);
    b.putInt(40).putInt(width).putInt(height).putShort((short) 1).putShort((short) 24).putInt(0).putInt(4)
        .putInt(2835).putInt(2835).putInt(0).putInt(0);
    return b.array();
  }

  private static byte[] pngHeader(int width, int height) {
    ByteBuffer ihdr = ByteBuffer.allocate(17);
    ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
        .put((byte) 0).put((byte) 0).put((byte) 0);
    CRC32 crc = new CRC32();
    crc.update(ihdr.array());
    ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
    png.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}).putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
    return png.array();
  }
}
