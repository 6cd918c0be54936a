package dev.embedkit.explore.render;

import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.awt.font.FontRenderContext;
import java.util.Arrays;

/**
 * The one font the PNG and SVG pictures use, and text measurement for layout. DejaVu Sans where installed (Debian
 * and most Linux images have it, and it draws headless), else Java's logical sans-serif font. The SVG names the
 * same family first, so its text takes about the width the layout measured.
 */
final class Typeface {
  static final String FAMILY = chooseFamily();
  /** What the SVG asks for; viewers without DejaVu fall back to a similar sans-serif. */
  static final String SVG_FAMILY = "'DejaVu Sans', Verdana, Arial, sans-serif";
  /** Measures as antialiased, fractional-metrics Java2D draws, so PNG layout matches what is drawn. */
  private static final FontRenderContext FRC = new FontRenderContext(null, true, true);

  private Typeface() {}

  static Font font(double size, boolean bold) {
    return new Font(FAMILY, bold ? Font.BOLD : Font.PLAIN, 1).deriveFont((float) size);
  }

  static double width(String text, double size, boolean bold) {
    return font(size, bold).getStringBounds(text, FRC).getWidth();
  }

  /** The text, cut at the end with an ellipsis so that it is at most maxWidth wide. */
  static String fit(String text, double size, boolean bold, double maxWidth) {
    if (width(text, size, bold) <= maxWidth) {
      return text;
    }
    int lo = 0;
    int hi = text.length();
    while (lo < hi) { // the longest prefix that fits with the ellipsis
      int mid = (lo + hi + 1) / 2;
      if (width(text.substring(0, mid).stripTrailing() + "\u2026", size, bold) <= maxWidth) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return text.substring(0, lo).stripTrailing() + "\u2026";
  }

  private static String chooseFamily() {
    Headless.ensure();
    String[] families = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames();
    return Arrays.asList(families).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
  }
}
