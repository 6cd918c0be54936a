package dev.embedkit.explore.cluster;

/**
 * A clustering: a cluster per point, {@link #NOISE} for points left unclustered (HDBSCAN's noise, points in no
 * community), clusters numbered 0..count-1, largest first.
 */
public record Clusters(int[] labels, int count) {
  public static final int NOISE = -1;

  public static Clusters none(int points) {
    return new Clusters(new int[points], points == 0 ? 0 : 1);
  }
}
