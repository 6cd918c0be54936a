package dev.embedkit.explore;

import dev.embedkit.image.decode.ImageDecoder;
import dev.embedkit.image.decode.RgbImage;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Small PNG thumbnails of decoded images, for maps of pictures. */
public final class Thumbnails {
  /** The longest side of a thumbnail, in pixels: what a map draws at a point, and what hover shows. */
  public static final int DEFAULT_SIZE = 96;

  private Thumbnails() {}

  /**
   * A thumbnail of an image file (a map's or a search result's), or null when the file is gone, not a regular file
   * (a FIFO or a device would never end), larger than {@code maxBytes}, or not a picture: the caller draws the point
   * or the hit without one.
   */
  public static byte[] ofFile(ImageDecoder decoder, Path file, long maxBytes) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > maxBytes) {
        return null;
      }
      RgbImage image = decoder.decode(Files.readAllBytes(file), file.toString());
      return png(image, DEFAULT_SIZE);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** A PNG of the image scaled so its longest side is {@code size} (never enlarged). */
  public static byte[] png(RgbImage image, int size) {
    double scale = Math.min(1.0, (double) size / Math.max(image.width(), image.height()));
    int w = Math.max(1, (int) Math.round(image.width() * scale));
    int h = Math.max(1, (int) Math.round(image.height() * scale));
    BufferedImage source = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_INT_RGB);
    byte[] rgb = image.rgb();
    int[] pixels = new int[image.width() * image.height()];
    for (int p = 0; p < pixels.length; p++) {
      pixels[p] = (rgb[3 * p] & 0xFF) << 16 | (rgb[3 * p + 1] & 0xFF) << 8 | rgb[3 * p + 2] & 0xFF;
    }
    source.setRGB(0, 0, image.width(), image.height(), pixels, 0, image.width());
    BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    // halve while far too large, so a big photo does not alias into noise when drawn small
    BufferedImage step = source;
    while (step.getWidth() / 2 >= w * 2 && step.getHeight() / 2 >= h * 2) {
      BufferedImage half = new BufferedImage(step.getWidth() / 2, step.getHeight() / 2, BufferedImage.TYPE_INT_RGB);
      var hg = half.createGraphics();
      hg.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
      hg.drawImage(step, 0, 0, half.getWidth(), half.getHeight(), null);
      hg.dispose();
      step = half;
    }
    g.drawImage(step, 0, 0, w, h, null);
    g.dispose();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try {
      ImageIO.write(out, "png", bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
