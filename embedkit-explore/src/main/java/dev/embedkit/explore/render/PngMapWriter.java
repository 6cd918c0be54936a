package dev.embedkit.explore.render;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * Writes a map as a PNG scatter plot (Java2D, headless).
 *
 * <pre>{@code
 * try (OutputStream out = Files.newOutputStream(Path.of("map.png"))) {
 *   new PngMapWriter(RenderOptions.DEFAULT).write(map, out);
 * }
 * }</pre>
 */
public final class PngMapWriter {
  private final RenderOptions options;

  public PngMapWriter(RenderOptions options) {
    this.options = options;
  }

  /** Draws the map and writes the PNG; bad points fail with IllegalArgumentException before anything is written. */
  public void write(SpaceMap map, OutputStream out) {
    try {
      ImageIO.write(draw(map), "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the PNG map", e);
    }
  }

  /** The map drawn as an image. */
  public BufferedImage draw(SpaceMap map) {
    Headless.ensure();
    MapLayout layout = new MapLayout(map, options);
    BufferedImage image = new BufferedImage(layout.width, layout.height, BufferedImage.TYPE_INT_RGB);
    Java2dSurface surface = new Java2dSurface(image);
    new MapPainter(layout).paint(surface);
    surface.dispose();
    return image;
  }
}
