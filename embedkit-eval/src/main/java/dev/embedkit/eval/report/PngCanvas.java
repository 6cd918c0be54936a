package dev.embedkit.eval.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import javax.imageio.ImageIO;

/** Draws a chart into a PNG with Java2D (headless). */
final class PngCanvas implements Canvas {
  private final BufferedImage image;
  private final Graphics2D g;

  PngCanvas(int width, int height) {
    image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, width, height);
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double width, String dash) {
    g.setColor(Color.decode(color));
    if (dash == null) {
      g.setStroke(new BasicStroke((float) width));
    } else {
      String[] parts = dash.split(",");
      float[] pattern = new float[parts.length];
      for (int i = 0; i < parts.length; i++) {
        pattern[i] = Float.parseFloat(parts[i].trim());
      }
      g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, pattern, 0f));
    }
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void dot(double x, double y, double radius, String color) {
    g.setColor(Color.decode(color));
    g.fill(new Ellipse2D.Double(x - radius, y - radius, 2 * radius, 2 * radius));
  }

  @Override
  public void text(double x, double y, String text, int size, String anchor, String color) {
    g.setColor(Color.decode(color));
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, size));
    int w = g.getFontMetrics().stringWidth(text);
    double start = switch (anchor) {
      case "middle" -> x - w / 2.0;
      case "end" -> x - w;
      default -> x;
    };
    g.drawString(text, (float) start, (float) y);
  }

  @Override
  public void write(OutputStream out) throws IOException {
    g.dispose();
    if (!ImageIO.write(image, "png", out)) {
      throw new IOException("no PNG writer available");
    }
  }
}
