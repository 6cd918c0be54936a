package dev.embedkit.eval.embed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.quant.Precision;
import dev.embedkit.vector.Metric;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VariantVectorsTest {
  @Test
  void binaryVectorsRankExactlyAsHammingDistance() {
    Random random = new Random(3);
    int dims = 37; // not a multiple of 8: the last byte is padded
    for (int trial = 0; trial < 20; trial++) {
      float[] a = gaussian(random, dims);
      float[] b = gaussian(random, dims);
      int hamming = 0;
      for (int i = 0; i < dims; i++) {
        hamming += (a[i] > 0) != (b[i] > 0) ? 1 : 0;
      }
      for (Precision precision : List.of(Precision.BINARY, Precision.UBINARY)) {
        List<float[]> v = VariantVectors.derive(List.of(a, b), dims, precision, false, null);
        assertEquals(1 - 2.0 * hamming / dims, Metric.COSINE.compute(v.get(0), v.get(1)), 1e-5);
        assertEquals(2.0 * hamming, Metric.MANHATTAN.compute(v.get(0), v.get(1)), 1e-5);
        assertEquals(dims - 2.0 * hamming, Metric.DOT.compute(v.get(0), v.get(1)), 1e-4);
      }
    }
  }

  @Test
  void truncationRenormalisesWhenTheModelNormalises() {
    float[] v = VariantVectors.shape(new float[] {3, 4, 12}, 2, true);
    assertEquals(0.6f, v[0], 1e-6);
    assertEquals(0.8f, v[1], 1e-6);
    assertEquals(3f, VariantVectors.shape(new float[] {3, 4, 12}, 2, false)[0]);
  }

  private static float[] gaussian(Random random, int dims) {
    float[] v = new float[dims];
    for (int i = 0; i < dims; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }
}
