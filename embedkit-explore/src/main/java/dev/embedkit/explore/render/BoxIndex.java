package dev.embedkit.explore.render;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Boxes bucketed in a uniform grid, so that "does this candidate hit anything placed?" looks at a few neighbours
 * instead of every box. Label and thumbnail placement ask this once per candidate position.
 */
final class BoxIndex {
  /** About the size of a label's height: most boxes then span one or two cells. */
  static final double DEFAULT_CELL = 32;

  private final double cell;
  private final Map<Long, List<Box>> cells = new HashMap<>();
  private final List<Box> all = new ArrayList<>();

  BoxIndex() {
    this(DEFAULT_CELL);
  }

  BoxIndex(double cell) {
    if (!(cell > 0)) {
      throw new IllegalArgumentException("cell must be positive; cell=" + cell);
    }
    this.cell = cell;
  }

  void add(Box box) {
    all.add(box);
    forEachCell(box, key -> cells.computeIfAbsent(key, k -> new ArrayList<>()).add(box));
  }

  /** Whether any stored box intersects this one. */
  boolean hits(Box box) {
    boolean[] hit = {false};
    forEachCell(box, key -> {
      if (!hit[0]) {
        for (Box other : cells.getOrDefault(key, List.of())) {
          if (other.intersects(box)) {
            hit[0] = true;
            return;
          }
        }
      }
    });
    return hit[0];
  }

  /** The largest overlap area of this box with any stored box. */
  double maxOverlap(Box box) {
    double[] max = {0};
    forEachCell(box, key -> {
      for (Box other : cells.getOrDefault(key, List.of())) {
        max[0] = Math.max(max[0], other.overlapArea(box));
      }
    });
    return max[0];
  }

  /** The stored boxes, in the order added. */
  List<Box> boxes() {
    return List.copyOf(all);
  }

  private void forEachCell(Box box, java.util.function.LongConsumer action) {
    long x0 = (long) Math.floor(box.x() / cell);
    long x1 = (long) Math.floor(box.right() / cell);
    long y0 = (long) Math.floor(box.y() / cell);
    long y1 = (long) Math.floor(box.bottom() / cell);
    for (long gx = x0; gx <= x1; gx++) {
      for (long gy = y0; gy <= y1; gy++) {
        action.accept((gx << 32) ^ (gy & 0xffffffffL));
      }
    }
  }
}
