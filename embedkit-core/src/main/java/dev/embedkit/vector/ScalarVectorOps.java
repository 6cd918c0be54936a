package dev.embedkit.vector;

/** Plain Java kernels: the reference the SIMD implementation is tested against, and the fallback. */
public final class ScalarVectorOps implements VectorOps {
  public static final ScalarVectorOps INSTANCE = new ScalarVectorOps();

  private ScalarVectorOps() {}

  @Override
  public float dot(float[] a, float[] b) {
    float sum = 0f;
    for (int i = 0; i < a.length; i++) {
      sum = Math.fma(a[i], b[i], sum);
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, float[] b) {
    float sum = 0f;
    for (int i = 0; i < a.length; i++) {
      float d = a[i] - b[i];
      sum = Math.fma(d, d, sum);
    }
    return sum;
  }

  @Override
  public float manhattan(float[] a, float[] b) {
    float sum = 0f;
    for (int i = 0; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum;
  }

  @Override
  public float cosine(float[] a, float[] b) {
    float dot = 0f;
    float normA = 0f;
    float normB = 0f;
    for (int i = 0; i < a.length; i++) {
      dot = Math.fma(a[i], b[i], dot);
      normA = Math.fma(a[i], a[i], normA);
      normB = Math.fma(b[i], b[i], normB);
    }
    return VectorMath.cosineFromParts(dot, normA, normB);
  }

  @Override
  public String name() {
    return "scalar";
  }
}
