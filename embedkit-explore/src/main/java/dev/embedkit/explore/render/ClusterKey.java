package dev.embedkit.explore.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which colour slot each cluster gets and what the legend says about it. Slots follow the map's cluster list
 * (largest first), so the biggest clusters get the most distinct colours; a point's cluster id that the list does
 * not name still gets its own slot (after the named ones, by id) and a legend entry "cluster N".
 */
final class ClusterKey {
  /**
   * One legend entry.
   *
   * @param id the cluster's id, or -1 for the unclustered points
   * @param name what the legend says
   * @param size its number of points
   * @param slot its palette slot (-1: unclustered grey)
   */
  record Entry(int id, String name, int size, int slot) {}

  private final Map<Integer, Entry> byId = new TreeMap<>();
  private final List<Entry> entries = new ArrayList<>();

  ClusterKey(SpaceMap map) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (MapPoint p : map.points()) {
      counts.merge(p.cluster(), 1, Integer::sum);
    }
    for (MapCluster c : MapChecks.clusters(map)) {
      if (!byId.containsKey(c.id())) {
        String name = c.name() == null || c.name().isBlank() ? "cluster " + c.id() : c.name();
        add(new Entry(c.id(), name, c.size(), entries.size()));
      }
    }
    for (Map.Entry<Integer, Integer> count : counts.entrySet()) {
      int id = count.getKey();
      if (id >= 0 && !byId.containsKey(id)) {
        add(new Entry(id, "cluster " + id, count.getValue(), entries.size()));
      }
    }
    if (counts.containsKey(-1)) {
      add(new Entry(-1, "unclustered", counts.get(-1), -1));
    }
  }

  /** The palette slot of a point's cluster id (-1 for unclustered). */
  int slot(int clusterId) {
    Entry e = byId.get(clusterId);
    return e == null ? -1 : e.slot();
  }

  Entry entry(int clusterId) {
    return byId.get(clusterId);
  }

  /** The legend's entries: clusters in slot order, then the unclustered points if any. */
  List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** Whether there is anything a legend would tell apart (some point is in a cluster). */
  boolean hasClusters() {
    return entries.stream().anyMatch(e -> e.id() >= 0);
  }

  private void add(Entry e) {
    byId.put(e.id(), e);
    entries.add(e);
  }
}
