package dev.embedkit.bench.store;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.Embedkit;
import dev.embedkit.bench.Machine;
import dev.embedkit.eval.data.BeirDataset;
import dev.embedkit.eval.embed.EmbeddingCache;
import dev.embedkit.eval.embed.ModelRun;
import dev.embedkit.eval.metrics.RankingMetric;
import dev.embedkit.eval.task.RetrievalTask;
import dev.embedkit.model.EmbedkitHome;
import dev.embedkit.progress.ProgressBar;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.Document;
import dev.embedkit.store.EmbeddedCollections;
import dev.embedkit.store.Hybrid;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Retrieval quality through a collection (issue 11): BEIR SciFact's test queries against a text collection of its
 * corpus, nDCG@10 x100 with the graph search (default ef), the collection's exact mode and hybrid search, beside the
 * figure {@code embedkit eval retrieval} computes (exact search over the same model's vectors, MTEB's prompts), in
 * the same run. Documents are MTEB's {@code title + " " + text}; identical query and document ids are kept (MTEB).
 *
 * <pre>
 * bin/bench store scifact
 * bin/bench store scifact --models bge-small-en-v1.5
 * </pre>
 */
@Command(name = "scifact", mixinStandardHelpOptions = true, sortOptions = false,
    description = "SciFact nDCG@10 through a collection (HNSW, exact, hybrid) beside `eval retrieval`.")
final class SciFactRun implements Callable<Integer> {
  static final double TOLERANCE_POINTS = 0.5;
  private static final int K = 10;

  @Option(names = "--models", split = ",", description = "Models (default: ${DEFAULT-VALUE}).")
  List<String> models = new ArrayList<>(List.of("all-minilm-l6-v2", "bge-small-en-v1.5"));

  @Option(names = "--data", defaultValue = "${sys:embedkit.bench.root:-.}/../shared/datasets/beir/scifact",
      description = "The BEIR SciFact folder (default: ${DEFAULT-VALUE}).")
  Path data;

  @Option(names = "--work-dir", defaultValue = "${sys:embedkit.bench.root:-.}/embedkit-bench/target/store-bench",
      description = "Where the collections go (default: ${DEFAULT-VALUE}).")
  Path work;

  @Override
  public Integer call() throws Exception {
    BeirDataset dataset = BeirDataset.read(data, "test");
    StringBuilder md = new StringBuilder();
    md.append("## SciFact through a collection\n\n- Date: ").append(Machine.now()).append("; machine: ")
        .append(Machine.cpuModel()).append(", ").append(Machine.cores()).append(" cores; JDK: ")
        .append(Machine.jdk()).append("\n- ").append(dataset.corpusIds().size()).append(" documents, ")
        .append(dataset.queryIds().size()).append(" judged test queries; nDCG@10 x100; collection defaults"
            + " (m 16, beam width 100, no quantisation, chunks of the model's window with 32 tokens of overlap, best"
            + " chunk per document)\n\n")
        .append("| model | eval retrieval (exact) | collection exact | collection HNSW (ef ")
        .append(SearchRequest.DEFAULT_EF_SEARCH).append(") | HNSW - eval | hybrid (RRF, k 60) | ingest |\n")
        .append("|---|---:|---:|---:|---:|---:|---:|\n");
    boolean met = true;
    for (String name : models) {
      System.err.printf("store bench scifact: %s eval retrieval (embeds the queries and the corpus unless its cache"
          + " has them)%n", name);
      double reference = reference(name, dataset);
      System.err.printf("store bench scifact: %s eval retrieval nDCG@10 %.2f%n", name, reference);
      Path root = work.resolve("scifact-" + name);
      StoreFiles.delete(root);
      try (EmbeddingModel model = Embedkit.load(name)) {
        EmbeddedCollections collections = new EmbeddedCollections(root, n -> model);
        try (Collection collection = collections.create(CollectionSpec.of("scifact", name)
            // one vector per document from its first window, as eval retrieval embeds them: like for like
            .withChunking(dev.embedkit.store.ChunkSettings.TRUNCATE))) {
          long t0 = System.nanoTime();
          Iterator<Document> documents = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
              return next < dataset.corpusIds().size();
            }

            @Override
            public Document next() {
              int i = next++;
              return Document.of(dataset.corpusIds().get(i), dataset.corpusTexts().get(i));
            }
          };
          collection.ingest(documents, (written, chunks) -> {
            if (written % 1024 == 0) {
              System.err.printf("store bench scifact: %s %,d documents (%,d chunks)%n", name, written, chunks);
            }
          });
          collection.compact();
          double ingest = (System.nanoTime() - t0) / 1e9;
          double hnsw = ndcg(collection, dataset, q -> q);
          double exact = ndcg(collection, dataset, q -> q.withExact(true));
          double hybrid = ndcg(collection, dataset, q -> q.withHybrid(Hybrid.DEFAULTS));
          met &= Math.abs(hnsw - reference) <= TOLERANCE_POINTS;
          md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %+.2f | %.2f | %.0f s (%,d chunks) |%n",
              name, reference, exact, hnsw, hnsw - reference, hybrid, ingest, collection.info().chunks()));
          System.err.printf("store bench scifact: %s exact %.2f HNSW %.2f hybrid %.2f%n", name, exact, hnsw, hybrid);
        }
      }
      StoreFiles.delete(root);
    }
    md.append("\nTarget: HNSW within ").append(TOLERANCE_POINTS).append(" points of eval retrieval for every model: ")
        .append(met ? "met" : "NOT met").append(".\n");
    System.out.print(md);
    return 0;
  }

  /** What {@code embedkit eval retrieval} reports (cosine, MTEB's prompts, its embedding cache). */
  private static double reference(String name, BeirDataset dataset) {
    EmbeddingCache cache = new EmbeddingCache(EmbedkitHome.createFolder(EmbedkitHome.evalCache()));
    try (ModelRun run = ModelRun.open(name, cache, ProgressBar.SILENT, "retrieval")) {
      Map<String, Double> scores = new RetrievalTask(dataset, Metric.COSINE, false, null, null).prepare(run)
          .score(UnaryOperator.identity());
      return scores.get(RankingMetric.NDCG.label(K));
    }
  }

  private static double ndcg(Collection collection, BeirDataset dataset, UnaryOperator<SearchRequest> mode) {
    double sum = 0;
    for (int q = 0; q < dataset.queryIds().size(); q++) {
      SearchRequest request = mode.apply(SearchRequest.of(Query.text(dataset.queryTexts().get(q))).withTopK(K)
          .withFields(Set.of()));
      List<String> ranked = collection.search(request).stream().map(SearchHit::id).toList();
      sum += RankingMetric.NDCG.score(ranked, dataset.qrels().get(dataset.queryIds().get(q)), K);
    }
    return 100 * sum / dataset.queryIds().size();
  }
}
