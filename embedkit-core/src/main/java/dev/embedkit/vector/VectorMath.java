package dev.embedkit.vector;

import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Vector maths facade: cosine, dot, Euclidean and Manhattan over {@code float[]}. Delegates to the fastest
 * {@link VectorOps} available: the Vector API implementation (module embedkit-simd) when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} and the class is on the class path, plain Java otherwise. Set the
 * system property {@code embedkit.simd=false} to force the scalar path.
 *
 * <pre>{@code
 * float cos = VectorMath.cosine(a, b);
 * }</pre>
 */
public final class VectorMath {
  private static final Logger LOG = LoggerFactory.getLogger(VectorMath.class);
  static final String SIMD_CLASS = "dev.embedkit.simd.PanamaVectorOps";
  private static final VectorOps OPS = load();

  private VectorMath() {}

  /** The implementation in use ("scalar" or "panama-N" with the lane count). */
  public static String implementation() {
    return OPS.name();
  }

  /** The implementation in use, for tests that compare implementations. */
  public static VectorOps ops() {
    return OPS;
  }

  public static float dot(float[] a, float[] b) {
    checkLengths(a, b);
    return OPS.dot(a, b);
  }

  public static float cosine(float[] a, float[] b) {
    checkLengths(a, b);
    return OPS.cosine(a, b);
  }

  public static float euclidean(float[] a, float[] b) {
    checkLengths(a, b);
    return (float) Math.sqrt(OPS.squareDistance(a, b));
  }

  public static float squareDistance(float[] a, float[] b) {
    checkLengths(a, b);
    return OPS.squareDistance(a, b);
  }

  public static float manhattan(float[] a, float[] b) {
    checkLengths(a, b);
    return OPS.manhattan(a, b);
  }

  /** L2 norm. */
  public static float norm(float[] a) {
    return (float) Math.sqrt(OPS.dot(a, a));
  }

  /**
   * Scales {@code v} in place to unit L2 norm; a zero vector stays zero (sentence-transformers divides by the norm
   * clamped to 1e-12, which leaves zeros at zero).
   */
  public static void normalizeInPlace(float[] v) {
    double sum = 0;
    for (float x : v) {
      sum += (double) x * x;
    }
    double norm = Math.max(Math.sqrt(sum), 1e-12);
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) (v[i] / norm);
    }
  }

  static float cosineFromParts(float dot, float normA, float normB) {
    double denominator = Math.sqrt((double) normA * normB);
    return denominator == 0 ? 0f : (float) (dot / denominator);
  }

  private static void checkLengths(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "vector dimensions differ: " + a.length + " != " + b.length);
    }
  }

  private static VectorOps load() {
    if ("false".equalsIgnoreCase(System.getProperty("embedkit.simd"))) {
      LOG.debug("embedkit.simd=false: using scalar vector maths");
      return ScalarVectorOps.INSTANCE;
    }
    Optional<Module> vectorModule = ModuleLayer.boot().findModule("jdk.incubator.vector");
    if (vectorModule.isEmpty()) {
      LOG.debug("jdk.incubator.vector not enabled (--add-modules jdk.incubator.vector): using scalar vector maths");
      return ScalarVectorOps.INSTANCE;
    }
    try {
      Class<?> type = Class.forName(SIMD_CLASS);
      return (VectorOps) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | LinkageError e) {
      LOG.debug("SIMD vector maths unavailable ({}): using scalar", e.toString());
      return ScalarVectorOps.INSTANCE;
    }
  }
}
