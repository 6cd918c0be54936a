package dev.embedkit.bench.explore;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.embedkit.bench.ChildJvm;
import dev.embedkit.bench.Machine;
import dev.embedkit.bench.store.EmbeddingCache;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The explore benchmark: time and peak memory of embedkit-explore's 2-D maps (PCA, UMAP, t-SNE), its kNN graph,
 * HDBSCAN and paraphrase mining at 10,000 and 100,000 points, against scikit-learn (PCA, t-SNE), pynndescent (the kNN
 * graph) and umap-js (UMAP) on the same points, on the same machine, in the same run. Points: perturbed copies of
 * real all-MiniLM-L6-v2 embeddings ({@link ExploreData}), one float32 .npy file per size that every engine reads.
 * Each Java run in its own JVM ({@link ExploreRun}), each peer in its own process; the quality figures
 * ({@link Quality}) are computed afterwards, the same way for every engine's output. A program, not a test: it
 * prints a Markdown report.
 *
 * <pre>
 * bin/bench explore                                              # pca,umap,tsne at 10,000 and 100,000 points
 * bin/bench explore --sizes 2000 --methods pca,knn,umap,hdbscan,tsne,mine     # the harness check
 * bin/bench explore --sizes 100000 --methods umap --peers none               # the target alone
 * </pre>
 */
@Command(name = "bench explore", mixinStandardHelpOptions = true, sortOptions = false,
    description = "2-D maps, kNN graph, clustering and mining: time, peak memory and trustworthiness, against"
        + " scikit-learn, pynndescent and umap-js.")
public final class ExploreBench implements Callable<Integer> {
  static final List<String> METHODS = List.of("pca", "knn", "umap", "hdbscan", "tsne", "mine");
  static final int TARGET_POINTS = 100_000;
  static final double TARGET_UMAP_SECONDS = 120;

  @Option(names = "--sizes", split = ",", description = "Points per run (default: ${DEFAULT-VALUE}).")
  List<Integer> sizes = new ArrayList<>(List.of(10_000, 100_000));

  @Option(names = "--methods", split = ",", description = "Of pca, knn (the kNN graph alone), umap, hdbscan (on the"
      + " Java UMAP row's map), tsne, mine (paraphrase mining); run in that order (default: ${DEFAULT-VALUE}).")
  List<String> methods = new ArrayList<>(List.of("pca", "umap", "tsne"));

  @Option(names = "--peers", split = ",", description = "Of sklearn (pca, tsne), pynndescent (knn), umap-js (umap);"
      + " or none (default: ${DEFAULT-VALUE}).")
  List<String> peers = new ArrayList<>(List.of("sklearn", "pynndescent", "umap-js"));

  @Option(names = "--peer-timeout", description = "Seconds a peer run may take before it is stopped and reported as"
      + " not finished; 0: no limit (default: ${DEFAULT-VALUE}).")
  int peerTimeout = 900;

  @Option(names = "--java-timeout", description = "The same for the Java runs; 0: no limit (default:"
      + " ${DEFAULT-VALUE}).")
  int javaTimeout = 0;

  @Option(names = "--seed", description = "Seed of the points, the sample and every method (default:"
      + " ${DEFAULT-VALUE}).")
  long seed = 42;

  @Option(names = "--cosine", description = "A copy's cosine to its real embedding, about (default:"
      + " ${DEFAULT-VALUE}).")
  double cosine = 0.9;

  @Option(names = "--sample", description = "Query points of the quality figures (default: ${DEFAULT-VALUE}).")
  int sample = 2000;

  @Option(names = "--k", description = "Trustworthiness@k (default: ${DEFAULT-VALUE}).")
  int k = 10;

  @Option(names = "--knn-k", description = "Neighbours of the kNN graph rows, recall@k (default: ${DEFAULT-VALUE}).")
  int knnK = 15;

  @Option(names = "--umap-neighbours", description = "UMAP n_neighbors, every engine (default: ${DEFAULT-VALUE}).")
  int umapNeighbours = 15;

