package dev.embedkit.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The store benchmarks' data, shared by {@code bin/bench store} and {@code bin/bench langchain4j}: real
 * sentence embeddings ({@link BenchTexts}: STS-B test sentences, SciFact titles and abstract sentences; queries are
 * SciFact's claims), embedded once and cached ({@link EmbeddingCache}), and as many index vectors as asked derived
 * from them ({@link DerivedVectors}), written to an .fvecs file in {@code work}.
 *
 * @param vectorsFile the index vectors (.fvecs)
 * @param queries the query vectors (real embeddings, none of them in the index)
 * @param dims their dimensions
 * @param description one sentence for reports
 */
public record StoreData(Path vectorsFile, List<float[]> queries, int dims, String description) {

  /** Embeds (or reads from the cache) and derives; {@code queries} at most the SciFact claims available. */
  public static StoreData derive(Path datasets, Path work, String model, int vectors, int queries, int perBase,
      double noise, long seed, int threads) throws IOException, InterruptedException {
    Files.createDirectories(work);
    BenchTexts texts = BenchTexts.read(datasets);
    if (queries < 1 || queries > texts.queries().size()) {
      throw new IllegalArgumentException("queries must be 1 to " + texts.queries().size() + "; got " + queries);
    }
    List<String> all = new ArrayList<>(texts.base());
    all.addAll(texts.queries());
    List<float[]> embedded = EmbeddingCache.vectors(model, all, work);
    List<float[]> base = embedded.subList(0, texts.base().size());
    List<float[]> queryVectors = embedded.subList(texts.base().size(), texts.base().size() + queries);
    int dims = base.get(0).length;
    DerivedVectors derivation = new DerivedVectors(vectors, perBase, noise, seed);
    String stem = String.format(Locale.ROOT, "%s-%s-n%d-s%d-p%d-e%s", model, EmbeddingCache.hash(all), vectors, seed,
        perBase, noise);
    Path vectorsFile = work.resolve("vectors-" + stem + ".fvecs");
    derivation.write(base, vectorsFile, threads);
    String description = String.format(Locale.ROOT, "%,d unit vectors of %d dimensions: %,d real %s sentence"
        + " embeddings (STS-B test sentences, SciFact titles and abstract sentences) and %,d derived from them (each on"
        + " the segment between a real embedding and one of its 10 nearest, Gaussian noise %.2f of their distance,"
        + " normalised; seed %d)", vectors, dims, derivation.bases(base.size()), model,
        vectors - derivation.bases(base.size()), noise, seed);
    return new StoreData(vectorsFile, List.copyOf(queryVectors), dims, description);
  }

  /** The file's stem, for files derived from it (ground truth). */
  String stem() {
    String name = vectorsFile.getFileName().toString();
    return name.substring("vectors-".length(), name.length() - ".fvecs".length());
  }

  /** All index vectors, read from the file. */
  public List<float[]> readVectors() throws IOException {
    return Fvecs.readAll(vectorsFile);
  }
}
