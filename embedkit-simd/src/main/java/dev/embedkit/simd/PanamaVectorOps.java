package dev.embedkit.simd;

import dev.embedkit.vector.VectorOps;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vector API kernels: the JDK's preferred float species, fused multiply-add lanes, a scalar tail. The only class in
 * embedkit that touches {@code jdk.incubator.vector}; {@code VectorMath} loads it by name.
 */
public final class PanamaVectorOps implements VectorOps {
  private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

  public PanamaVectorOps() {
    if (SPECIES.length() < 4) {
      // No useful SIMD width on this CPU: let VectorMath fall back to the scalar kernels.
      throw new UnsupportedOperationException("preferred float species has " + SPECIES.length() + " lanes");
    }
  }

  @Override
  public float dot(float[] a, float[] b) {
    int i = 0;
    int bound = SPECIES.loopBound(a.length);
    FloatVector acc = FloatVector.zero(SPECIES);
    for (; i < bound; i += SPECIES.length()) {
      acc = FloatVector.fromArray(SPECIES, a, i).fma(FloatVector.fromArray(SPECIES, b, i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < a.length; i++) {
      sum = Math.fma(a[i], b[i], sum);
    }
    return sum;
  }

  @Override
  public float squareDistance(float[] a, float[] b) {
    int i = 0;
    int bound = SPECIES.loopBound(a.length);
    FloatVector acc = FloatVector.zero(SPECIES);
    for (; i < bound; i += SPECIES.length()) {
      FloatVector d = FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i));
      acc = d.fma(d, acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < a.length; i++) {
      float d = a[i] - b[i];
      sum = Math.fma(d, d, sum);
    }
    return sum;
  }

  @Override
  public float manhattan(float[] a, float[] b) {
    int i = 0;
    int bound = SPECIES.loopBound(a.length);
    FloatVector acc = FloatVector.zero(SPECIES);
    for (; i < bound; i += SPECIES.length()) {
      acc = acc.add(FloatVector.fromArray(SPECIES, a, i).sub(FloatVector.fromArray(SPECIES, b, i)).abs());
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < a.length; i++) {
      sum += Math.abs(a[i] - b[i]);
    }
    return sum;
  }

  @Override
  public float cosine(float[] a, float[] b) {
    int i = 0;
    int bound = SPECIES.loopBound(a.length);
    FloatVector dot = FloatVector.zero(SPECIES);
    FloatVector normA = FloatVector.zero(SPECIES);
    FloatVector normB = FloatVector.zero(SPECIES);
    for (; i < bound; i += SPECIES.length()) {
      FloatVector va = FloatVector.fromArray(SPECIES, a, i);
      FloatVector vb = FloatVector.fromArray(SPECIES, b, i);
      dot = va.fma(vb, dot);
      normA = va.fma(va, normA);
      normB = vb.fma(vb, normB);
    }
    float d = dot.reduceLanes(VectorOperators.ADD);
    float na = normA.reduceLanes(VectorOperators.ADD);
    float nb = normB.reduceLanes(VectorOperators.ADD);
    for (; i < a.length; i++) {
      d = Math.fma(a[i], b[i], d);
      na = Math.fma(a[i], a[i], na);
      nb = Math.fma(b[i], b[i], nb);
    }
    double denominator = Math.sqrt((double) na * nb);
    return denominator == 0 ? 0f : (float) (d / denominator);
  }

  @Override
  public String name() {
    return "panama-" + SPECIES.length();
  }
}
