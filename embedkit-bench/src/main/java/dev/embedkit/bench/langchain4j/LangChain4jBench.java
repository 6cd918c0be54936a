package dev.embedkit.bench.langchain4j;

import dev.embedkit.bench.store.StoreData;
import dev.embedkit.langchain4j.EmbedkitEmbeddingModel;
import dev.embedkit.langchain4j.EmbedkitEmbeddingStore;
import dev.langchain4j.data.document.Metadata;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.store.embedding.EmbeddingMatch;
import dev.langchain4j.store.embedding.EmbeddingSearchRequest;
import dev.langchain4j.store.embedding.EmbeddingStore;
import dev.langchain4j.store.embedding.inmemory.InMemoryEmbeddingStore;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench langchain4j}: embedkit's LangChain4j adapters against LangChain4j's own classes, through the same
 * LangChain4j interfaces in the same JVM.
 * <ul>
 *   <li><b>model</b>: {@code EmbeddingModel.embedAll(List<TextSegment>)} on the same STS-B sentences, LangChain4j's
 *       AllMiniLmL6V2EmbeddingModel (its defaults) vs EmbedkitEmbeddingModel("all-minilm-l6-v2"); sentences/s (median
 *       of the timed rounds, after one warm-up round each), the ratio, and how far the vectors differ.</li>
 *   <li><b>store</b>: N segments (text "segment i", metadata {"group": i % 10}) with precomputed vectors (no model
 *       in the loop): by default derived from real all-MiniLM-L6-v2 embeddings as {@code bin/bench store} makes them
 *       ({@link StoreData}), queries SciFact claims; or seeded gaussian ones ({@code --vectors random}), ingested with {@code addAll(ids, embeddings,
 *       segments)} into InMemoryEmbeddingStore and into EmbedkitEmbeddingStore (an embedded collection in a temp
 *       folder); ingest time, heap used after ingest (after GC, minus the heap before), the collection's size on disk,
 *       and search latency (median, p99) of Q queries with maxResults 10, with embedkit's recall@10 against the
 *       in-memory store's exact answers.</li>
 * </ul>
 */
@Command(name = "bench langchain4j", mixinStandardHelpOptions = true, sortOptions = false,
    description = "LangChain4j's AllMiniLmL6V2EmbeddingModel and InMemoryEmbeddingStore vs embedkit's adapters.")
public final class LangChain4jBench implements Callable<Integer> {
  static final int DIMENSIONS = 384;
  static final int INGEST_BATCH = 1_000;

  @Option(names = "--part", description = "model, store or all (default: ${DEFAULT-VALUE}).")
  String part = "all";

  @Option(names = "--sentences", description = "STS-B sentences embedded per round (default: all ${DEFAULT-VALUE}"
      + " distinct sentences of the test split).")
  int sentences = 2_758;

  @Option(names = "--rounds", description = "Timed rounds per model, after one warm-up (default: ${DEFAULT-VALUE}).")
  int rounds = 3;

  @Option(names = "--segments", description = "Segments ingested into each store (default: ${DEFAULT-VALUE}).")
  int segments = 100_000;

  @Option(names = "--queries", description = "Search queries per store (default: ${DEFAULT-VALUE}).")
  int queries = 200;

  @Option(names = "--max-results", description = "maxResults of each search (default: ${DEFAULT-VALUE}).")
  int maxResults = 10;

  @Option(names = "--ef-search", description = "EmbedkitEmbeddingStore's HNSW candidates per search (default:"
      + " ${DEFAULT-VALUE}, the collection's default of 200).")
  int efSearch = 0;

  @Option(names = "--datasets", defaultValue = "${sys:embedkit.bench.root:-.}/../shared/datasets",
      description = "The shared datasets folder (default: ${DEFAULT-VALUE}).")
  Path datasets;

