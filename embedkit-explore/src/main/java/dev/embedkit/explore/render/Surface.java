package dev.embedkit.explore.render;

import java.awt.Color;
import java.awt.image.BufferedImage;

/**
 * The few drawing operations maps and heatmaps need, so that one painter draws both the PNG (through Java2D) and
 * the SVG (as text) from the same layout. Coordinates are pixels, y down; colours may carry alpha.
 */
interface Surface {
  /** Where a text's x lies: at its start, middle or end. */
  enum Anchor {
    START,
    MIDDLE,
    END
  }

  /** Fills and/or outlines a rectangle; fill or stroke may be null. */
  void rect(Box box, Color fill, Color stroke, double strokeWidth);

  /** Draws one marker of the given shape and radius at each (xy[2k], xy[2k+1]), all in one colour. */
  void markers(Marker shape, double radius, Color colour, float[] xy, int count);

  void line(double x1, double y1, double x2, double y2, Color colour, double width);

  /** A line of text with its baseline at y, rotated about (x, y) by the given degrees (clockwise, as y is down). */
  void text(String text, double x, double y, double size, boolean bold, Color colour, Anchor anchor, double rotation);

  /** An image scaled into the box; png holds the same picture encoded, for formats that embed it. */
  void image(BufferedImage image, byte[] png, Box box);
}
