package dev.embedkit.eval.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.OutputStream;
import java.util.Locale;

/** Writes a chart as a standalone SVG document. */
final class SvgCanvas implements Canvas {
  private final StringBuilder body = new StringBuilder();
  private final int width;
  private final int height;

  SvgCanvas(int width, int height) {
    this.width = width;
    this.height = height;
  }

  @Override
  public void line(double x1, double y1, double x2, double y2, String color, double strokeWidth, String dash) {
    body.append(String.format(Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>%n",
        x1, y1, x2, y2, color, strokeWidth, dash != null ? " stroke-dasharray=\"" + dash + "\"" : ""));
  }

  @Override
  public void dot(double x, double y, double radius, String color) {
    body.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"/>%n", x, y, radius, color));
  }

  @Override
  public void text(double x, double y, String text, int size, String anchor, String color) {
    body.append(String.format(Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" font-family=\"sans-serif\" font-size=\"%d\" text-anchor=\"%s\" fill=\"%s\">%s</text>%n",
        x, y, size, anchor, color, escape(text)));
  }

  String document() {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 "
        + width + " " + height + "\">\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n" + body + "</svg>\n";
  }

  @Override
  public void write(OutputStream out) throws IOException {
    out.write(document().getBytes(StandardCharsets.UTF_8));
  }

  static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