  @Option(names = "--vectors", description = "The store's vectors: derived (from real all-MiniLM-L6-v2 embeddings, as"
      + " bin/bench store makes them; queries are SciFact claims) or random (seeded gaussian, HNSW's worst case)"
      + " (default: ${DEFAULT-VALUE}).")
  String vectorSource = "derived";

  @Option(names = "--work-dir", defaultValue = "${sys:embedkit.bench.root:-.}/embedkit-bench/target/store-bench",
      description = "Where the derived vectors and the embedding cache live, shared with bin/bench store (default:"
      + " ${DEFAULT-VALUE}).")
  Path work;

  public static void main(String[] args) {
    System.exit(new CommandLine(new LangChain4jBench()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    System.out.printf(Locale.ROOT, "# bench langchain4j: JDK %s, %d cores, max heap %d MiB%n",
        System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20);
    if (part.equals("model") || part.equals("all")) {
      model();
    }
    if (part.equals("store") || part.equals("all")) {
      store();
    }
    return 0;
  }

  // ------------------------------------------------------------------------------------------------------- model

  private void model() throws IOException {
    List<TextSegment> texts = stsb(datasets.resolve("stsb/stsb-en-test.csv"), sentences).stream()
        .map(TextSegment::from).toList();
    System.out.printf(Locale.ROOT, "## model: embedAll over %d STS-B sentences, %d timed rounds each%n",
        texts.size(), rounds);
    EmbeddingModel peer = new AllMiniLmL6V2EmbeddingModel();
    try (EmbedkitEmbeddingModel ours = EmbedkitEmbeddingModel.of("all-minilm-l6-v2")) {
      List<Embedding> peerVectors = peer.embedAll(texts).content(); // warm-up
      List<Embedding> ourVectors = ours.embedAll(texts).content();
      double[] peerRates = new double[rounds];
      double[] ourRates = new double[rounds];
      for (int r = 0; r < rounds; r++) { // alternate, so drift of the shared machine hits both
        peerRates[r] = rate(texts.size(), () -> peer.embedAll(texts));
        ourRates[r] = rate(texts.size(), () -> ours.embedAll(texts));
      }
      double peerRate = median(peerRates);
      double ourRate = median(ourRates);
      double maxDiff = 0;
      long differAt4 = 0;
      long values = 0;
      for (int i = 0; i < texts.size(); i++) {
        float[] a = peerVectors.get(i).vector();
        float[] b = ourVectors.get(i).vector();
        for (int d = 0; d < a.length; d++) {
          maxDiff = Math.max(maxDiff, Math.abs(a[d] - b[d]));
          differAt4 += Math.round(a[d] * 1e4) != Math.round(b[d] * 1e4) ? 1 : 0;
          values++;
        }
      }
      System.out.printf(Locale.ROOT, "langchain4j AllMiniLmL6V2EmbeddingModel: %.1f sentences/s (rounds %s)%n",
          peerRate, Arrays.toString(round1(peerRates)));
      System.out.printf(Locale.ROOT, "embedkit EmbedkitEmbeddingModel:          %.1f sentences/s (rounds %s)%n",
          ourRate, Arrays.toString(round1(ourRates)));
      System.out.printf(Locale.ROOT, "ratio embedkit / langchain4j: %.2fx%n", ourRate / peerRate);
      System.out.printf(Locale.ROOT, "max |difference| over %d values: %.2e; agree within 1e-4: %s;"
          + " values whose 4-decimal rounding differs: %d%n", values, maxDiff, maxDiff < 1e-4, differAt4);
    }
  }

  /** The distinct sentences of STS-B's test split (both columns, file order), at most {@code limit}. */
  static List<String> stsb(Path csv, int limit) throws IOException {
    Set<String> out = new LinkedHashSet<>();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      for (CSVRecord record : CSVFormat.DEFAULT.parse(reader)) {
        out.add(record.get(0));
        out.add(record.get(1));
      }
    }
    return out.stream().limit(limit).toList();
  }

  private static double rate(int count, Runnable work) {
    long start = System.nanoTime();
    work.run();
    return count / ((System.nanoTime() - start) / 1e9);
  }

  // ------------------------------------------------------------------------------------------------------- store

  private void store() throws IOException, InterruptedException {
    // One flat array, held throughout: each store gets its own copies, made batch by batch while it ingests, so the
    // heap measured after ingest is what the store itself keeps.
    float[] all = new float[segments * DIMENSIONS];
    List<Embedding> queryVectors = new ArrayList<>(queries);
    String description;
    if (vectorSource.equals("random")) {
      Random random = new Random(42);
      for (int i = 0; i < segments; i++) {
        System.arraycopy(unit(random), 0, all, i * DIMENSIONS, DIMENSIONS);
      }
      for (int q = 0; q < queries; q++) {
        queryVectors.add(new Embedding(unit(random)));
      }
      description = "precomputed normalised random 384-d vectors (seeded gaussian, seed 42)";
    } else if (vectorSource.equals("derived")) {
      StoreData data = StoreData.derive(datasets, work, "all-minilm-l6-v2", segments, queries, 20, 0.1, 42,
          Runtime.getRuntime().availableProcessors());
      List<float[]> vectors = data.readVectors();
      for (int i = 0; i < segments; i++) {
        System.arraycopy(vectors.get(i), 0, all, i * DIMENSIONS, DIMENSIONS);
      }
      data.queries().forEach(q -> queryVectors.add(new Embedding(q.clone())));
      description = data.description() + "; queries: " + queries + " SciFact claims embedded by the same model";
    } else {
      throw new IllegalArgumentException("--vectors is '" + vectorSource + "'; accepted: derived, random");
    }
    System.out.printf(Locale.ROOT, "## store: %d segments, %s, %d queries, maxResults %d%n", segments, description,
        queries, maxResults);

    List<List<String>> exact = measure("langchain4j InMemoryEmbeddingStore", InMemoryEmbeddingStore::new,
        all, queryVectors, null, null);
    Path folder = Files.createTempDirectory("bench-lc4j-store");
    EmbedkitEmbeddingStore[] made = new EmbedkitEmbeddingStore[1];
    measure("embedkit EmbedkitEmbeddingStore (HNSW, ef-search " + (efSearch == 0 ? "default" : efSearch) + ")",
        () -> made[0] = EmbedkitEmbeddingStore.builder()
        .root(folder).collectionName("bench").dimensions(DIMENSIONS).efSearch(efSearch).build(), all, queryVectors, exact,
        () -> made[0].collection().info().sizeBytes());
    // The collection as ingested holds one Lucene segment per few batches, each with its own HNSW graph that every
    // search walks; compact() merges them into one (what a loaded collection would be after `embedkit collection
    // compact`).
    int segmentsBefore = made[0].collection().info().segments();
    long t0 = System.nanoTime();
    made[0].collection().compact();
    double compactSeconds = (System.nanoTime() - t0) / 1e9;
    double[] latencies = new double[queryVectors.size()];
    List<List<String>> results = new ArrayList<>(queryVectors.size());
    for (int w = 0; w < Math.min(20, queryVectors.size()); w++) {
      made[0].search(request(queryVectors.get(w)));
    }
    for (int q = 0; q < queryVectors.size(); q++) {
      long t = System.nanoTime();
      results.add(made[0].search(request(queryVectors.get(q))).matches().stream().map(EmbeddingMatch::embeddingId)
          .toList());
      latencies[q] = (System.nanoTime() - t) / 1e6;
    }
    Arrays.sort(latencies);
    System.out.printf(Locale.ROOT, "embedkit EmbedkitEmbeddingStore after compact() (%d segments -> %d, %.1f s):"
            + " search median %.3f ms, p99 %.3f ms, recall@%d vs exact %.4f%n", segmentsBefore,
        made[0].collection().info().segments(), compactSeconds, latencies[latencies.length / 2],
        latencies[Math.min(latencies.length - 1, (int) Math.ceil(latencies.length * 0.99) - 1)], maxResults,
        recall(results, exact));
    made[0].close();
    deleteTree(folder);
  }

  /** Adds the segments in batches of {@value #INGEST_BATCH} with addAll(ids, embeddings, segments). */
  private static void ingest(EmbeddingStore<TextSegment> store, float[] all) {
    int n = all.length / DIMENSIONS;
    for (int from = 0; from < n; from += INGEST_BATCH) {
      int to = Math.min(n, from + INGEST_BATCH);
      List<String> ids = new ArrayList<>(to - from);
      List<Embedding> embeddings = new ArrayList<>(to - from);
      List<TextSegment> texts = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        ids.add("s" + i);
        embeddings.add(new Embedding(Arrays.copyOfRange(all, i * DIMENSIONS, (i + 1) * DIMENSIONS)));
        texts.add(TextSegment.from("segment " + i, Metadata.from("group", String.valueOf(i % 10))));
      }
      store.addAll(ids, embeddings, texts);
    }
  }

