package dev.embedkit.explore.render;

import java.util.Arrays;
import java.util.List;

/** What every map writer refuses before drawing: a picture of bad data would look plausible and mislead. */
final class MapChecks {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private MapChecks() {}

  /** Throws IllegalArgumentException naming the first bad point or cluster. */
  static void check(SpaceMap map) {
    if (map == null || map.points() == null || map.points().isEmpty()) {
      throw new IllegalArgumentException("the map has no points; there is nothing to draw");
    }
    List<MapPoint> points = map.points();
    for (int i = 0; i < points.size(); i++) {
      MapPoint p = points.get(i);
      if (p == null) {
        throw new IllegalArgumentException("point " + i + " is null");
      }
      if (!Float.isFinite(p.x()) || !Float.isFinite(p.y())) {
        throw new IllegalArgumentException("point " + i + " (id " + p.id() + ") has a non-finite coordinate: x=" + p.x() + ", y=" + p.y());
      }
      if (p.cluster() < -1) {
        throw new IllegalArgumentException("point " + i + " (id " + p.id() + ") has cluster " + p.cluster() + "; use -1 for unclustered");
      }
      if (p.thumbnail() != null && !isPng(p.thumbnail())) {
        throw new IllegalArgumentException("point " + i + " (id " + p.id() + ") has a thumbnail that is not a PNG");
      }
    }
    for (MapCluster c : clusters(map)) {
      for (int member : c.central() == null ? List.<Integer>of() : c.central()) {
        if (member < 0 || member >= points.size()) {
          throw new IllegalArgumentException("cluster " + c.id() + " lists central member " + member + " but the map has "
              + points.size() + " points");
        }
      }
    }
  }

  static List<MapCluster> clusters(SpaceMap map) {
    return map.clusters() == null ? List.of() : map.clusters();
  }

  private static boolean isPng(byte[] bytes) {
    return bytes.length > PNG_SIGNATURE.length && Arrays.equals(bytes, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length);
  }
}
