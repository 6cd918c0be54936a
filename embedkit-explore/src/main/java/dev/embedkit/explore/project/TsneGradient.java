package dev.embedkit.explore.project;

import java.util.stream.IntStream;

/**
 * The Barnes-Hut gradient of t-SNE's KL divergence with one degree of freedom (scikit-learn's
 * {@code _barnes_hut_tsne.gradient} times its factor 4): {@code 4 (F_attract - F_repel / Z)} per point, where the
 * attraction runs over the sparse P and the repulsion and Z come from the quadtree.
 *
 * <p>Work is split into fixed chunks of {@value #CHUNK} points, run on the common fork-join pool; every point's
 * force is written by one chunk only and the chunks' partial sums of Z and of the KL divergence are added in chunk
 * order, so the result is the same on any number of threads. Buffers are allocated once and reused every step.
 */
final class TsneGradient {
  static final int CHUNK = 256;
  // scikit-learn's FLOAT32_TINY: the floor on p and q inside the KL divergence's logarithm
  private static final double TINY = Float.MIN_NORMAL;

  private final Affinities p;
  private final double thetaSquared;
  private final int n;
  private final int chunks;
  private final QuadTree tree = new QuadTree();
  private final double[] repulsion;
  private final double[] chunkZ;
  private final double[] chunkError;

  TsneGradient(Affinities p, double theta) {
    this.p = p;
    this.thetaSquared = theta * theta;
    this.n = p.size();
    this.chunks = (n + CHUNK - 1) / CHUNK;
    this.repulsion = new double[2 * n];
    this.chunkZ = new double[chunks];
    this.chunkError = new double[chunks];
  }

  /**
   * Writes the gradient at map {@code y} (x0, y0, x1, y1, ...) into {@code grad}, with P multiplied by
   * {@code exaggeration} in the attraction. Returns KL(P || Q) of the map (against the true P, not the
   * exaggerated one) when {@code computeError}, NaN otherwise, as the logarithms are not free.
   */
  double evaluate(double[] y, double[] grad, double exaggeration, boolean computeError) {
    tree.build(y, n);
    // queries in tree order: consecutive points walk nearly the same nodes, which stay in cache
    IntStream.range(0, chunks).parallel().forEach(c -> {
      int[] stack = tree.newStack();
      double[] force = new double[2];
      double z = 0;
      for (int at = c * CHUNK, end = Math.min(n, at + CHUNK); at < end; at++) {
        int i = tree.pointAt(at);
        force[0] = 0;
        force[1] = 0;
        z += tree.repulsion(i, y[2 * i], y[2 * i + 1], thetaSquared, stack, force);
        repulsion[2 * i] = force[0];
        repulsion[2 * i + 1] = force[1];
      }
      chunkZ[c] = z;
    });
    double z = 0;
    for (double part : chunkZ) {
      z += part;
    }
    double sumQ = z;
    IntStream.range(0, chunks).parallel().forEach(c -> chunkError[c] =
        attract(y, grad, c * CHUNK, Math.min(n, (c + 1) * CHUNK), exaggeration, sumQ, computeError));
    if (!computeError) {
      return Double.NaN;
    }
    double error = 0;
    for (double part : chunkError) {
      error += part;
    }
    return error;
  }

  private double attract(double[] y, double[] grad, int from, int to, double exaggeration, double sumQ,
      boolean computeError) {
    int[] rowStart = p.rowStart();
    int[] columns = p.columns();
    double[] values = p.values();
    double error = 0;
    for (int i = from; i < to; i++) {
      double xi = y[2 * i];
      double yi = y[2 * i + 1];
      double ax = 0;
      double ay = 0;
      for (int a = rowStart[i], end = rowStart[i + 1]; a < end; a++) {
        int j = columns[a];
        double dx = xi - y[2 * j];
        double dy = yi - y[2 * j + 1];
        double q = 1 / (1 + dx * dx + dy * dy);
        double pij = values[a];
        double m = exaggeration * pij * q;
        ax += m * dx;
        ay += m * dy;
        if (computeError) {
          error += pij * Math.log(Math.max(pij, TINY) / Math.max(q / sumQ, TINY));
        }
      }
      grad[2 * i] = 4 * (ax - repulsion[2 * i] / sumQ);
      grad[2 * i + 1] = 4 * (ay - repulsion[2 * i + 1] / sumQ);
    }
    return error;
  }
}
