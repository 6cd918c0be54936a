package dev.embedkit.explore;

import dev.embedkit.EmbedkitException;
import dev.embedkit.explore.project.Method;
import dev.embedkit.vector.VectorMath;
import java.util.Arrays;
import java.util.List;

/** Checks, samples and normalises the vectors a map is made of. */
final class MapVectors {
  /** Of the heap still free, the share a map's working memory may take. */
  static final double HEAP_SHARE = 0.6;

  private MapVectors() {}

  /** Refuses NaN, infinities and vectors of different lengths, naming the input. */
  static void requireFinite(List<MapItem> items, float[][] vectors) {
    int dims = vectors[0].length;
    if (dims == 0) {
      throw EmbedkitException.invalidInput("input 1 ('" + items.get(0).id() + "') has an empty vector");
    }
    for (int i = 0; i < vectors.length; i++) {
      float[] v = vectors[i];
      if (v.length != dims) {
        throw EmbedkitException.invalidInput("input " + (i + 1) + " ('" + items.get(i).id() + "') has " + v.length
            + " dimensions, the first has " + dims + "; a map takes vectors of one length");
      }
      for (int d = 0; d < dims; d++) {
        if (!Float.isFinite(v[d])) {
          throw EmbedkitException.invalidInput("input " + (i + 1) + " ('" + items.get(i).id() + "') has " + v[d]
              + " at dimension " + d + "; a map takes finite numbers only");
        }
      }
    }
  }

  /**
   * How many points of this many dimensions the method can map in the heap that is free now: the normalised copy of
   * the vectors plus the method's own per-point structures (none for PCA, which works on the covariance; UMAP's
   * 15-neighbour graph and its symmetric fuzzy set; t-SNE's 90-neighbour graph and sparse P), rounded up.
   */
  static int pointsThatFit(Method method, int dims) {
    Runtime runtime = Runtime.getRuntime();
    long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    long perPoint = 4L * dims + 256 + switch (method) {
      case PCA -> 0L;
      case UMAP -> 1_000;
      case TSNE -> 3_000;
    };
    return (int) Math.max(SpaceMapper.MINIMUM_POINTS, Math.min(Integer.MAX_VALUE, (long) (free * HEAP_SHARE) / perPoint));
  }

  /** Unit-length copies of the kept rows (a zero vector stays zero). */
  static float[][] unitRows(float[][] vectors, int[] kept) {
    float[][] out = new float[kept.length][];
    for (int i = 0; i < kept.length; i++) {
      out[i] = vectors[kept[i]].clone();
      VectorMath.normalizeInPlace(out[i]);
    }
    return out;
  }


  static boolean allIdentical(float[][] unit) {
    for (int i = 1; i < unit.length; i++) {
      if (!Arrays.equals(unit[0], unit[i])) {
        return false;
      }
    }
    return true;
  }
}
