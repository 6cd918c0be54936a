package dev.embedkit.vector;

/**
 * The primitive kernels behind {@link VectorMath}. Two implementations exist: {@link ScalarVectorOps} (plain Java,
 * always available) and a Vector API one in the embedkit-simd module, loaded by {@link VectorMath} when the JDK has
 * the {@code jdk.incubator.vector} module. Callers never use this interface directly. Lengths are checked by the
 * facade; implementations may assume {@code a.length == b.length}.
 */
public interface VectorOps {
  float dot(float[] a, float[] b);

  /** Sum of squared differences. */
  float squareDistance(float[] a, float[] b);

  /** Sum of absolute differences. */
  float manhattan(float[] a, float[] b);

  /**
   * Cosine similarity; 0 when either vector has zero norm (as sentence-transformers' cos_sim, which divides by a
   * norm clamped away from zero).
   */
  float cosine(float[] a, float[] b);

  /** A short name for logs and benchmarks. */
  String name();
}
