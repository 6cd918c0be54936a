package dev.embedkit.eval.report;

import java.io.IOException;
import java.io.OutputStream;

/** The few drawing operations a chart needs; one implementation writes SVG text, one draws a PNG with Java2D. */
interface Canvas {
  /** @param dash dash and gap lengths ("6,3"), or null for a solid line */
  void line(double x1, double y1, double x2, double y2, String color, double width, String dash);

  void dot(double x, double y, double radius, String color);

  /** Text anchored at its start ("start"), centre ("middle") or end ("end"). */
  void text(double x, double y, String text, int size, String anchor, String color);

  void write(OutputStream out) throws IOException;
}
