package dev.embedkit.explore.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PcaProjectionTest {
  @Test
  void pointsOnAPlaneKeepTheirDistances() {
    // points in a random 2-D plane of 20 dimensions: the projection onto that plane is an isometry
    SplittableRandom random = new SplittableRandom(4);
    float[] u = unit(20, random);
    float[] v = unit(20, random);
    float uv = dot(u, v);
    for (int d = 0; d < 20; d++) {
      v[d] -= uv * u[d];
    }
    float norm = (float) Math.sqrt(dot(v, v));
    for (int d = 0; d < 20; d++) {
      v[d] /= norm;
    }
    float[][] points = new float[100][20];
    for (float[] p : points) {
      double s = random.nextGaussian() * 3;
      double t = random.nextGaussian();
      for (int d = 0; d < 20; d++) {
        p[d] = (float) (s * u[d] + t * v[d] + 0.5);
      }
    }
    float[][] xy = PcaProjection.project(points);
    for (int i = 0; i < 100; i += 7) {
      for (int j = 0; j < 100; j += 11) {
        double original = Math.sqrt(squared(points[i], points[j]));
        assertEquals(original, Math.sqrt(squared(xy[i], xy[j])), 1e-3 * (1 + original), i + "-" + j);
      }
    }
    double varianceX = 0;
    double varianceY = 0;
    for (float[] p : xy) {
      varianceX += p[0] * p[0];
      varianceY += p[1] * p[1];
    }
    assertTrue(varianceX > varianceY, "the first axis carries the most variance");
  }

  @Test
  void identicalVectorsMapToZeros() {
    float[][] same = new float[10][];
    Arrays.setAll(same, i -> new float[] {0.3f, -0.1f, 0.9f});
    for (float[] p : PcaProjection.project(same)) {
      assertEquals(0f, p[0]);
      assertEquals(0f, p[1]);
    }
  }

  @Test
  void fewerThanThreePointsAreRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PcaProjection.project(new float[][] {{1, 0}, {0, 1}}));
    assertTrue(e.getMessage().contains("3 points") && e.getMessage().contains("got 2"), e.getMessage());
  }

  private static float[] unit(int dims, SplittableRandom random) {
    float[] v = new float[dims];
    for (int d = 0; d < dims; d++) {
      v[d] = (float) random.nextGaussian();
    }
    float norm = (float) Math.sqrt(dot(v, v));
    for (int d = 0; d < dims; d++) {
      v[d] /= norm;
    }
    return v;
  }

  private static float dot(float[] a, float[] b) {
    float s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static double squared(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
    }
    return s;
  }
}
