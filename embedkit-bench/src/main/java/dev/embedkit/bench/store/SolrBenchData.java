package dev.embedkit.bench.store;

import dev.embedkit.bench.Machine;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * The first half of {@code bin/bench solr}: writes the store benchmark's data (the same {@link StoreData#derive}, the
 * same defaults and seed, so the numbers compare with BENCHMARKS.md's store table), the query vectors and the exact
 * top-k ({@link ExactTopK}) into the work folder, and a {@code solr-bench-data.properties} naming them. The second half,
 * embedkit-solr's {@code SolrBench}, runs on Solr's test class path (Jetty 10), which this module must not meet; the
 * files are the only thing the two share.
 *
 * <p>Reads {@code --vectors}, {@code --queries}, {@code --k}, {@code --work} and {@code --datasets}; every other option
 * is the Solr half's and is skipped here.
 */
public final class SolrBenchData {
  static final String PROPERTIES = "solr-bench-data.properties";

  private SolrBenchData() {}

  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    String root = System.getProperty("embedkit.bench.root", ".");
    int vectors = 100_000;
    int queries = 300;
    int k = 10;
    Path work = Path.of(root, "embedkit-bench", "target", "store-bench");
    Path datasets = Path.of(root, "..", "shared", "datasets");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (arg) {
        case "--vectors" -> vectors = number(arg, value);
        case "--queries" -> queries = number(arg, value);
        case "--k" -> k = number(arg, value);
        case "--work" -> work = Path.of(need(arg, value));
        case "--datasets" -> datasets = Path.of(need(arg, value));
        default -> {
          continue; // the Solr half's option (or its value)
        }
      }
      i++;
    }
    if (!Files.isDirectory(datasets.resolve("beir/scifact")) || !Files.isDirectory(datasets.resolve("stsb"))) {
      fail("no stsb/ and beir/scifact/ under " + datasets.toAbsolutePath() + "; pass --datasets");
    }
    if (k < 1 || k > 1000) {
      fail("--k is " + k + "; accepted: 1 to 1000");
    }
    int cores = Machine.cores();
    // The store bench's defaults: model, 20 derived per real embedding, noise 0.1, seed 42.
    StoreData data;
    try {
      data = StoreData.derive(datasets, work, "all-minilm-l6-v2", vectors, queries, 20, 0.1, 42, cores);
    } catch (IllegalArgumentException e) {
      fail("--" + e.getMessage());
      return;
    }
    Path queriesFile = work.resolve("queries-all-minilm-l6-v2-q" + queries + ".fvecs");
    Fvecs.write(queriesFile, data.queries());
    Path truthFile = work.resolve("truth-" + data.stem() + "-q" + queries + "-k" + k + ".ivecs");
    if (!Files.exists(truthFile)) {
      long t0 = System.nanoTime();
      try (Fvecs.Reader source = new Fvecs.Reader(data.vectorsFile())) {
        Fvecs.writeInts(truthFile, ExactTopK.search(data.queries(), source, k, false, cores));
      }
      System.err.printf("bench solr: exact top-%d in %.1f s%n", k, (System.nanoTime() - t0) / 1e9);
    }
    Properties out = new Properties();
    out.setProperty("vectors", data.vectorsFile().toAbsolutePath().toString());
    out.setProperty("queries", queriesFile.toAbsolutePath().toString());
    out.setProperty("truth", truthFile.toAbsolutePath().toString());
    out.setProperty("dims", Integer.toString(data.dims()));
    out.setProperty("count", Integer.toString(vectors));
    out.setProperty("description", data.description());
    out.setProperty("cpu", Machine.cpuModel());
    out.setProperty("cores", Integer.toString(cores));
    out.setProperty("memory", Machine.memory());
    try (Writer writer = Files.newBufferedWriter(work.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
      out.store(writer, "bin/bench solr: the data files");
    }
  }

  private static int number(String option, String value) {
    try {
      return Integer.parseInt(need(option, value));
    } catch (NumberFormatException e) {
      fail(option + " is '" + value + "'; accepted: a whole number");
      return 0;
    }
  }

  private static String need(String option, String value) {
    if (value == null || value.startsWith("--")) {
      fail(option + " needs a value");
    }
    return value;
  }

  private static void fail(String message) {
    System.err.println("bench solr: " + message);
    System.exit(2);
  }
}
