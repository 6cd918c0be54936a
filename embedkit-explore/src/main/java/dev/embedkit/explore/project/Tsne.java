package dev.embedkit.explore.project;

import dev.embedkit.explore.knn.KnnGraph;
import dev.embedkit.explore.knn.NearestNeighbours;
import dev.embedkit.maths.Pca;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Barnes-Hut t-SNE (van der Maaten 2014) to two dimensions, as scikit-learn's
 * {@code TSNE(method="barnes_hut", metric="cosine", init="pca", learning_rate="auto")} does it:
 *
 * <ul>
 *   <li>affinities from the min(n - 1, 3 perplexity + 1) nearest neighbours by cosine distance, each point's
 *       bandwidth bisected to the perplexity, then symmetrised and normalised ({@link Affinities});
 *   <li>PCA initialisation scaled so the first coordinate's standard deviation is 1e-4 (the PCA fitted on a
 *       sample of 10,000 rows when there are more);
 *   <li>learning rate max(n / 12 / 4, 50); 250 steps with P exaggerated 12 times and momentum 0.5, then the rest
 *       with momentum 0.8; per-coordinate gains (+0.2 when the gradient's sign flips, else times 0.8, at least 0.01);
 *       Student-t kernel with one degree of freedom; repulsion by a quadtree with angle theta ({@link QuadTree}).
 * </ul>
 *
 * <p>Where it differs, and why: a seeded jitter of 1% of the initial spread is added to the PCA start, so the seed
 * chooses among maps (scikit-learn's seed reaches its randomised PCA) and identical inputs do not start, and stay,
 * on top of each other; the PCA is fitted on at most {@value #PCA_SAMPLE} rows; the quadtree's leaves hold a few
 * points each ({@link QuadTree}); and the KL divergence is checked at every 50th step rather than after it. The
 * result depends only on the input and the options, not on the number of threads.
 *
 * <pre>{@code
 * float[][] map = Tsne.project(unitVectors, TsneOptions.DEFAULTS);
 * }</pre>
 */
public final class Tsne {
  private static final Logger LOG = LoggerFactory.getLogger(Tsne.class);

  /** Fewer points than this are refused: the caller maps them by PCA. */
  public static final int MIN_POINTS = 4;
  static final double EARLY_EXAGGERATION = 12;
  static final int EXPLORATION_ITERATIONS = 250;
  static final double EXPLORATION_MOMENTUM = 0.5;
  static final double FINAL_MOMENTUM = 0.8;
  static final int CHECK_EVERY = 50;
  static final int ITERATIONS_WITHOUT_PROGRESS = 300;
  static final double MIN_GRADIENT_NORM = 1e-7;
  static final double MIN_GAIN = 0.01;
  static final double INITIAL_STD = 1e-4;
  static final double INITIAL_JITTER = 0.01;
  /**
   * Rows the initial PCA is fitted on, at most. The fit (embedkit-core's power iteration) copies its rows to
   * doubles and passes over them hundreds of times: on 100,000 x 384 vectors that is 300 MB and most of a minute,
   * to estimate two directions that a 10,000-row random sample already pins down well enough for a starting map.
   */
  static final int PCA_SAMPLE = 10_000;

  private Tsne() {}

  /** Projects unit vectors to n x 2, seeded and reproducible. */
  public static float[][] project(float[][] unitVectors, TsneOptions options) {
    return run(unitVectors, options).coordinates();
  }

  /**
   * Projects unit vectors to n x 2 and reports the optimisation's KL divergence along the way.
   *
   * @throws IllegalArgumentException with fewer than {@link #MIN_POINTS} points or not more points than the
   *     perplexity (scikit-learn's rule); the message says how many are needed
   */
  public static TsneResult run(float[][] unitVectors, TsneOptions options) {
    requireEnoughPoints(unitVectors.length, options.perplexity());
    int k = neighbourCount(unitVectors.length, options.perplexity());
    long start = System.nanoTime();
    KnnGraph graph = NearestNeighbours.build(unitVectors, k, options.seed());
    LOG.debug("t-SNE: {} nearest neighbours of {} points in {} ms", k, unitVectors.length, millisSince(start));
    return run(unitVectors, graph, options);
  }

  /** The rest of {@link #run(float[][], TsneOptions)}, from a neighbour graph already built. */
  static TsneResult run(float[][] unitVectors, KnnGraph graph, TsneOptions options) {
    requireEnoughPoints(unitVectors.length, options.perplexity());
    long start = System.nanoTime();
    Affinities p = Affinities.fromNeighbours(graph, options.perplexity());
    LOG.debug("t-SNE: affinities ({} non-zeros) in {} ms", p.values().length, millisSince(start));
    start = System.nanoTime();
    double[] y = pcaStart(unitVectors, options.seed());
    LOG.debug("t-SNE: PCA start in {} ms", millisSince(start));
    start = System.nanoTime();
    TsneResult result = optimise(p, y, options);
    LOG.debug("t-SNE: {} steps in {} ms, KL {}", result.iterations(), millisSince(start), result.finalKlDivergence());
    return result;
  }

  static void requireEnoughPoints(int n, double perplexity) {
    int needed = Math.max(MIN_POINTS, (int) Math.floor(perplexity) + 1);
    if (n < needed) {
      throw new IllegalArgumentException("t-SNE with perplexity " + perplexity + " needs at least " + needed
          + " points (at least " + MIN_POINTS + " and more than the perplexity); got " + n);
    }
  }

  /** scikit-learn's neighbour count: min(n - 1, int(3 perplexity + 1)). */
  static int neighbourCount(int n, double perplexity) {
    return (int) Math.min(n - 1, (long) (3 * perplexity + 1));
  }

  /**
   * The first two principal components (fitted on at most {@link #PCA_SAMPLE} seeded rows), scaled so the first
   * has standard deviation 1e-4, plus a seeded jitter.
   */
  static double[] pcaStart(float[][] x, long seed) {
    int n = x.length;
    SplittableRandom random = new SplittableRandom(seed);
    Pca pca = Pca.fit(sample(x, PCA_SAMPLE, random), 2);
    double[] y = new double[2 * n];
    double mean = 0;
    for (int i = 0; i < n; i++) {
      float[] t = pca.transform(x[i]);
      y[2 * i] = t[0];
      y[2 * i + 1] = t[1];
      mean += t[0];
    }
    mean /= n;
    double variance = 0;
    for (int i = 0; i < n; i++) {
      variance += (y[2 * i] - mean) * (y[2 * i] - mean);
    }
    double std = Math.sqrt(variance / n);
    // all points identical: nothing to scale, the jitter alone separates them
    double scale = std > 0 ? INITIAL_STD / std : 0;
    for (int c = 0; c < y.length; c++) {
      y[c] = y[c] * scale + INITIAL_STD * INITIAL_JITTER * gaussian(random);
    }
    return y;
  }

  /** All rows when there are at most {@code limit}, else {@code limit} distinct rows drawn without replacement. */
  private static List<float[]> sample(float[][] x, int limit, SplittableRandom random) {
    if (x.length <= limit) {
      return Arrays.asList(x);
    }
    int[] index = new int[x.length];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    List<float[]> rows = new ArrayList<>(limit);
    // partial Fisher-Yates: the first `limit` slots become a uniform sample
    for (int s = 0; s < limit; s++) {
      int pick = s + random.nextInt(index.length - s);
      int swap = index[s];
      index[s] = index[pick];
      index[pick] = swap;
      rows.add(x[index[s]]);
    }
    return rows;
  }

  private static double gaussian(SplittableRandom random) {
    // Box-Muller: SplittableRandom has no nextGaussian on Java 17
    double u = 1 - random.nextDouble();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** Gradient descent from {@code y} (x0, y0, x1, y1, ...; updated in place) in scikit-learn's two phases. */
  static TsneResult optimise(Affinities p, double[] y, TsneOptions options) {
    int n = p.size();
    Descent descent = new Descent(new TsneGradient(p, options.theta()), y, Math.max(n / EARLY_EXAGGERATION / 4, 50));
    int done = descent.run(0, Math.min(EXPLORATION_ITERATIONS, options.iterations()), EXPLORATION_MOMENTUM,
        EARLY_EXAGGERATION, EXPLORATION_ITERATIONS);
    if (done < options.iterations()) {
      done = descent.run(done, options.iterations(), FINAL_MOMENTUM, 1, ITERATIONS_WITHOUT_PROGRESS);
    }
    descent.checkpoints.add(new TsneResult.Checkpoint(done, descent.gradient.evaluate(y, descent.grad, 1, true)));
    float[][] out = new float[n][2];
    for (int i = 0; i < n; i++) {
      out[i][0] = (float) y[2 * i];
      out[i][1] = (float) y[2 * i + 1];
    }
    return new TsneResult(out, done, descent.checkpoints);
  }

  /** scikit-learn's {@code _gradient_descent}: momentum and per-coordinate gains, both reset at each phase. */
  private static final class Descent {
    final TsneGradient gradient;
    final double[] y;
    final double[] grad;
    final double[] update;
    final double[] gains;
    final double learningRate;
    final List<TsneResult.Checkpoint> checkpoints = new ArrayList<>();

    Descent(TsneGradient gradient, double[] y, double learningRate) {
      this.gradient = gradient;
      this.y = y;
      this.grad = new double[y.length];
      this.update = new double[y.length];
      this.gains = new double[y.length];
      this.learningRate = learningRate;
    }

    /** Steps {@code from} to {@code to} (exclusive) unless stopped early; returns the steps done in all. */
    int run(int from, int to, double momentum, double exaggeration, int withoutProgress) {
      Arrays.fill(update, 0);
      Arrays.fill(gains, 1);
      double best = Double.MAX_VALUE;
      int bestStep = from;
      for (int step = from; step < to; step++) {
        // the KL of the map after `step` steps: every 50, which includes the end of early exaggeration
        boolean check = step % CHECK_EVERY == 0;
        double error = gradient.evaluate(y, grad, exaggeration, check);
        double norm = 0;
        for (int c = 0; c < y.length; c++) {
          double g = grad[c];
          norm += g * g;
          gains[c] = update[c] * g < 0 ? gains[c] + 0.2 : Math.max(gains[c] * 0.8, MIN_GAIN);
          update[c] = momentum * update[c] - learningRate * gains[c] * g;
          y[c] += update[c];
        }
        if (check) {
          checkpoints.add(new TsneResult.Checkpoint(step, error));
          if (error < best) {
            best = error;
            bestStep = step;
          } else if (step - bestStep > withoutProgress) {
            LOG.debug("t-SNE: no progress for {} steps; stopping after {}", withoutProgress, step + 1);
            return step + 1;
          }
          if (Math.sqrt(norm) <= MIN_GRADIENT_NORM) {
            LOG.debug("t-SNE: gradient norm {}; stopping after {}", Math.sqrt(norm), step + 1);
            return step + 1;
          }
        }
      }
      return to;
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }
}