  /** Ingests, measures heap and search; returns each query's result ids. */
  private List<List<String>> measure(String label, Supplier<EmbeddingStore<TextSegment>> make, float[] all,
      List<Embedding> queryVectors, List<List<String>> exact, Supplier<Long> diskBytes) {
    long heapBefore = usedHeap();
    long start = System.nanoTime();
    EmbeddingStore<TextSegment> store = make.get();
    ingest(store, all);
    double ingestSeconds = (System.nanoTime() - start) / 1e9;
    long heapAfter = usedHeap();

    for (int w = 0; w < Math.min(20, queryVectors.size()); w++) { // warm-up
      store.search(request(queryVectors.get(w)));
    }
    double[] latencies = new double[queryVectors.size()];
    List<List<String>> results = new ArrayList<>(queryVectors.size());
    for (int q = 0; q < queryVectors.size(); q++) {
      long t = System.nanoTime();
      List<EmbeddingMatch<TextSegment>> matches = store.search(request(queryVectors.get(q))).matches();
      latencies[q] = (System.nanoTime() - t) / 1e6;
      results.add(matches.stream().map(EmbeddingMatch::embeddingId).toList());
    }
    Arrays.sort(latencies);
    System.out.printf(Locale.ROOT, "%s: ingest %.2f s (%.0f segments/s), heap after ingest +%d MiB%s, search median"
            + " %.3f ms, p99 %.3f ms%s%n",
        label, ingestSeconds, all.length / DIMENSIONS / ingestSeconds, Math.max(0, heapAfter - heapBefore) >> 20,
        diskBytes == null ? "" : ", on disk " + (diskBytes.get() >> 20) + " MiB",
        latencies[latencies.length / 2], latencies[Math.min(latencies.length - 1, (int) Math.ceil(latencies.length * 0.99) - 1)],
        exact == null ? "" : String.format(Locale.ROOT, ", recall@%d vs exact %.4f", maxResults, recall(results, exact)));
    return results;
  }

  private EmbeddingSearchRequest request(Embedding query) {
    return EmbeddingSearchRequest.builder().queryEmbedding(query).maxResults(maxResults).build();
  }

  private static double recall(List<List<String>> found, List<List<String>> exact) {
    long hit = 0;
    long total = 0;
    for (int q = 0; q < exact.size(); q++) {
      Set<String> truth = new HashSet<>(exact.get(q));
      hit += found.get(q).stream().filter(truth::contains).count();
      total += truth.size();
    }
    return total == 0 ? 1 : (double) hit / total;
  }

  private static float[] unit(Random random) {
    float[] v = new float[DIMENSIONS];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) random.nextGaussian();
      norm += v[i] * v[i];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int i = 0; i < v.length; i++) {
      v[i] *= scale;
    }
    return v;
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static String[] round1(double[] values) {
    return Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, "%.1f", v)).toArray(String[]::new);
  }

  private static void deleteTree(Path folder) throws IOException {
    try (var paths = Files.walk(folder)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