  @Option(names = "--umap-min-dist", description = "UMAP min_dist, every engine (default: ${DEFAULT-VALUE}).")
  double umapMinDist = 0.1;

  @Option(names = "--umap-epochs", description = "UMAP epochs, every engine; 0: each library's default"
      + " (default: ${DEFAULT-VALUE}).")
  int umapEpochs = 0;

  @Option(names = "--perplexity", description = "t-SNE perplexity, every engine (default: ${DEFAULT-VALUE}).")
  double perplexity = 30;

  @Option(names = "--tsne-iterations", description = "t-SNE iterations, every engine (default: ${DEFAULT-VALUE}).")
  int tsneIterations = 1000;

  @Option(names = "--hdbscan-min-cluster-size", description = "HDBSCAN's smallest cluster and min_samples"
      + " (default: ${DEFAULT-VALUE}, the map's default).")
  int hdbscanMinClusterSize = 10;

  @Option(names = "--mining-top-k", description = "Paraphrase mining's top_k (default: ${DEFAULT-VALUE}).")
  int miningTopK = 100;

  @Option(names = "--peer-env", paramLabel = "NAME=VALUE", description = "Environment of the peers' processes"
      + " (repeatable; default: OMP_WAIT_POLICY=passive: with OpenMP's default spinning, scikit-learn's t-SNE took"
      + " 10-20x longer on 2 cores that other processes also used; --peer-env OMP_WAIT_POLICY= sets it empty).")
  List<String> peerEnv = new ArrayList<>();

  @Option(names = "--jobs", description = "Peers' n_jobs (default: ${DEFAULT-VALUE}: the cores).")
  int jobs = Runtime.getRuntime().availableProcessors();

  @Option(names = "--model", description = "Model of the real embeddings (default: ${DEFAULT-VALUE}).")
  String model = "all-minilm-l6-v2";

  // bin/bench passes the repository root as embedkit.bench.root, so the defaults hold from any folder.
  @Option(names = "--datasets", defaultValue = "${sys:embedkit.bench.root:-.}/../shared/datasets",
      description = "The shared datasets folder (default: ${DEFAULT-VALUE}).")
  Path datasets;

  @Option(names = "--work-dir", defaultValue = "${sys:embedkit.bench.root:-.}/embedkit-bench/target/explore-bench",
      description = "Embeddings and points (kept for later runs), outputs (default: ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--peer-dir", defaultValue = "${sys:embedkit.bench.root:-.}/embedkit-bench/peer/explore",
      description = "The peers' scripts (default: ${DEFAULT-VALUE}).")
  Path peerDir;

  @Option(names = "--python", description = "Python with the Debian packages python3-sklearn and"
      + " python3-pynndescent (default: ${DEFAULT-VALUE}).")
  String python = "/usr/bin/python3";

  @Option(names = "--node", description = "The node binary (default: ${DEFAULT-VALUE}).")
  String node = "node";

  @Option(names = "--node-heap-mib", description = "node's --max-old-space-size for umap-js (default:"
      + " ${DEFAULT-VALUE}).")
  int nodeHeapMib = 8192;

  @Option(names = "--jvm-arg", paramLabel = "ARG", description = "Option for the Java runs' JVMs (default: -Xmx8g;"
      + " repeatable).")
  List<String> jvmArgs = new ArrayList<>();

  @Option(names = "--json", paramLabel = "FILE", description = "Also write every number to FILE as JSON.")
  Path json;

  @Option(names = "--markdown", paramLabel = "FILE", defaultValue = "${sys:embedkit.bench.root:-.}/embedkit-bench/"
      + "target/explore-report.md", description = "Also write the report to FILE (default: ${DEFAULT-VALUE}).")
  Path markdown;

  private String[] rawArgs = new String[0];

