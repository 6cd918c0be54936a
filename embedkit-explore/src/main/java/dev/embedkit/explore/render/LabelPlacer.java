package dev.embedkit.explore.render;

import java.util.List;
import java.util.Optional;

/**
 * Places text labels greedily so that none overlaps another: for each point, in priority order, it tries positions
 * around the point (beside it first, then further out with a leader line) and keeps the first whose rectangle stays
 * inside the bounds and clear of placed labels, obstacles (legend, thumbnails) and the markers of labelled points.
 * A point whose marker an earlier label already covers gets no label: its leader line would lead under a box.
 *
 * <p>Greedy is enough here: a map shows a sample of labels, so a point whose every position is taken is simply
 * left unlabelled; the caller decides priority (a cluster's central members first).
 */
final class LabelPlacer {
  /** Gap between a marker's edge and its label, in pixels. */
  static final double GAP = 3;
  /** How far beyond the near ring the leader-line rings lie, in pixels. */
  private static final double[] LEADER_RINGS = {22, 44};
  /** Unit directions, tried in this order: right, left, above, below, then the diagonals. */
  private static final double[][] DIRECTIONS = {{1, 0}, {-1, 0}, {0, -1}, {0, 1}, {1, -1}, {-1, -1}, {1, 1}, {-1, 1}};

  /**
   * Where a label went.
   *
   * @param box its rectangle
   * @param offset whether it sits away from its point (draw a leader line from the point to the box)
   */
  record Placement(Box box, boolean offset) {}

  private final Box bounds;
  private final BoxIndex labels = new BoxIndex();
  private final BoxIndex obstacles = new BoxIndex();

  /**
   * @param bounds the area labels must stay inside
   * @param obstacles boxes no label may cover (the legend, placed thumbnails)
   */
  LabelPlacer(Box bounds, List<Box> obstacles) {
    this.bounds = bounds;
    obstacles.forEach(this.obstacles::add);
  }

  /**
   * Places a label of the given size for a point drawn with the given marker radius, or returns empty when no
   * position is free. A placed label and its point's marker become obstacles for later labels.
   */
  Optional<Placement> place(double px, double py, double w, double h, double markerRadius) {
    Box marker = Box.centredOn(px, py, 2 * markerRadius, 2 * markerRadius);
    if (labels.hits(marker) || obstacles.hits(marker)) {
      return Optional.empty();
    }
    double near = markerRadius + GAP;
    for (int ring = 0; ring <= LEADER_RINGS.length; ring++) {
      double distance = ring == 0 ? near : near + LEADER_RINGS[ring - 1];
      for (double[] d : DIRECTIONS) {
        Box candidate = around(px, py, w, h, d[0] * distance, d[1] * distance);
        if (candidate.within(bounds) && !labels.hits(candidate) && !obstacles.hits(candidate)) {
          labels.add(candidate);
          obstacles.add(marker);
          return Optional.of(new Placement(candidate, ring > 0));
        }
      }
    }
    return Optional.empty();
  }

  /** The labels placed so far. */
  List<Box> placed() {
    return labels.boxes();
  }

  /** A box whose nearest edge (or corner) to the point is at the given offset from it. */
  private static Box around(double px, double py, double w, double h, double dx, double dy) {
    double x = dx > 0 ? px + dx : dx < 0 ? px + dx - w : px - w / 2;
    double y = dy > 0 ? py + dy : dy < 0 ? py + dy - h : py - h / 2;
    return new Box(x, y, w, h);
  }
}
