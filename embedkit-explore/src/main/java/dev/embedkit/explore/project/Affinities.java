package dev.embedkit.explore.project;

import dev.embedkit.explore.knn.KnnGraph;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * t-SNE's input affinities P as a symmetric sparse matrix in compressed rows, summing to 1: scikit-learn's
 * {@code _joint_probabilities_nn}. Row i's conditional distribution over its nearest neighbours is
 * {@code exp(-d * beta_i)} normalised, with beta_i found by bisection so its perplexity matches the target; then
 * {@code P = (P_cond + P_cond^T) / sum}.
 *
 * <p>d is the cosine distance itself (1 - dot), not squared: scikit-learn squares the neighbour distances only for
 * metric="euclidean", and uses the distances as they are for "cosine". (For unit vectors the squared Euclidean
 * distance is 2 (1 - dot), so the two differ only by a factor the bisection absorbs into beta.)
 *
 * @param rowStart n + 1 offsets: row i's entries are {@code [rowStart[i], rowStart[i + 1])}
 * @param columns each entry's column, ascending within a row
 * @param values each entry's p_ij
 */
record Affinities(int[] rowStart, int[] columns, double[] values) {
  /** scikit-learn's PERPLEXITY_TOLERANCE on the entropy, in nats. */
  static final double ENTROPY_TOLERANCE = 1e-5;
  static final int BISECTION_STEPS = 100;
  // scikit-learn's EPSILON_DBL: keeps log(sum) finite when every exp underflows
  private static final double MIN_SUM = 1e-8;

  int size() {
    return rowStart.length - 1;
  }

  /** Joint probabilities from each point's neighbours, with a conditional perplexity of {@code perplexity}. */
  static Affinities fromNeighbours(KnnGraph graph, double perplexity) {
    int n = graph.size();
    int k = graph.k();
    double[][] conditional = new double[n][];
    // rows are independent: any thread order gives the same numbers
    IntStream.range(0, n).parallel().forEach(i -> conditional[i] = conditionalRow(graph.distances()[i], perplexity));
    // P_cond + P_cond^T in triplets, then to compressed rows (summing the two entries of a mutual pair)
    int[] counts = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j : graph.indices()[i]) {
        counts[i]++;
        counts[j]++;
      }
    }
    int[] start = new int[n + 1];
    for (int i = 0; i < n; i++) {
      start[i + 1] = start[i] + counts[i];
    }
    int[] keys = new int[start[n]];
    double[] raw = new double[start[n]];
    int[] fill = Arrays.copyOf(start, n);
    for (int i = 0; i < n; i++) {
      int[] neighbours = graph.indices()[i];
      for (int m = 0; m < k; m++) {
        int j = neighbours[m];
        double p = conditional[i][m];
        int a = fill[i]++;
        keys[a] = j;
        raw[a] = p;
        int b = fill[j]++;
        keys[b] = i;
        raw[b] = p;
      }
      // 100,000 rows of 91 doubles: let them go as the triplets take over
      conditional[i] = null;
    }
    return compress(start, keys, raw);
  }

  /** Sorts each row's triplets by column, merges duplicates and divides by the total. */
  private static Affinities compress(int[] start, int[] columnsRaw, double[] raw) {
    int n = start.length - 1;
    int[] outStart = new int[n + 1];
    int[] outColumns = new int[raw.length];
    double[] outValues = new double[raw.length];
    int written = 0;
    double total = 0;
    for (int i = 0; i < n; i++) {
      int s = start[i];
      int e = start[i + 1];
      // sort (column, value) by column: pack the column above the entry's position so the sort is of longs
      long[] order = new long[e - s];
      for (int a = s; a < e; a++) {
        order[a - s] = ((long) columnsRaw[a] << 32) | (a - s);
      }
      Arrays.sort(order);
      outStart[i] = written;
      int previous = -1;
      for (long packed : order) {
        int column = (int) (packed >>> 32);
        double value = raw[s + (int) (packed & 0xffffffffL)];
        if (column == previous) {
          outValues[written - 1] += value;
        } else {
          outColumns[written] = column;
          outValues[written] = value;
          written++;
          previous = column;
        }
      }
    }
    outStart[n] = written;
    for (int a = 0; a < written; a++) {
      total += outValues[a];
    }
    // scikit-learn: P /= max(P.sum(), machine epsilon)
    double scale = 1 / Math.max(total, Math.ulp(1.0));
    for (int a = 0; a < written; a++) {
      outValues[a] *= scale;
    }
    return new Affinities(outStart, Arrays.copyOf(outColumns, written), Arrays.copyOf(outValues, written));
  }

  /**
   * One point's conditional distribution over its neighbours, {@code exp(-d_j beta)} normalised, with beta bisected
   * until the entropy is log(perplexity) within {@link #ENTROPY_TOLERANCE} (scikit-learn's
   * {@code _binary_search_perplexity}: beta starts at 1, doubles or halves until bracketed, at most 100 steps).
   */
  static double[] conditionalRow(float[] distances, double perplexity) {
    int k = distances.length;
    double[] d = new double[k];
    for (int m = 0; m < k; m++) {
      // sklearn's cosine distances are clipped at 0; 1 - dot can dip below by rounding
      d[m] = Math.max(0, distances[m]);
    }
    double desiredEntropy = Math.log(perplexity);
    double beta = 1;
    double betaMin = Double.NEGATIVE_INFINITY;
    double betaMax = Double.POSITIVE_INFINITY;
    double[] p = new double[k];
    for (int step = 0; step < BISECTION_STEPS; step++) {
      double sum = 0;
      for (int m = 0; m < k; m++) {
        p[m] = Math.exp(-d[m] * beta);
        sum += p[m];
      }
      if (sum == 0) {
        sum = MIN_SUM;
      }
      double meanDistance = 0;
      for (int m = 0; m < k; m++) {
        p[m] /= sum;
        meanDistance += d[m] * p[m];
      }
      double entropyDiff = Math.log(sum) + beta * meanDistance - desiredEntropy;
      if (Math.abs(entropyDiff) <= ENTROPY_TOLERANCE) {
        break;
      }
      if (entropyDiff > 0) {
        betaMin = beta;
        beta = betaMax == Double.POSITIVE_INFINITY ? beta * 2 : (beta + betaMax) / 2;
      } else {
        betaMax = beta;
        beta = betaMin == Double.NEGATIVE_INFINITY ? beta / 2 : (beta + betaMin) / 2;
      }
    }
    return p;
  }
}
