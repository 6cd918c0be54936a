package dev.embedkit.explore.project;

import java.util.Arrays;

/**
 * The Barnes-Hut quadtree over a t-SNE map: each cell knows how many points it holds and their centre of mass, so
 * a far cell's repulsion is one term instead of one per point (van der Maaten 2014; scikit-learn's
 * {@code _QuadTree}).
 *
 * <p>Built once per gradient step and reused across steps: all state lives in flat arrays that only grow, no
 * objects per node, and the traversal is iterative with a caller-owned stack, so the hot loop neither allocates
 * nor boxes. Cells are split at their centre like scikit-learn's, from the same root box (the points' bounds,
 * widened by 1e-3). A cell becomes a leaf when it holds one point or only points within {@value #DUPLICATE_EPSILON}
 * of each other in both coordinates (scikit-learn's duplicate rule, which bounds the depth). Leaves are summed
 * point by point, skipping only the query point itself, so with theta = 0 the repulsion is the exact sum.
 *
 * <p>Not thread-safe to build; {@link #repulsion} is safe from many threads once built.
 */
final class QuadTree {
  static final double DUPLICATE_EPSILON = 1e-6;
  // per node: centre of mass x, y; squared largest side; point count
  private static final int STRIDE = 4;

  private double[] nodes = new double[STRIDE * 64];
  // per node: cell bounds minX, minY, maxX, maxY (to split cells, and for tests)
  private double[] bounds = new double[4 * 64];
  // per node: first child and child count, or -1 and the leaf's first position in order[]
  private int[] links = new int[2 * 64];
  private int nodeCount;
  private int maxDepth;
  private int[] order = new int[0];
  // the points' coordinates in tree order, so a leaf's points are contiguous in memory
  private double[] sorted = new double[0];
  private int[] work = new int[0];
  private final int[] quadrantCount = new int[4];
  private final int[] offset = new int[4];
  private final int[] cursor = new int[4];
  private int size;

