package dev.embedkit.bench.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.embedkit.bench.ClassPaths;
import dev.embedkit.bench.Machine;
import dev.embedkit.bench.store.StoreResults.EngineResult;
import dev.embedkit.bench.store.StoreResults.Setup;
import dev.embedkit.store.Quantization;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The vector store benchmark (issue 11): embedkit's collection on Lucene against hnswlib on the same vectors, queries
 * and ground truth, in the same run. Vectors derived from real all-MiniLM-L6-v2 sentence embeddings
 * ({@link DerivedVectors}); exact top-k by brute force; each Java engine in its own JVM ({@link EngineRun}), the peer
 * in node ({@code embedkit-bench/peer/hnswlib/store-peer.js}). A program, not a test: it prints a Markdown report.
 *
 * <pre>
 * bin/bench store                                     # 1,000,000 vectors, 1,000 queries
 * bin/bench store --vectors 20000 --queries 200 --seconds 1
 * bin/bench store scifact                             # nDCG@10 through a collection vs eval retrieval
 * </pre>
 */
@Command(name = "bench store", mixinStandardHelpOptions = true, sortOptions = false, subcommands = SciFactRun.class,
    description = "Vector store benchmark: ingest, recall@k vs exact search, QPS and latency, size, against hnswlib.")
public final class StoreBench implements Callable<Integer> {
  static final double TARGET_RECALL = 0.95;

  @Option(names = "--vectors", description = "Vectors indexed (default: ${DEFAULT-VALUE}).")
  int vectors = 1_000_000;

  @Option(names = "--queries", description = "Queries: SciFact claims, real embeddings not in the index"
      + " (at most 1,109; default: ${DEFAULT-VALUE}).")
  int queries = 1000;

  @Option(names = "--k", description = "Neighbours per query, recall@k (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--ef", split = ",", description = "efSearch sweep (default: ${DEFAULT-VALUE}).")
  List<Integer> efs = new ArrayList<>(List.of(10, 16, 24, 32, 48, 64, 100, 150, 200, 300));

  @Option(names = "--threads", split = ",", description = "Searching threads timed at each ef"
      + " (default: ${DEFAULT-VALUE}).")
  List<Integer> threads = new ArrayList<>(List.of(1, 2));

  @Option(names = "--seconds", description = "Timed seconds per ef and thread count (default: ${DEFAULT-VALUE}).")
  double seconds = 3;

  @Option(names = "--exact-queries", description = "Queries timed through each engine's exact search"
      + " (default: ${DEFAULT-VALUE}).")
  int exactQueries = 20;

  @Option(names = "--quantization", split = ",", description = "Collection runs, one per quantization: NONE, INT7,"
      + " INT4 (default: ${DEFAULT-VALUE}).")
  List<String> quantizations = new ArrayList<>(List.of("NONE", "INT7"));

  @Option(names = "--engines", split = ",", description = "Java engines: collection (embedkit's LuceneCollection),"
      + " lucene (Lucene alone) (default: ${DEFAULT-VALUE}).")
  List<String> engines = new ArrayList<>(List.of("collection"));

  @Option(names = "--peer", description = "hnswlib or none (default: ${DEFAULT-VALUE}).")
  String peer = "hnswlib";

  @Option(names = "--m", description = "HNSW neighbours per node, every engine (default: ${DEFAULT-VALUE}).")
  int m = 16;

  @Option(names = "--beam-width", description = "HNSW build candidates (hnswlib's ef_construction), every engine"
      + " (default: ${DEFAULT-VALUE}).")
  int beamWidth = 100;

  @Option(names = "--seed", description = "Seed of the derivation (default: ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--per-base", description = "Derived vectors per real embedding; sets how many real ones a run"
      + " uses, at least 1,000 (default: ${DEFAULT-VALUE}).")
  int perBase = 20;

  @Option(names = "--noise", description = "Derivation noise, relative to the pair's distance"
      + " (default: ${DEFAULT-VALUE}).")
  double noise = 0.1;

  @Option(names = "--model", description = "Model of the real embeddings (default: ${DEFAULT-VALUE}).")
  String model = "all-minilm-l6-v2";

  // bin/bench passes the repository root as embedkit.bench.root, so the defaults hold from any folder.
  @Option(names = "--datasets", defaultValue = "${sys:embedkit.bench.root:-.}/../shared/datasets",
      description = "The shared datasets folder (default: ${DEFAULT-VALUE}).")
  Path datasets;

  @Option(names = "--work-dir", defaultValue = "${sys:embedkit.bench.root:-.}/embedkit-bench/target/store-bench",
      description = "Vectors (kept for later runs), ground truth and indexes (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--peer-dir", defaultValue = "${sys:embedkit.bench.root:-.}/embedkit-bench/peer/hnswlib",
      description = "The peer's node package (default: ${DEFAULT-VALUE}).")
  Path peerDir;

  @Option(names = "--node", description = "The node binary (default: ${DEFAULT-VALUE}).")
  String node = "node";

  @Option(names = "--engine-java", paramLabel = "JAVA", description = "java binary of the engines' JVMs, e.g. a"
      + " JDK 21 to let Lucene use the Vector API (default: this JVM's).")
  Path engineJava;

  @Option(names = "--jvm-arg", paramLabel = "ARG", description = "Option for the engines' JVMs"
      + " (default: -Xmx4g; repeatable).")
  List<String> jvmArgs = new ArrayList<>();

