package dev.embedkit.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.vector.ScalarVectorOps;
import dev.embedkit.vector.VectorMath;
import dev.embedkit.vector.VectorOps;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The Vector API kernels agree with the scalar ones on seeded random vectors of awkward sizes. */
class PanamaAgreesWithScalarTest {
  static final VectorOps SCALAR = ScalarVectorOps.INSTANCE;
  static final VectorOps PANAMA = new PanamaVectorOps();

  static float[] random(Random random, int dims) {
    float[] v = new float[dims];
    for (int i = 0; i < dims; i++) {
      v[i] = (float) random.nextGaussian();
    }
    return v;
  }

  static void assertClose(float expected, float actual, String what) {
    float tolerance = 1e-4f * Math.max(1f, Math.abs(expected));
    assertEquals(expected, actual, tolerance, what);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 7, 16, 97, 384, 397, 1024, 4099})
  void everyKernelAgrees(int dims) {
    Random random = new Random(dims);
    for (int trial = 0; trial < 20; trial++) {
      float[] a = random(random, dims);
      float[] b = random(random, dims);
      assertClose(SCALAR.dot(a, b), PANAMA.dot(a, b), "dot");
      assertClose(SCALAR.cosine(a, b), PANAMA.cosine(a, b), "cosine");
      assertClose(SCALAR.squareDistance(a, b), PANAMA.squareDistance(a, b), "squareDistance");
      assertClose(SCALAR.manhattan(a, b), PANAMA.manhattan(a, b), "manhattan");
    }
  }

  @Test
  void zeroVectorsHaveCosineZeroInBoth() {
    float[] zero = new float[397];
    float[] one = random(new Random(1), 397);
    assertEquals(0f, PANAMA.cosine(zero, one));
    assertEquals(0f, SCALAR.cosine(zero, one));
  }

  @Test
  void facadeUsesTheVectorApiWhenTheModuleIsPresent() {
    // surefire runs with --add-modules jdk.incubator.vector, and this module is on the class path
    assertTrue(VectorMath.implementation().startsWith("panama-"), VectorMath.implementation());
  }
}
