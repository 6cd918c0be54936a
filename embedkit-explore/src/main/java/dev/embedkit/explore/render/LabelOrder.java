package dev.embedkit.explore.render;

import java.util.List;
import java.util.Random;

/**
 * The order in which points are offered a label or a thumbnail: each cluster's central members first, taken round
 * robin (every cluster's most central member, then every cluster's second, ...) so that each region gets named
 * before any gets a second label; then the other points in a fixed pseudo-random order, which spreads the rest over
 * the map instead of favouring the input's first rows. The seed is fixed so the same map gives the same picture.
 */
final class LabelOrder {
  private static final long SEED = 42;

  private LabelOrder() {}

  /** At most limit point indices, highest priority first, each once. */
  static int[] of(SpaceMap map, int limit) {
    int n = map.points().size();
    int[] order = new int[Math.min(limit, n)];
    boolean[] taken = new boolean[n];
    int count = 0;
    List<MapCluster> clusters = MapChecks.clusters(map);
    int rounds = clusters.stream().mapToInt(c -> c.central() == null ? 0 : c.central().size()).max().orElse(0);
    for (int round = 0; round < rounds && count < order.length; round++) {
      for (MapCluster c : clusters) {
        if (c.central() != null && round < c.central().size() && count < order.length) {
          int member = c.central().get(round);
          if (!taken[member]) {
            taken[member] = true;
            order[count++] = member;
          }
        }
      }
    }
    if (count < order.length) {
      int[] rest = shuffled(n);
      for (int i = 0; i < n && count < order.length; i++) {
        if (!taken[rest[i]]) {
          taken[rest[i]] = true;
          order[count++] = rest[i];
        }
      }
    }
    return order;
  }

  private static int[] shuffled(int n) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    Random random = new Random(SEED);
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    return all;
  }
}