  @Option(names = "--json", paramLabel = "FILE", description = "Also write every number to FILE as JSON.")
  Path json;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the report to FILE.")
  Path markdown;

  private String[] rawArgs = new String[0];

  public static void main(String[] args) {
    Locale.setDefault(Locale.ROOT);
    StoreBench main = new StoreBench();
    main.rawArgs = args;
    System.exit(new CommandLine(main).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new CommandLine(this).getOut();
    List<Quantization> chosen = quantizations.stream().map(Quantization::fromString).toList();
    String loadBefore = Machine.loadAverage();
    int cores = Machine.cores();
    Files.createDirectories(work);

    if (!Files.isDirectory(datasets.resolve("beir/scifact")) || !Files.isDirectory(datasets.resolve("stsb"))) {
      System.err.println("bench store: no stsb/ and beir/scifact/ under " + datasets.toAbsolutePath()
          + "; pass --datasets");
      return 2;
    }
    StoreData data;
    try {
      data = StoreData.derive(datasets, work, model, vectors, queries, perBase, noise, seed, cores);
    } catch (IllegalArgumentException e) {
      System.err.println("bench store: --" + e.getMessage());
      return 2;
    }
    List<float[]> queryVectors = data.queries();
    int dims = data.dims();
    Path vectorsFile = data.vectorsFile();
    Path queriesFile = work.resolve("queries-" + model + "-q" + queries + ".fvecs");
    Fvecs.write(queriesFile, queryVectors);
    Path truthFile = work.resolve("truth-" + data.stem() + "-q" + queries + "-k" + k + ".ivecs");
    double truthSeconds = 0;
    if (!Files.exists(truthFile)) {
      long t0 = System.nanoTime();
      try (Fvecs.Reader source = new Fvecs.Reader(vectorsFile)) {
        Fvecs.writeInts(truthFile, ExactTopK.search(queryVectors, source, k, false, cores));
      }
      truthSeconds = (System.nanoTime() - t0) / 1e9;
      System.err.printf("store bench: ground truth in %.1f s%n", truthSeconds);
    }
    String vectorsDescription = data.description();

    List<EngineResult> results = new ArrayList<>();
    Path java = engineJava != null ? engineJava : ClassPaths.currentJava();
    String classPath = ClassPaths.isolate(System.getProperty("java.class.path"), work.resolve("lib"));
    for (String engine : engines) {
      for (Quantization q : chosen) {
        String label = engine + (q == Quantization.NONE ? "" : "-" + q.name().toLowerCase(Locale.ROOT));
        EngineSpec spec = new EngineSpec(label, engine, q, m, beamWidth, vectorsFile.toString(), dims,
            queriesFile.toString(), truthFile.toString(), work.resolve("index-" + label).toString(), k, efs, threads,
            seconds, exactQueries, work.resolve("result-" + label + ".json").toString());
        System.err.printf("store bench: %s (%s, m %d, beam width %d) in its own JVM%n", label, q, m, beamWidth);
        results.add(new EngineProcess(java, classPath, jvmArgs.isEmpty() ? List.of("-Xmx4g") : jvmArgs).run(spec));
        StoreFiles.delete(Path.of(spec.indexDir()));
      }
    }
    String nodeVersion = "";
    String peerVersion = "";
    if (peer.equals("hnswlib")) {
      HnswlibPeer hnswlib = new HnswlibPeer(node, peerDir);
      nodeVersion = hnswlib.nodeVersion();
      peerVersion = "hnswlib-node " + hnswlib.version();
      EngineSpec spec = new EngineSpec("hnswlib", "hnswlib", Quantization.NONE, m, beamWidth,
          vectorsFile.toAbsolutePath().toString(), dims, queriesFile.toAbsolutePath().toString(),
          truthFile.toAbsolutePath().toString(), work.resolve("index-hnswlib.bin").toAbsolutePath().toString(), k,
          efs, threads, seconds, 0, work.resolve("result-hnswlib.json").toAbsolutePath().toString());
      System.err.printf("store bench: hnswlib (%s, node %s, M %d, ef_construction %d)%n", peerVersion, nodeVersion, m,
          beamWidth);
      results.add(hnswlib.run(spec));
    } else if (!peer.equals("none")) {
      System.err.println("bench store: unknown --peer '" + peer + "'; accepted: hnswlib, none");
      return 2;
    }

    Setup setup = new Setup(commandLine(), Machine.now(), Machine.cpuModel(), cores, Machine.memory(), Machine.jdk(),
        nodeVersion, peerVersion, loadBefore, Machine.loadAverage(), vectorsDescription, vectors, dims, queries, k,
        truthSeconds);
    StoreResults measured = new StoreResults(setup, results);
    String report = StoreReport.markdown(measured, TARGET_RECALL);
    out.print(report);
    out.flush();
    if (markdown != null) {
      Files.writeString(markdown, report, StandardCharsets.UTF_8);
      System.err.println("report written to " + markdown);
    }
    if (json != null) {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), measured);
      System.err.println("numbers written to " + json);
    }
    return 0;
  }

  static ObjectMapper reader() {
    return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  private String commandLine() {
    return "bin/bench store" + (rawArgs.length == 0 ? "" : " " + String.join(" ", rawArgs));
  }
}
