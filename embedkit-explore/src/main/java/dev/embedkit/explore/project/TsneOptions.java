package dev.embedkit.explore.project;

/**
 * t-SNE's settings, scikit-learn's defaults.
 *
 * @param perplexity 30
 * @param iterations 1000
 * @param theta Barnes-Hut angle, 0.5
 * @param seed all randomness
 */
public record TsneOptions(double perplexity, int iterations, double theta, long seed) {
  public static final TsneOptions DEFAULTS = new TsneOptions(30, 1000, 0.5, 42);

  public TsneOptions {
    if (!(perplexity > 0)) {
      throw new IllegalArgumentException("perplexity must be positive; perplexity=" + perplexity);
    }
    if (iterations < 250) {
      throw new IllegalArgumentException("t-SNE needs at least 250 iterations; iterations=" + iterations);
    }
    if (!(theta >= 0 && theta <= 1)) {
      throw new IllegalArgumentException("theta must be in [0, 1]; theta=" + theta);
    }
  }

  public TsneOptions withSeed(long value) {
    return new TsneOptions(perplexity, iterations, theta, value);
  }
}
