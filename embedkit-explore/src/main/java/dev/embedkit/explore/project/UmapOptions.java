package dev.embedkit.explore.project;

/**
 * UMAP's settings, umap-learn's defaults.
 *
 * @param neighbours n_neighbors (15)
 * @param minDist min_dist (0.1)
 * @param epochs n_epochs; 0 picks umap-learn's default (500 up to 10,000 points, else 200)
 * @param seed all randomness
 */
public record UmapOptions(int neighbours, double minDist, int epochs, long seed) {
  public static final UmapOptions DEFAULTS = new UmapOptions(15, 0.1, 0, 42);

  public UmapOptions {
    if (neighbours < 2) {
      throw new IllegalArgumentException("UMAP needs at least 2 neighbours; neighbours=" + neighbours);
    }
    if (!(minDist >= 0 && minDist <= 1)) {
      throw new IllegalArgumentException("min_dist must be in [0, 1]; minDist=" + minDist);
    }
    if (epochs < 0) {
      throw new IllegalArgumentException("epochs must be 0 (automatic) or positive; epochs=" + epochs);
    }
  }

  public UmapOptions withSeed(long value) {
    return new UmapOptions(neighbours, minDist, epochs, value);
  }
}
