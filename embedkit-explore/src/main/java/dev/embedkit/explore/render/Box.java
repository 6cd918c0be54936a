package dev.embedkit.explore.render;

/**
 * An axis-aligned rectangle in picture coordinates (pixels, y down): a label, a thumbnail, the legend.
 *
 * @param x left edge
 * @param y top edge
 * @param w width, not negative
 * @param h height, not negative
 */
record Box(double x, double y, double w, double h) {
  Box {
    assert w >= 0 && h >= 0 : "negative size " + w + "x" + h;
  }

  /** The box of this size centred on a point. */
  static Box centredOn(double cx, double cy, double w, double h) {
    return new Box(cx - w / 2, cy - h / 2, w, h);
  }

  double right() {
    return x + w;
  }

  double bottom() {
    return y + h;
  }

  double centreX() {
    return x + w / 2;
  }

  double centreY() {
    return y + h / 2;
  }

  /** Whether the two share interior area; boxes that only touch along an edge do not intersect. */
  boolean intersects(Box other) {
    return x < other.right() && other.x < right() && y < other.bottom() && other.y < bottom();
  }

  /** Whether this box lies entirely inside the other (edges may touch). */
  boolean within(Box other) {
    return x >= other.x && y >= other.y && right() <= other.right() && bottom() <= other.bottom();
  }

  double overlapArea(Box other) {
    double ow = Math.min(right(), other.right()) - Math.max(x, other.x);
    double oh = Math.min(bottom(), other.bottom()) - Math.max(y, other.y);
    return ow > 0 && oh > 0 ? ow * oh : 0;
  }

  Box grow(double margin) {
    return new Box(x - margin, y - margin, w + 2 * margin, h + 2 * margin);
  }
}
