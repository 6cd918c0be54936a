package dev.embedkit.explore.render;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Base64;

/**
 * A {@link Surface} that writes SVG text. Numbers have at most two decimals and no locale, and nothing depends on
 * hash order, so the same drawing gives the same bytes.
 */
final class SvgSurface implements Surface {
  private final StringBuilder svg = new StringBuilder(1 << 16);

  SvgSurface(int width, int height, String title) {
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"")
        .append(width).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(width).append(' ')
        .append(height).append("\" font-family=\"").append(SvgText.escape(Typeface.SVG_FAMILY)).append("\">\n");
    if (title != null && !title.isBlank()) {
      svg.append("<title>").append(SvgText.escape(title)).append("</title>\n");
    }
    svg.append("<rect width=\"").append(width).append("\" height=\"").append(height).append("\" fill=\"#ffffff\"/>\n");
  }

  @Override
  public void rect(Box box, Color fill, Color stroke, double strokeWidth) {
    svg.append("<rect x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y())).append("\" width=\"")
        .append(num(box.w())).append("\" height=\"").append(num(box.h())).append('"');
    paint("fill", fill);
    if (stroke != null) {
      paint("stroke", stroke);
      svg.append(" stroke-width=\"").append(num(strokeWidth)).append('"');
    }
    svg.append("/>\n");
  }

  @Override
  public void markers(Marker shape, double radius, Color colour, float[] xy, int count) {
    if (count == 0) {
      return;
    }
    svg.append("<g");
    paint("fill", colour);
    svg.append(">\n");
    String r = num(radius);
    for (int k = 0; k < count; k++) {
      double x = xy[2 * k];
      double y = xy[2 * k + 1];
      if (shape == Marker.CIRCLE) {
        svg.append("<circle cx=\"").append(num(x)).append("\" cy=\"").append(num(y)).append("\" r=\"").append(r).append("\"/>\n");
      } else {
        double[] v = shape.vertices(x, y, radius);
        svg.append("<polygon points=\"");
        for (int i = 0; i < v.length; i += 2) {
          svg.append(i == 0 ? "" : " ").append(num(v[i])).append(',').append(num(v[i + 1]));
        }
        svg.append("\"/>\n");
      }
    }
    svg.append("</g>\n");
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, Color colour, double width) {
    svg.append("<line x1=\"").append(num(x1)).append("\" y1=\"").append(num(y1)).append("\" x2=\"").append(num(x2))
        .append("\" y2=\"").append(num(y2)).append('"');
    paint("stroke", colour);
    svg.append(" stroke-width=\"").append(num(width)).append("\" stroke-linecap=\"round\"/>\n");
  }

  @Override
  public void text(String text, double x, double y, double size, boolean bold, Color colour, Anchor anchor, double rotation) {
    svg.append("<text x=\"").append(num(x)).append("\" y=\"").append(num(y)).append("\" font-size=\"").append(num(size)).append('"');
    if (bold) {
      svg.append(" font-weight=\"bold\"");
    }
    if (anchor != Anchor.START) {
      svg.append(" text-anchor=\"").append(anchor == Anchor.MIDDLE ? "middle" : "end").append('"');
    }
    if (rotation != 0) {
      svg.append(" transform=\"rotate(").append(num(rotation)).append(' ').append(num(x)).append(' ').append(num(y)).append(")\"");
    }
    paint("fill", colour);
    svg.append('>').append(SvgText.escape(text)).append("</text>\n");
  }

  @Override
  public void image(BufferedImage image, byte[] png, Box box) {
    svg.append("<image x=\"").append(num(box.x())).append("\" y=\"").append(num(box.y())).append("\" width=\"")
        .append(num(box.w())).append("\" height=\"").append(num(box.h()))
        .append("\" preserveAspectRatio=\"none\" xlink:href=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\"/>\n");
  }

  /** The finished document. */
  String finish() {
    return svg + "</svg>\n";
  }

  private void paint(String attribute, Color colour) {
    if (colour == null) {
      svg.append(' ').append(attribute).append("=\"none\"");
      return;
    }
    svg.append(' ').append(attribute).append("=\"").append(Palette.hex(colour)).append('"');
    if (colour.getAlpha() < 255) {
      svg.append(' ').append(attribute).append("-opacity=\"").append(num(colour.getAlpha() / 255.0)).append('"');
    }
  }

  /** At most two decimals, no trailing zeros, no locale: "12", "12.5", "-0.25". */
  static String num(double value) {
    long hundredths = Math.round(value * 100);
    if (hundredths == 0) {
      return "0";
    }
    StringBuilder s = new StringBuilder();
    if (hundredths < 0) {
      s.append('-');
      hundredths = -hundredths;
    }
    s.append(hundredths / 100);
    long fraction = hundredths % 100;
    if (fraction != 0) {
      s.append('.').append(fraction / 10);
      if (fraction % 10 != 0) {
        s.append(fraction % 10);
      }
    }
    return s.toString();
  }
}
