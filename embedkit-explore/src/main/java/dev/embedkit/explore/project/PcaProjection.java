package dev.embedkit.explore.project;

import dev.embedkit.maths.Pca;
import java.util.Arrays;

/**
 * The two-dimensional principal component projection: the fallback map for sets too small for UMAP or t-SNE, and
 * UMAP's initial layout.
 *
 * <pre>{@code
 * float[][] xy = PcaProjection.project(vectors);
 * }</pre>
 */
public final class PcaProjection {
  /** Two points always lie on a line, so a second component needs a third point. */
  public static final int MINIMUM_POINTS = 3;

  private PcaProjection() {}

  /** n x 2 coordinates on the first two principal components; all zeros when every vector is the same. */
  public static float[][] project(float[][] vectors) {
    if (vectors.length < MINIMUM_POINTS) {
      throw new IllegalArgumentException("PCA needs at least " + MINIMUM_POINTS + " points for two components; got "
          + vectors.length);
    }
    float[][] out = new float[vectors.length][2];
    if (allIdentical(vectors)) {
      // no direction has any variance, so there is nothing to fit; every point maps to the mean at the origin
      return out;
    }
    Pca pca = Pca.fit(Arrays.asList(vectors), 2);
    for (int i = 0; i < vectors.length; i++) {
      out[i] = pca.transform(vectors[i]);
    }
    return out;
  }

  private static boolean allIdentical(float[][] vectors) {
    for (float[] v : vectors) {
      if (!Arrays.equals(v, vectors[0])) {
        return false;
      }
    }
    return true;
  }
}