  public static void main(String[] args) {
    Locale.setDefault(Locale.ROOT);
    ExploreBench main = new ExploreBench();
    main.rawArgs = args;
    System.exit(new CommandLine(main).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter out = new CommandLine(this).getOut();
    for (String m : methods) {
      if (!METHODS.contains(m)) {
        System.err.println("bench explore: unknown method '" + m + "'; accepted: " + String.join(", ", METHODS));
        return 2;
      }
    }
    List<String> ordered = METHODS.stream().filter(methods::contains).toList();
    List<String> peerNames = peers.equals(List.of("none")) ? List.of() : peers;
    for (String p : peerNames) {
      if (!List.of("sklearn", "pynndescent", "umap-js").contains(p)) {
        System.err.println("bench explore: unknown peer '" + p + "'; accepted: sklearn, pynndescent, umap-js, none");
        return 2;
      }
    }
    for (int n : sizes) {
      if (n <= Math.max(3 * k + 1, Math.max(knnK, umapNeighbours) + 1)) {
        System.err.println("bench explore: " + n + " points are too few for k " + k + " and " + knnK
            + " neighbours");
        return 2;
      }
    }
    if (!Files.isDirectory(datasets.resolve("beir/scifact")) || !Files.isDirectory(datasets.resolve("stsb"))) {
      System.err.println("bench explore: no stsb/ and beir/scifact/ under " + datasets.toAbsolutePath()
          + "; pass --datasets");
      return 2;
    }
    String loadBefore = Machine.loadAverage();
    Files.createDirectories(work);
    work = work.toAbsolutePath();

    List<String> texts = ExploreData.texts(datasets);
    List<float[]> real = ExploreData.real(model, texts, work);
    int dims = real.get(0).length;
    List<String> peerEnvironment = peerEnv.isEmpty() ? List.of("OMP_WAIT_POLICY=passive") : peerEnv;
    for (String e : peerEnvironment) {
      if (e.indexOf('=') < 1) {
        System.err.println("bench explore: --peer-env takes NAME=VALUE; got '" + e + "'");
        return 2;
      }
    }
    Peers available = Peers.probe(python, node, nodeHeapMib, peerDir, peerNames);
    List<String> jvmOptions = jvmArgs.isEmpty() ? List.of("-Xmx8g") : jvmArgs;
    ChildJvm jvm = ChildJvm.current(jvmOptions, work.resolve("lib"));

    List<ExploreReport.Row> rows = new ArrayList<>();
    List<String> dataNotes = new ArrayList<>();
    for (int n : sizes) {
      // The points are read back from their file for the quality figures: this JVM holds none while the runs go.
      ExploreData data = ExploreData.derive(real, n, cosine, seed);
      String stem = String.format("%s-%s-n%d-c%s-s%d", model, EmbeddingCache.hash(texts), n, cosine, seed);
      Path points = work.resolve("points-" + stem + ".npy");
      data.write(points);
      dataNotes.add(String.format("%,d points: mean cosine to their source %.4f, %,d distinct sources (%s)", n,
          data.meanCosine(), java.util.Arrays.stream(data.sources()).distinct().count(), points.getFileName()));
      System.err.printf("explore bench: %,d points of %d dimensions in %s (mean cosine to source %.4f)%n", n, dims,
          points, data.meanCosine());
      data = null;
      List<ExploreResult> results = new ArrayList<>();
      Path umapMap = null;
      for (String method : ordered) {
        String outStem = "out-" + method + "-n" + n;
        Path javaOut = work.resolve(outStem + "-embedkit.npy");
        Files.deleteIfExists(javaOut);
        ExploreResult java;
        if (method.equals("hdbscan") && umapMap == null) {
          java = ExploreResult.notRun("embedkit", method, n, ExploreResult.NOT_RUN, "needs the embedkit UMAP row's"
              + " map: run with --methods umap,hdbscan (the UMAP row " + (ordered.contains("umap") ? "failed)"
              : "was not asked for)"), -1);
        } else {
          ExploreSpec spec = new ExploreSpec(method, n, points.toString(), umapMap == null ? null
              : umapMap.toString(), javaOut.toString(), work.resolve(outStem + "-embedkit.json").toString(), seed,
              knnK, umapNeighbours, umapMinDist, umapEpochs, perplexity, tsneIterations, hdbscanMinClusterSize,
              hdbscanMinClusterSize, miningTopK);
          java = runJava(jvm, spec);
        }
        results.add(java);
        if (method.equals("umap") && java.ok()) {
          umapMap = Path.of(java.output());
        }
        Peer peer = available.forMethod(method);
        if (peer != null) {
          results.add(peer.run(method, n, points, work.resolve(outStem + "-" + peer.name() + ".npy"),
              work.resolve(outStem + "-" + peer.name() + ".json"), this));
        }
      }
      System.err.printf("explore bench: quality figures of the %,d-point outputs on %,d query points%n", n,
          Math.min(sample, n));
      rows.addAll(ExploreReport.quality(Npy.readFloats(points), ExploreData.sample(n, sample, seed + 1), results, k,
          knnK));
    }

    ExploreReport.Setup setup = new ExploreReport.Setup(commandLine(), Machine.now(), Machine.cpuModel(),
        Machine.cores(), Machine.memory(), Machine.jdk(), String.join(" ", jvmOptions), available.describe(),
        String.join(" ", peerEnvironment),
        loadBefore, Machine.loadAverage(), texts.size(), model, dims, cosine, seed, dataNotes, sample, k, knnK,
        peerTimeout, javaTimeout);
    String report = ExploreReport.markdown(setup, rows);
    out.print(report);
    out.flush();
    if (markdown != null) {
      Files.createDirectories(markdown.toAbsolutePath().getParent());
      Files.writeString(markdown, report, StandardCharsets.UTF_8);
      System.err.println("report written to " + markdown);
    }
    if (json != null) {
      Map<String, Object> all = new LinkedHashMap<>();
      all.put("setup", setup);
      all.put("rows", rows);
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), all);
      System.err.println("numbers written to " + json);
    }
    return 0;
  }

  private ExploreResult runJava(ChildJvm jvm, ExploreSpec spec) throws IOException, InterruptedException {
    Path specFile = Path.of(spec.result() + ".spec.json");
    Path result = Path.of(spec.result());
    Files.deleteIfExists(result);
    reader().writeValue(specFile.toFile(), spec);
    System.err.printf("explore bench: embedkit %s, %,d points, in its own JVM%n", spec.method(), spec.n());
    Process process = jvm.start(List.of(), ExploreRun.class.getName(), List.of(specFile.toString()));
    Processes.Ending end = Processes.await(process, javaTimeout);
    if (end.timedOut()) {
      return ExploreResult.notRun("embedkit", spec.method(), spec.n(), ExploreResult.TIMED_OUT,
          "did not finish in " + javaTimeout + " s", end.peakRssKib());
    }
    if (end.exit() != 0 || !Files.exists(result)) {
      return ExploreResult.notRun("embedkit", spec.method(), spec.n(), ExploreResult.FAILED,
          "its JVM exited with " + end.exit() + " (its output is above)", -1);
    }
    return reader().readValue(result.toFile(), ExploreResult.class);
  }

  /** The peers' environment: NAME=VALUE pairs. */
  List<String> peerEnvironment() {
    return peerEnv.isEmpty() ? List.of("OMP_WAIT_POLICY=passive") : peerEnv;
  }

  int peerTimeout() {
    return peerTimeout;
  }

  int jobs() {
    return jobs;
  }

  long seed() {
    return seed;
  }

  int knnK() {
    return knnK;
  }

  int umapNeighbours() {
    return umapNeighbours;
  }

  double umapMinDist() {
    return umapMinDist;
  }

  int umapEpochs() {
    return umapEpochs;
  }

  double perplexity() {
    return perplexity;
  }

  int tsneIterations() {
    return tsneIterations;
  }

  static ObjectMapper reader() {
    return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  static JsonNode readTree(Path file) throws IOException {
    return reader().readTree(file.toFile());
  }

  private String commandLine() {
    return "bin/bench explore" + (rawArgs.length == 0 ? "" : " " + String.join(" ", rawArgs));
  }
}
