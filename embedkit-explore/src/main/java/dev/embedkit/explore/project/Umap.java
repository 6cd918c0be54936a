package dev.embedkit.explore.project;

import dev.embedkit.explore.knn.KnnGraph;
import dev.embedkit.explore.knn.NearestNeighbours;
import dev.embedkit.maths.Pca;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * UMAP (McInnes, Healy and Melville 2018), following umap-learn: the cosine kNN graph ({@link NearestNeighbours}),
 * its fuzzy simplicial set ({@link FuzzySimplicialSet}), the curve a, b fitted to min_dist ({@link UmapCurve}) and
 * the SGD layout ({@link UmapLayout}: 5 negative samples per positive, learning rate 1 falling linearly, gradients
 * clipped at 4; 500 epochs up to 10,000 points, else 200, umap-learn's rule).
 *
 * <p>The initial layout is PCA, not umap-learn's default spectral layout: the first two principal components
 * (fitted on a seeded sample of at most {@value #PCA_SAMPLE} points, plenty for two directions), scaled so the
 * largest coordinate is 10 with noise of 1e-4 added, then each axis mapped to [0, 10] (umap-learn's "pca" init).
 *
 * <pre>{@code
 * float[][] xy = Umap.project(unitVectors, UmapOptions.DEFAULTS);
 * }</pre>
 */
public final class Umap {
  /** Points the initial PCA is fitted on at most. */
  public static final int PCA_SAMPLE = 5_000;
  /** umap-learn's epoch rule: more epochs for small sets, where each epoch is cheap. */
  public static final int SMALL_SET = 10_000;

  private Umap() {}

  /**
   * Projects unit vectors to n x 2, seeded and reproducible. Needs more points than {@code options.neighbours()};
   * callers with fewer should use {@link PcaProjection}.
   */
  public static float[][] project(float[][] unitVectors, UmapOptions options) {
    int n = unitVectors.length;
    if (n <= options.neighbours()) {
      throw new IllegalArgumentException("UMAP with " + options.neighbours() + " neighbours needs at least "
          + (options.neighbours() + 1) + " points; got " + n + " (use PCA for so few)");
    }
    int epochs = epochs(n, options);
    // umap-learn counts the point itself among its neighbours; the kNN graph here leaves it out
    KnnGraph knn = NearestNeighbours.build(unitVectors, options.neighbours() - 1, options.seed());
    FuzzySimplicialSet.Edges edges = FuzzySimplicialSet.of(knn, options.neighbours()).pruned(epochs);
    UmapCurve curve = UmapCurve.fit(options.minDist(), 1.0);
    SplittableRandom random = new SplittableRandom(options.seed());
    float[] coordinates = initialLayout(unitVectors, random);
    UmapLayout.optimise(coordinates, edges, curve, epochs, random.nextLong());
    float[][] out = new float[n][];
    for (int i = 0; i < n; i++) {
      out[i] = new float[] {coordinates[2 * i], coordinates[2 * i + 1]};
    }
    return out;
  }

  /** The epoch count used for {@code n} points: the option if set, else umap-learn's default. */
  public static int epochs(int n, UmapOptions options) {
    return options.epochs() > 0 ? options.epochs() : n <= SMALL_SET ? 500 : 200;
  }

  /** PCA coordinates, scaled to a largest magnitude of 10 with a little noise, then each axis mapped to [0, 10]. */
  static float[] initialLayout(float[][] vectors, SplittableRandom random) {
    int n = vectors.length;
    float[] xy = new float[2 * n];
    Pca pca = fitPca(vectors, random);
    double largest = 0;
    if (pca != null) {
      for (int i = 0; i < n; i++) {
        float[] p = pca.transform(vectors[i]);
        xy[2 * i] = p[0];
        xy[2 * i + 1] = p[1];
        largest = Math.max(largest, Math.max(Math.abs(p[0]), Math.abs(p[1])));
      }
    }
    if (largest == 0) {
      // no variance to lay out (all vectors equal): start uniformly at random, umap-learn's "random" init
      for (int i = 0; i < xy.length; i++) {
        xy[i] = (float) random.nextDouble(-10, 10);
      }
    } else {
      double expansion = 10 / largest;
      for (int i = 0; i < xy.length; i++) {
        xy[i] = (float) (xy[i] * expansion + 1e-4 * gaussian(random));
      }
    }
    for (int axis = 0; axis < 2; axis++) {
      float min = Float.POSITIVE_INFINITY;
      float max = Float.NEGATIVE_INFINITY;
      for (int i = axis; i < xy.length; i += 2) {
        min = Math.min(min, xy[i]);
        max = Math.max(max, xy[i]);
      }
      float range = max - min;
      for (int i = axis; i < xy.length; i += 2) {
        xy[i] = range > 0 ? 10 * (xy[i] - min) / range : 5;
      }
    }
    return xy;
  }

  private static Pca fitPca(float[][] vectors, SplittableRandom random) {
    if (Arrays.stream(vectors).allMatch(v -> Arrays.equals(v, vectors[0]))) {
      return null;
    }
    float[][] sample = vectors;
    if (vectors.length > PCA_SAMPLE) {
      // a partial Fisher-Yates shuffle picks a seeded sample without repeats
      int[] order = new int[vectors.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = i;
      }
      sample = new float[PCA_SAMPLE][];
      for (int i = 0; i < PCA_SAMPLE; i++) {
        int j = i + random.nextInt(order.length - i);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
        sample[i] = vectors[order[i]];
      }
    }
    return Pca.fit(Arrays.asList(sample), 2);
  }

  private static double gaussian(SplittableRandom random) {
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }
}
