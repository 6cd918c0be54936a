package dev.embedkit.explore.render;

import java.util.List;

/**
 * A cluster as a map shows it.
 *
 * @param id its number, as in {@link MapPoint#cluster()}
 * @param name a short name (its most distinctive terms joined, e.g. "soccer, ball, playing")
 * @param terms its most distinctive terms, most distinctive first (class-based TF-IDF)
 * @param size its number of points
 * @param central indices into the map's points of its most central members, most central first
 */
public record MapCluster(int id, String name, List<String> terms, int size, List<Integer> central) {}
