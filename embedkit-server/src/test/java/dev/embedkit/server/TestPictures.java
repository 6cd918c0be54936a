package dev.embedkit.server;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Pictures written for tests. */
final class TestPictures {
  private TestPictures() {}

  /** Writes a PNG of one colour (0xRRGGBB) and returns its path. */
  static Path solidPng(Path file, int width, int height, int rgb) throws IOException {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        image.setRGB(x, y, rgb);
      }
    }
    ImageIO.write(image, "png", file.toFile());
    return file;
  }
}
