package dev.embedkit.bench.store;

import dev.embedkit.vector.VectorMath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The indexed vectors: real sentence embeddings, and as many more as asked derived from them by a seeded procedure
 * that keeps their structure (vectors on the segments between real neighbours, not random clusters, on which HNSW
 * recall levels off far below real data).
 *
 * <ol>
 *   <li>The first {@code bases = min(available, max(1000, n / perBase))} base embeddings in a shuffle by
 *       {@code new Random(seed)} are used; each one's {@value #NEIGHBOURS} nearest other bases are found exactly.
 *   <li>Vectors {@code 0 .. bases-1} are the bases themselves (real embeddings).
 *   <li>Every further vector, from {@code new Random(seed + 1)}: a base {@code i} uniformly, {@code j} uniformly among
 *       i's neighbours, {@code t} uniform in [0, 1); {@code v = (1 - t) b_i + t b_j + e} with {@code e} Gaussian of
 *       standard deviation {@code noise * |b_i - b_j| / sqrt(dims)} per dimension (so {@code |e|} is about
 *       {@code noise} times the pair's distance); then {@code v} is scaled to unit length.
 * </ol>
 *
 * @param n vectors to produce
 * @param perBase derived vectors per base (sets how many bases a small run uses)
 * @param noise the noise's size relative to the pair's distance
 * @param seed the seed
 */
record DerivedVectors(int n, int perBase, double noise, long seed) {
  static final int NEIGHBOURS = 10;
  static final int MIN_BASES = 1000;

  int bases(int available) {
    return Math.min(available, Math.max(Math.min(MIN_BASES, n), n / perBase));
  }

  /** Writes the vectors to {@code file} (.fvecs), unless a complete file is there already. */
  void write(List<float[]> available, Path file, int threads) throws IOException, InterruptedException {
    int dims = available.get(0).length;
    if (Files.exists(file) && Fvecs.count(file, dims) == n && Files.size(file) == (long) n * (4 + 4L * dims)) {
      return;
    }
    List<float[]> shuffled = new ArrayList<>(available);
    Collections.shuffle(shuffled, new Random(seed));
    List<float[]> base = shuffled.subList(0, bases(available.size()));
    System.err.printf("store bench: deriving %,d vectors from %,d real embeddings (neighbours of each first)%n", n,
        base.size());
    int[][] neighbours = ExactTopK.search(base, base.iterator(), Math.min(NEIGHBOURS, base.size() - 1), true,
        threads);
    Random random = new Random(seed + 1);
    Path partial = file.resolveSibling(file.getFileName() + ".partial");
    try (Fvecs.Writer out = new Fvecs.Writer(partial)) {
      for (int k = 0; k < n; k++) {
        if (k < base.size()) {
          out.write(base.get(k));
          continue;
        }
        int i = random.nextInt(base.size());
        float[] bi = base.get(i);
        float[] bj = base.get(neighbours[i][random.nextInt(neighbours[i].length)]);
        double t = random.nextDouble();
        double sigma = noise * Math.sqrt(Math.max(0, VectorMath.squareDistance(bi, bj))) / Math.sqrt(dims);
        float[] v = new float[dims];
        for (int d = 0; d < dims; d++) {
          v[d] = (float) ((1 - t) * bi[d] + t * bj[d] + sigma * random.nextGaussian());
        }
        VectorMath.normalizeInPlace(v);
        out.write(v);
      }
    }
    Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING);
  }
}
