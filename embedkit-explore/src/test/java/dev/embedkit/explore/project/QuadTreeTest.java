package dev.embedkit.explore.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class QuadTreeTest {

  @Test
  void everyCellCountsAndCentresThePointsInsideIt() {
    double[] xy = clusteredPointsWithDuplicates(3000, 5);
    int n = xy.length / 2;
    QuadTree tree = new QuadTree();
    tree.build(xy, n);
    assertEquals(n, tree.count(0));
    int leavesPoints = 0;
    int duplicateLeaves = 0;
    for (int node = 0; node < tree.nodeCount(); node++) {
      double[] cell = tree.cell(node);
      int inside = 0;
      double sumX = 0;
      double sumY = 0;
      double loX = Double.POSITIVE_INFINITY;
      double hiX = Double.NEGATIVE_INFINITY;
      double loY = Double.POSITIVE_INFINITY;
      double hiY = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        double x = xy[2 * i];
        double y = xy[2 * i + 1];
        if (x >= cell[0] && x < cell[2] && y >= cell[1] && y < cell[3]) {
          inside++;
          sumX += x;
          sumY += y;
          loX = Math.min(loX, x);
          hiX = Math.max(hiX, x);
          loY = Math.min(loY, y);
          hiY = Math.max(hiY, y);
        }
      }
      assertEquals(inside, tree.count(node), "count of node " + node);
      assertEquals(sumX / inside, tree.centreOfMassX(node), 1e-12, "centre of mass x of node " + node);
      assertEquals(sumY / inside, tree.centreOfMassY(node), 1e-12, "centre of mass y of node " + node);
      if (tree.isLeaf(node)) {
        leavesPoints += inside;
        duplicateLeaves += inside > QuadTree.DEFAULT_LEAF_CAPACITY ? 1 : 0;
        boolean duplicates = hiX - loX <= QuadTree.DUPLICATE_EPSILON && hiY - loY <= QuadTree.DUPLICATE_EPSILON;
        assertTrue(inside <= QuadTree.DEFAULT_LEAF_CAPACITY || duplicates, "leaf " + node + " holds " + inside);
      } else {
        int sum = 0;
        for (int child : tree.children(node)) {
          sum += tree.count(child);
        }
        assertEquals(tree.count(node), sum, "children of node " + node);
      }
    }
    assertEquals(n, leavesPoints, "every point in exactly one leaf");
    assertTrue(duplicateLeaves > 0, "the copies should make a leaf above capacity");
    assertTrue(tree.depth() < 40, "depth " + tree.depth());
  }

  @Test
  void repulsionWithThetaZeroIsTheExactSum() {
    double[] xy = clusteredPointsWithDuplicates(1500, 9);
    int n = xy.length / 2;
    QuadTree tree = new QuadTree();
    tree.build(xy, n);
    int[] stack = tree.newStack();
    for (int i = 0; i < n; i++) {
      double[] force = new double[2];
      double z = tree.repulsion(i, xy[2 * i], xy[2 * i + 1], 0, stack, force);
      double[] exact = exactRepulsion(xy, i);
      assertEquals(exact[2], z, 1e-9 * exact[2], "Z share of " + i);
      double scale = Math.hypot(exact[0], exact[1]);
      assertEquals(exact[0], force[0], 1e-9 * scale, "force x of " + i);
      assertEquals(exact[1], force[1], 1e-9 * scale, "force y of " + i);
    }
  }

  @Test
  void repulsionWithThetaHalfStaysCloseToTheExactSum() {
    double[] xy = clusteredPointsWithDuplicates(3000, 13);
    int n = xy.length / 2;
    QuadTree tree = new QuadTree();
    tree.build(xy, n);
    int[] stack = tree.newStack();
    double zApprox = 0;
    double zExact = 0;
    double errorSquared = 0;
    double normSquared = 0;
    for (int i = 0; i < n; i++) {
      double[] force = new double[2];
      zApprox += tree.repulsion(i, xy[2 * i], xy[2 * i + 1], 0.5 * 0.5, stack, force);
      double[] exact = exactRepulsion(xy, i);
      zExact += exact[2];
      errorSquared += Math.pow(force[0] - exact[0], 2) + Math.pow(force[1] - exact[1], 2);
      normSquared += exact[0] * exact[0] + exact[1] * exact[1];
    }
    assertEquals(zExact, zApprox, 0.01 * zExact);
    assertTrue(Math.sqrt(errorSquared / normSquared) < 0.05, "relative force error " + Math.sqrt(errorSquared / normSquared));
  }

  @Test
  void rebuildsForMovedPoints() {
    QuadTree tree = new QuadTree();
    tree.build(clusteredPointsWithDuplicates(2000, 1), 2000);
    double[] moved = clusteredPointsWithDuplicates(500, 2);
    tree.build(moved, 500);
    assertEquals(500, tree.count(0));
    double meanX = 0;
    for (int i = 0; i < 500; i++) {
      meanX += moved[2 * i] / 500;
    }
    assertEquals(meanX, tree.centreOfMassX(0), 1e-12);
  }

  @Test
  void refusesNonFiniteCoordinates() {
    double[] xy = clusteredPointsWithDuplicates(10, 3);
    xy[7] = Double.NaN;
    assertThrows(IllegalStateException.class, () -> new QuadTree().build(xy, 10));
  }

  /** sum_j q_ij^2 (y_i - y_j) and sum_j q_ij over every j != i. */
  private static double[] exactRepulsion(double[] xy, int i) {
    double fx = 0;
    double fy = 0;
    double z = 0;
    for (int j = 0; j < xy.length / 2; j++) {
      if (j != i) {
        double dx = xy[2 * i] - xy[2 * j];
        double dy = xy[2 * i + 1] - xy[2 * j + 1];
        double q = 1 / (1 + dx * dx + dy * dy);
        z += q;
        fx += q * q * dx;
        fy += q * q * dy;
      }
    }
    return new double[] {fx, fy, z};
  }

  /** Gaussian clusters at random centres, some points exact copies or 1e-8 apart, a few far outliers. */
  private static double[] clusteredPointsWithDuplicates(int n, long seed) {
    Random random = new Random(seed);
    double[][] centres = new double[8][2];
    for (double[] c : centres) {
      c[0] = random.nextGaussian() * 20;
      c[1] = random.nextGaussian() * 20;
    }
    double[] xy = new double[2 * n];
    for (int i = 0; i < n; i++) {
      if (i % 300 >= 1 && i % 300 <= 12) {
        // a stack of 13 coincident points (some 1e-8 apart), more than a leaf holds
        int anchor = i - i % 300;
        xy[2 * i] = xy[2 * anchor];
        xy[2 * i + 1] = xy[2 * anchor + 1] + (i % 2 == 0 ? 0 : 1e-8);
      } else if (i > 0 && i % 97 == 0) {
        xy[2 * i] = xy[2 * i - 2];
        xy[2 * i + 1] = xy[2 * i - 1] + (i % 2 == 0 ? 0 : 1e-8);
      } else if (i % 501 == 0) {
        xy[2 * i] = random.nextGaussian() * 1000;
        xy[2 * i + 1] = random.nextGaussian() * 1000;
      } else {
        double[] c = centres[random.nextInt(centres.length)];
        xy[2 * i] = c[0] + random.nextGaussian();
        xy[2 * i + 1] = c[1] + random.nextGaussian() * 0.5;
      }
    }
    return xy;
  }
}
