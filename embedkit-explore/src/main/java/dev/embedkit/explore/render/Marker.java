package dev.embedkit.explore.render;

/**
 * The marker shapes that tell clusters apart once the palette's colours have all been used (colour-blind readers
 * also get a second cue). Each shape has about the same ink as a circle of the same radius.
 */
enum Marker {
  CIRCLE(0),
  SQUARE(4),
  TRIANGLE(3),
  DIAMOND(4);

  private final int corners;

  Marker(int corners) {
    this.corners = corners;
  }

  /**
   * The polygon's vertices as x0, y0, x1, y1, ... for a marker of radius r at (cx, cy); empty for the circle.
   */
  double[] vertices(double cx, double cy, double r) {
    return switch (this) {
      case CIRCLE -> new double[0];
      case SQUARE -> {
        double s = r * 0.886; // half side of the square with the circle's area
        yield new double[] {cx - s, cy - s, cx + s, cy - s, cx + s, cy + s, cx - s, cy + s};
      }
      case TRIANGLE -> {
        double s = r * 1.35;
        yield new double[] {cx, cy - s, cx + s * 0.866, cy + s * 0.5, cx - s * 0.866, cy + s * 0.5};
      }
      case DIAMOND -> {
        double s = r * 1.25;
        yield new double[] {cx, cy - s, cx + s, cy, cx, cy + s, cx - s, cy};
      }
    };
  }

  int corners() {
    return corners;
  }
}