  /** Rebuilds the tree over {@code xy}: n points as x0, y0, x1, y1, ... */
  void build(double[] xy, int n) {
    if (n < 1 || xy.length < 2 * n) {
      throw new IllegalArgumentException("a quadtree needs at least one point and 2n coordinates; n=" + n
          + ", coordinates=" + xy.length);
    }
    size = n;
    if (order.length < n) {
      order = new int[n];
      sorted = new double[2 * n];
      work = new int[n];
    }
    double minX = Double.POSITIVE_INFINITY;
    double minY = Double.POSITIVE_INFINITY;
    double maxX = Double.NEGATIVE_INFINITY;
    double maxY = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      order[i] = i;
      minX = Math.min(minX, xy[2 * i]);
      maxX = Math.max(maxX, xy[2 * i]);
      minY = Math.min(minY, xy[2 * i + 1]);
      maxY = Math.max(maxY, xy[2 * i + 1]);
    }
    if (!Double.isFinite(minX + maxX + minY + maxY)) {
      // a NaN would never separate from its cell and the splitting would not end
      throw new IllegalStateException("the map has a coordinate that is not finite (the optimisation diverged)");
    }
    nodeCount = 0;
    maxDepth = 0;
    // scikit-learn widens the top so every point is strictly inside: for positive, negative and small maxima
    int root = newNode(minX, minY, widen(maxX), widen(maxY));
    // depth-first with an explicit stack of (node, start, end, depth) so a chain of near-duplicates cannot
    // overflow the call stack
    int[] stack = new int[4 * 64];
    int top = 0;
    stack[top++] = root;
    stack[top++] = 0;
    stack[top++] = n;
    stack[top++] = 0;
    while (top > 0) {
      int depth = stack[--top];
      int end = stack[--top];
      int start = stack[--top];
      int node = stack[--top];
      maxDepth = Math.max(maxDepth, depth);
      if (!split(xy, node, start, end)) {
        continue;
      }
      int first = links[2 * node];
      int children = links[2 * node + 1];
      if (top + 4 * children > stack.length) {
        stack = Arrays.copyOf(stack, stack.length * 2);
      }
      for (int c = 0; c < children; c++) {
        int child = first + c;
        stack[top++] = child;
        stack[top++] = links[2 * child + 1];
        stack[top++] = links[2 * child + 1] + (int) nodes[STRIDE * child + 3];
        stack[top++] = depth + 1;
      }
    }
    for (int p = 0; p < n; p++) {
      sorted[2 * p] = xy[2 * order[p]];
      sorted[2 * p + 1] = xy[2 * order[p] + 1];
    }
  }

  private static double widen(double max) {
    return Math.max(max * (1 + 1e-3 * Math.signum(max)), max + 1e-3);
  }

  /**
   * Fills in the node's count and centre of mass from its points {@code order[start, end)}; when it must be
   * split, partitions those points into its non-empty quadrants and appends them as children (each child's link
   * holds its start until it is processed). Returns whether it was split.
   */
  private boolean split(double[] xy, int node, int start, int end) {
    double sumX = 0;
    double sumY = 0;
    double loX = Double.POSITIVE_INFINITY;
    double loY = Double.POSITIVE_INFINITY;
    double hiX = Double.NEGATIVE_INFINITY;
    double hiY = Double.NEGATIVE_INFINITY;
    for (int p = start; p < end; p++) {
      double x = xy[2 * order[p]];
      double y = xy[2 * order[p] + 1];
      sumX += x;
      sumY += y;
      loX = Math.min(loX, x);
      hiX = Math.max(hiX, x);
      loY = Math.min(loY, y);
      hiY = Math.max(hiY, y);
    }
    int count = end - start;
    int b = STRIDE * node;
    nodes[b] = sumX / count;
    nodes[b + 1] = sumY / count;
    nodes[b + 3] = count;
    if (count == 1 || (hiX - loX <= DUPLICATE_EPSILON && hiY - loY <= DUPLICATE_EPSILON)) {
      links[2 * node] = -1;
      links[2 * node + 1] = start;
      return false;
    }
    double cellMinX = bounds[4 * node];
    double cellMinY = bounds[4 * node + 1];
    double cellMaxX = bounds[4 * node + 2];
    double cellMaxY = bounds[4 * node + 3];
    double midX = (cellMinX + cellMaxX) / 2;
    double midY = (cellMinY + cellMaxY) / 2;
    // quadrant q = (x >= midX) * 2 + (y >= midY), scikit-learn's child order; counting sort into work[]
    Arrays.fill(quadrantCount, 0);
    for (int p = start; p < end; p++) {
      quadrantCount[quadrant(xy, order[p], midX, midY)]++;
    }
    for (int q = 1; q < 4; q++) {
      offset[q] = offset[q - 1] + quadrantCount[q - 1];
    }
    System.arraycopy(offset, 0, cursor, 0, 4);
    for (int p = start; p < end; p++) {
      work[start + cursor[quadrant(xy, order[p], midX, midY)]++] = order[p];
    }
    System.arraycopy(work, start, order, start, count);
    int first = nodeCount;
    int children = 0;
    for (int q = 0; q < 4; q++) {
      if (quadrantCount[q] == 0) {
        continue;
      }
      boolean upperX = q >= 2;
      boolean upperY = (q & 1) == 1;
      int child = newNode(upperX ? midX : cellMinX, upperY ? midY : cellMinY, upperX ? cellMaxX : midX,
          upperY ? cellMaxY : midY);
      links[2 * child + 1] = start + offset[q];
      nodes[STRIDE * child + 3] = quadrantCount[q];
      children++;
    }
    links[2 * node] = first;
    links[2 * node + 1] = children;
    return true;
  }

  private static int quadrant(double[] xy, int i, double midX, double midY) {
    return (xy[2 * i] >= midX ? 2 : 0) + (xy[2 * i + 1] >= midY ? 1 : 0);
  }

  private int newNode(double minX, double minY, double maxX, double maxY) {
    int node = nodeCount++;
    if (STRIDE * nodeCount > nodes.length) {
      nodes = Arrays.copyOf(nodes, nodes.length * 2);
      bounds = Arrays.copyOf(bounds, bounds.length * 2);
      links = Arrays.copyOf(links, links.length * 2);
    }
    bounds[4 * node] = minX;
    bounds[4 * node + 1] = minY;
    bounds[4 * node + 2] = maxX;
    bounds[4 * node + 3] = maxY;
    double side = Math.max(maxX - minX, maxY - minY);
    nodes[STRIDE * node + 2] = side * side;
    return node;
  }

  /** A traversal stack big enough for this tree; one per thread. */
  int[] newStack() {
    return new int[3 * maxDepth + 4];
  }

  /**
   * Point i's unnormalised repulsion with degrees of freedom 1: adds {@code sum_j q_ij^2 (y_i - y_j)} with
   * {@code q_ij = 1 / (1 + |y_i - y_j|^2)} to {@code force[0..1]} and returns {@code sum_j q_ij} (its share of
   * Z), where a cell whose squared largest side is below {@code thetaSquared} times its squared distance from
   * the point stands in for all its points at their centre of mass (scikit-learn's summarize).
   */
  double repulsion(int i, double x, double y, double thetaSquared, int[] stack, double[] force) {
    double sumQ = 0;
    double fx = 0;
    double fy = 0;
    int top = 0;
    stack[top++] = 0;
    while (top > 0) {
      int node = stack[--top];
      int first = links[2 * node];
      if (first < 0) {
        int start = links[2 * node + 1];
        int end = start + (int) nodes[STRIDE * node + 3];
        for (int p = start; p < end; p++) {
          if (order[p] == i) {
            continue;
          }
          double dx = x - sorted[2 * p];
          double dy = y - sorted[2 * p + 1];
          double q = 1 / (1 + dx * dx + dy * dy);
          sumQ += q;
          q *= q;
          fx += q * dx;
          fy += q * dy;
        }
        continue;
      }
      int b = STRIDE * node;
      double dx = x - nodes[b];
      double dy = y - nodes[b + 1];
      double d2 = dx * dx + dy * dy;
      if (nodes[b + 2] < thetaSquared * d2) {
        double q = 1 / (1 + d2);
        double count = nodes[b + 3];
        sumQ += count * q;
        double m = count * q * q;
        fx += m * dx;
        fy += m * dy;
      } else {
        int children = links[2 * node + 1];
        for (int c = 0; c < children; c++) {
          stack[top++] = first + c;
        }
      }
    }
    force[0] += fx;
    force[1] += fy;
    return sumQ;
  }

  /** The point at position p of the tree order; iterating in this order keeps neighbouring queries together. */
  int pointAt(int p) {
    return order[p];
  }

  int size() {
    return size;
  }

  int nodeCount() {
    return nodeCount;
  }

  int depth() {
    return maxDepth;
  }

  boolean isLeaf(int node) {
    return links[2 * node] < 0;
  }

  /** A node's children as indices; empty for a leaf. */
  int[] children(int node) {
    if (isLeaf(node)) {
      return new int[0];
    }
    int[] out = new int[links[2 * node + 1]];
    for (int c = 0; c < out.length; c++) {
      out[c] = links[2 * node] + c;
    }
    return out;
  }

  int count(int node) {
    return (int) nodes[STRIDE * node + 3];
  }

  double centreOfMassX(int node) {
    return nodes[STRIDE * node];
  }

  double centreOfMassY(int node) {
    return nodes[STRIDE * node + 1];
  }

  /** The node's cell as minX, minY, maxX, maxY: lower bounds inclusive, upper exclusive. */
  double[] cell(int node) {
    return Arrays.copyOfRange(bounds, 4 * node, 4 * node + 4);
  }
}
