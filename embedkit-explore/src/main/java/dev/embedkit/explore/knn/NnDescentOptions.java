package dev.embedkit.explore.knn;

/**
 * NN-descent's settings (pynndescent's defaults where it has them).
 *
 * @param rho sampling rate: each round joins at most {@code ceil(rho * k)} new and as many old neighbours per point
 *     (pynndescent's max_candidates; 1.0 joins up to k, capped at {@link #MAXIMUM_CANDIDATES})
 * @param delta stop when a round improves fewer than {@code delta * n * k} neighbour slots (0.001)
 * @param maxRounds at most this many rounds; 0 picks pynndescent's {@code max(5, round(log2 n))}
 * @param trees random-projection trees for the initial graph (0: random initial neighbours only)
 * @param seed all randomness
 */
public record NnDescentOptions(double rho, double delta, int maxRounds, int trees, long seed) {
  public static final NnDescentOptions DEFAULTS = new NnDescentOptions(1.0, 0.001, 0, 8, 42);
  public static final int MAXIMUM_CANDIDATES = 60;

  public NnDescentOptions {
    if (!(rho > 0 && rho <= 1)) {
      throw new IllegalArgumentException("rho must be in (0, 1]; rho=" + rho);
    }
    if (!(delta >= 0 && delta < 1)) {
      throw new IllegalArgumentException("delta must be in [0, 1); delta=" + delta);
    }
    if (maxRounds < 0) {
      throw new IllegalArgumentException("maxRounds must be 0 (automatic) or positive; maxRounds=" + maxRounds);
    }
    if (trees < 0) {
      throw new IllegalArgumentException("trees must be 0 or positive; trees=" + trees);
    }
  }

  public NnDescentOptions withSeed(long value) {
    return new NnDescentOptions(rho, delta, maxRounds, trees, value);
  }

  public NnDescentOptions withTrees(int value) {
    return new NnDescentOptions(rho, delta, maxRounds, value, seed);
  }
}
