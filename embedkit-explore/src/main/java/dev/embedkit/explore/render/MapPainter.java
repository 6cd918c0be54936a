package dev.embedkit.explore.render;

import java.awt.Color;

/**
 * Draws a {@link MapLayout} on a {@link Surface}, back to front: frame, points (unclustered first), thumbnails,
 * labels with their leader lines, legend, title and caption.
 */
final class MapPainter {
  /** Label boxes are nearly opaque so text stays readable over dense points. */
  private static final Color LABEL_BACKGROUND = new Color(255, 255, 255, 225);
  private static final Color LABEL_BORDER = new Color(0x99, 0x99, 0x99);
  private static final Color LEADER = new Color(0x66, 0x66, 0x66);
  private static final double THUMBNAIL_BORDER = 3;

  private final MapLayout layout;

  MapPainter(MapLayout layout) {
    this.layout = layout;
  }

  void paint(Surface surface) {
    double u = layout.unit;
    surface.rect(layout.plot, null, Palette.FRAME, 1);
    paintPoints(surface);
    for (MapLayout.Thumbnail t : layout.thumbnails) {
      paintThumbnail(surface, t, THUMBNAIL_BORDER * Math.max(1, u));
    }
    paintLabels(surface, u);
    for (MapLayout.LegendRow row : layout.legendRows) {
      if (!Double.isNaN(row.swatchX())) {
        surface.markers(Palette.marker(row.slot()), layout.legendSwatchRadius, Palette.cluster(row.slot()),
            new float[] {(float) row.swatchX(), (float) row.swatchY()}, 1);
      }
      text(surface, row.text(), Palette.TEXT);
    }
    text(surface, layout.title, Palette.TEXT);
    for (MapLayout.Text line : layout.caption) {
      text(surface, line, Palette.MUTED_TEXT);
    }
  }

  /** Points grouped into runs of one slot (drawOrder is sorted by slot), one marker call per run. */
  private void paintPoints(Surface surface) {
    int[] order = layout.drawOrder;
    float[] xy = new float[2 * order.length];
    int start = 0;
    while (start < order.length) {
      int slot = layout.slots[order[start]];
      int end = start;
      while (end < order.length && layout.slots[order[end]] == slot) {
        xy[2 * (end - start)] = layout.px[order[end]];
        xy[2 * (end - start) + 1] = layout.py[order[end]];
        end++;
      }
      surface.markers(Palette.marker(slot), layout.radius, Palette.withAlpha(Palette.cluster(slot), layout.alpha), xy, end - start);
      start = end;
    }
  }

  private static void paintThumbnail(Surface surface, MapLayout.Thumbnail t, double border) {
    surface.rect(t.box(), Palette.cluster(t.slot()), null, 0);
    Box inner = t.box().grow(-border);
    surface.rect(inner, Color.WHITE, null, 0);
    double scale = Math.min(inner.w() / t.image().getWidth(), inner.h() / t.image().getHeight());
    double w = t.image().getWidth() * scale;
    double h = t.image().getHeight() * scale;
    surface.image(t.image(), t.png(), Box.centredOn(inner.centreX(), inner.centreY(), w, h));
  }

  private void paintLabels(Surface surface, double u) {
    double markerRadius = Math.max(layout.radius, 2.5 * u);
    for (MapLayout.Label label : layout.labels) {
      if (label.leader()) {
        double x = layout.px[label.point()];
        double y = layout.py[label.point()];
        Box b = label.box();
        // To the box's nearest point, so the line ends at its edge instead of crossing the text.
        double tx = Math.max(b.x(), Math.min(x, b.right()));
        double ty = Math.max(b.y(), Math.min(y, b.bottom()));
        surface.line(x, y, tx, ty, LEADER, Math.max(1, u));
      }
    }
    for (MapLayout.Label label : layout.labels) {
      int slot = layout.slots[label.point()];
      surface.markers(Palette.marker(slot), markerRadius, Palette.cluster(slot),
          new float[] {layout.px[label.point()], layout.py[label.point()]}, 1);
      surface.rect(label.box(), LABEL_BACKGROUND, LABEL_BORDER, Math.max(0.75, 0.75 * u));
      text(surface, label.text(), Palette.TEXT);
    }
  }

  private static void text(Surface surface, MapLayout.Text t, Color colour) {
    if (!t.text().isEmpty()) {
      surface.text(t.text(), t.x(), t.y(), t.size(), t.bold(), colour, Surface.Anchor.START, 0);
    }
  }
}
