package dev.embedkit.explore.render;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;

/** A {@link Surface} that draws into a Java2D image: antialiased shapes and text. */
final class Java2dSurface implements Surface {
  private final Graphics2D g;

  /** Draws on the image with a white background. */
  Java2dSurface(BufferedImage image) {
    g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    // Fractional metrics make drawn text as wide as Typeface measured it for layout.
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
    g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
    g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
  }

  @Override
  public void rect(Box box, Color fill, Color stroke, double strokeWidth) {
    Rectangle2D.Double r = new Rectangle2D.Double(box.x(), box.y(), box.w(), box.h());
    if (fill != null) {
      g.setColor(fill);
      g.fill(r);
    }
    if (stroke != null) {
      g.setColor(stroke);
      g.setStroke(new BasicStroke((float) strokeWidth));
      g.draw(r);
    }
  }

  @Override
  public void markers(Marker shape, double radius, Color colour, float[] xy, int count) {
    g.setColor(colour);
    Ellipse2D.Double circle = new Ellipse2D.Double();
    for (int k = 0; k < count; k++) {
      double x = xy[2 * k];
      double y = xy[2 * k + 1];
      if (shape == Marker.CIRCLE) {
        circle.setFrame(x - radius, y - radius, 2 * radius, 2 * radius);
        g.fill(circle);
      } else {
        double[] v = shape.vertices(x, y, radius);
        Path2D.Double path = new Path2D.Double();
        path.moveTo(v[0], v[1]);
        for (int i = 2; i < v.length; i += 2) {
          path.lineTo(v[i], v[i + 1]);
        }
        path.closePath();
        g.fill(path);
      }
    }
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, Color colour, double width) {
    g.setColor(colour);
    g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.draw(new Line2D.Double(x1, y1, x2, y2));
  }

  @Override
  public void text(String text, double x, double y, double size, boolean bold, Color colour, Anchor anchor, double rotation) {
    g.setFont(Typeface.font(size, bold));
    g.setColor(colour);
    double width = anchor == Anchor.START ? 0 : Typeface.width(text, size, bold);
    double shift = anchor == Anchor.START ? 0 : anchor == Anchor.MIDDLE ? width / 2 : width;
    AffineTransform saved = g.getTransform();
    g.translate(x, y);
    g.rotate(Math.toRadians(rotation));
    g.drawString(text, (float) -shift, 0f);
    g.setTransform(saved);
  }

  @Override
  public void image(BufferedImage image, byte[] png, Box box) {
    g.drawImage(image, (int) Math.round(box.x()), (int) Math.round(box.y()), (int) Math.round(box.w()),
        (int) Math.round(box.h()), null);
  }

  void dispose() {
    g.dispose();
  }
}
