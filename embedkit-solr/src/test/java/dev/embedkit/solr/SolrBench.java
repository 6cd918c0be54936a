package dev.embedkit.solr;

import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Document;
import dev.embedkit.store.HnswSettings;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.vector.Metric;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.common.SolrDocument;

/**
 * {@code bin/bench solr}: embedkit's embedded {@link LuceneCollection} against SolrCloud through
 * {@link SolrCollection}, on the store benchmark's vectors, queries and exact top-k (written by embedkit-bench's
 * {@code SolrBenchData}, read here from the work folder). A program, not a test (no *Test name: {@code mvn verify}
 * never runs it; SolrBenchTest runs it small); it lives in embedkit-solr's test sources because the cluster needs
 * Solr's test framework (Jetty 10), which embedkit-bench must not meet.
 *
 * <p>Both engines get the same settings (external vectors, cosine, m 16, beam width 100) and one client thread. The
 * embedded collection is measured first, in this JVM, with no cluster running. The SolrCloud runs in a child JVM
 * ({@link SolrBenchCluster}), so its nodes' heap and GC are not the client's; the client ({@code SolrCollection} on
 * SolrJ) runs here. Solr is measured three ways: through {@code SolrCollection} (which sends {@code {!knn topK=ef}}
 * to every shard and reads the page's rows with Solr's cosine scores, sorted by score), and by plain
 * {@code {!knn}} queries asking for the document ids only, with that topK and with topK = k.
 */
public final class SolrBench {
  private static final Pattern SOLR_JAR = Pattern.compile("solr-core-([0-9][^/:]*?)\\.jar");

  private int queries = 300;
  private int k = 10;
  private int shards = 2;
  private int replicas = 1;
  private int nodes = 2;
  private int ef = SearchRequest.DEFAULT_EF_SEARCH;
  private int warmup = 1000;
  private int repeats = 3;
  private String clusterHeap = "-Xmx2g";
  private Path work;
  private Path markdown;
  private Properties data;

  /** One way of querying, timed: recall over the queries, latency percentiles and QPS over every timed query. */
  record Row(String engine, String query, String ingest, double recall, double p50, double p95, double p99,
      double qps) {}

  static final String USAGE = """
      Usage: bin/bench solr [options]
      The embedded LuceneCollection against SolrCloud (SolrCollection and plain {!knn}) on the store bench's vectors:
      ingest, recall@k against exact search, single-thread latency p50/p95/p99 and QPS. Options (default):
        --vectors N        vectors indexed (100000)
        --queries N        SciFact claims as query vectors, at most 1,109 (300)
        --k N              neighbours per query, recall@k (10)
        --shards N         Solr shards (2)
        --replicas N       replicas per shard (1)
        --nodes N          Solr nodes, all in one child JVM (2)
        --ef N             efSearch of both engines; SolrCollection's {!knn} topK per shard; at least k (200)
        --warmup N         warm-up queries before each timed series (1000)
        --repeats N        timed passes over the queries (3)
        --cluster-heap S   the cluster JVM's -Xmx (2g)
        --work DIR         data files, shared with bin/bench store (embedkit-bench/target/store-bench)
        --datasets DIR     stsb/ and beir/scifact/ (../shared/datasets)
        --markdown FILE    where the report goes (solr-bench-nN-qQ.md in the work folder)""";

  /**
   * Runs the benchmark; with {@code --validate} first, only checks the options (exit 0, or 2 with one line) or, for
   * {@code --help}, prints the usage (exit 3), so that bin/bench stops before writing any data.
   */
  public static void main(String[] args) throws Exception {
    Locale.setDefault(Locale.ROOT);
    boolean validate = args.length > 0 && args[0].equals("--validate");
    if (validate) {
      args = Arrays.copyOfRange(args, 1, args.length);
    }
    if (Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h")) {
      System.out.println(USAGE);
      System.exit(validate ? 3 : 0);
    }
    try {
      SolrBench bench = parse(args);
      if (validate) {
        System.exit(0);
      }
      String report = bench.report(String.join(" ", args), bench.run());
      System.out.println(report);
      System.err.println("bench solr: written to " + bench.write(report).toAbsolutePath());
    } catch (IllegalArgumentException e) {
      System.err.println("bench solr: " + e.getMessage());
      System.exit(2);
    }
    System.exit(0);
  }

  /** The options; a bad one throws IllegalArgumentException with a one-line message. */
  static SolrBench parse(String... args) {
    SolrBench bench = new SolrBench();
    String root = System.getProperty("embedkit.bench.root", ".");
    bench.work = Path.of(root, "embedkit-bench", "target", "store-bench");
    bench.read(args);
    return bench;
  }

  private void read(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (arg) {
        case "--vectors" -> number(arg, value, 1); // SolrBenchData's, checked here before any data is written
        case "--datasets" -> need(arg, value); // SolrBenchData's
        case "--queries" -> queries = number(arg, value, 1);
        case "--k" -> k = number(arg, value, 1);
        case "--shards" -> shards = number(arg, value, 1);
        case "--replicas" -> replicas = number(arg, value, 1);
        case "--nodes" -> nodes = number(arg, value, 1);
        case "--ef" -> ef = number(arg, value, 1);
        case "--warmup" -> warmup = number(arg, value, 0);
        case "--repeats" -> repeats = number(arg, value, 1);
        case "--cluster-heap" -> clusterHeap = "-Xmx" + need(arg, value);
        case "--work" -> work = Path.of(need(arg, value));
        case "--markdown" -> markdown = Path.of(need(arg, value));
        default -> fail("unknown option '" + arg + "'; accepted: --vectors, --queries, --k, --shards, --replicas,"
            + " --nodes, --ef, --warmup, --repeats, --cluster-heap, --work, --datasets, --markdown (--help)");
      }
      i++;
    }
    if (ef < k) {
      fail("--ef is " + ef + "; accepted: at least --k (" + k + ")");
    }
  }

  /** Measures both engines on the data files in the work folder. */
  List<Row> run() throws Exception {
    data = new Properties();
    if (!Files.exists(work.resolve("solr-bench-data.properties"))) {
      fail("no solr-bench-data.properties in " + work + "; bin/bench solr writes it (embedkit-bench's SolrBenchData)");
    }
    try (Reader reader = Files.newBufferedReader(work.resolve("solr-bench-data.properties"))) {
      data.load(reader);
    }
    List<float[]> vectors = BenchFiles.readVectors(Path.of(data.getProperty("vectors")));
    List<float[]> queryVectors = BenchFiles.readVectors(Path.of(data.getProperty("queries")));
    int[][] truth = BenchFiles.readInts(Path.of(data.getProperty("truth")));
    if (queryVectors.size() != queries || truth.length != queries || truth[0].length != k) {
      fail("the data files in " + work + " are not for --queries " + queries + " --k " + k);
    }
    int dims = vectors.get(0).length;
    CollectionConfig config = CollectionConfig.external("bench", dims, Metric.COSINE)
        .withHnsw(new HnswSettings(16, 100));
    List<Row> rows = new ArrayList<>();

    Path local = work.resolve("solr-bench-embedded");
    delete(local);
    System.err.printf("bench solr: embedded LuceneCollection, %,d vectors%n", vectors.size());
    try (Collection collection = LuceneCollection.create(local, config, null)) {
      String ingest = ingest(collection, vectors);
      rows.add(time("embedkit LuceneCollection (embedded)", "search, efSearch " + ef, ingest, queryVectors, truth,
          q -> ids(collection.search(request(queryVectors.get(q))))));
    } finally {
      delete(local);
    }

    System.err.printf("bench solr: starting SolrCloud (nodes: %d) in a child JVM%n", nodes);
    Process cluster = startCluster();
    try {
      String zk = awaitZk(cluster);
      Map<String, String> location = new LinkedHashMap<>();
      location.put("zk", zk);
      location.put("shards", Integer.toString(shards));
      location.put("replicas", Integer.toString(replicas));
      try (SolrCollection collection = (SolrCollection) new SolrBackend().create(config, location, null)) {
        System.err.printf("bench solr: SolrCollection, shards x replicas: %d x %d, %,d vectors%n", shards, replicas,
            vectors.size());
        String ingest = ingest(collection, vectors);
        if (collection.count() != vectors.size()) {
          throw new IllegalStateException("Solr holds " + collection.count() + " documents after ingesting "
              + vectors.size());
        }
        String solr = "SolrCloud via SolrCollection";
        rows.add(time(solr, "SolrCollection.search, efSearch " + ef + ": {!knn topK=" + ef + "} per shard, rows " + k
            + " with Solr's cosine scores, sorted by score then id", ingest, queryVectors, truth,
            q -> ids(collection.search(request(queryVectors.get(q))))));
        rows.add(time(solr, "plain {!knn topK=" + ef + "} per shard, rows " + k + ", ids only", "", queryVectors,
            truth, q -> knn(collection, queryVectors.get(q), ef)));
        if (ef != k) {
          rows.add(time(solr, "plain {!knn topK=" + k + "} per shard, rows " + k + ", ids only", "", queryVectors,
              truth, q -> knn(collection, queryVectors.get(q), k)));
        }
      }
    } finally {
      cluster.getOutputStream().close(); // the child holds its cluster until its input closes
      if (!cluster.waitFor(60, TimeUnit.SECONDS)) {
        cluster.destroyForcibly();
      }
    }
    return rows;
  }

  /** Writes the report to --markdown, or to solr-bench-nN-qQ.md in the work folder. */
  Path write(String report) throws IOException {
    Path file = markdown != null ? markdown : work.resolve(String.format(Locale.ROOT, "solr-bench-n%s-q%d.md",
        data.getProperty("count"), queries));
    Files.writeString(file, report + "\n");
    return file;
  }

  private SearchRequest request(float[] vector) {
    return SearchRequest.of(Query.vector(vector)).withTopK(k).withEfSearch(ef).withFields(Set.of());
  }

  /** Feeds every vector through {@link Collection#ingest} (ids are positions); returns vectors per second. */
  private static String ingest(Collection collection, List<float[]> vectors) {
    Iterator<float[]> source = vectors.iterator();
    Iterator<Document> documents = new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return source.hasNext();
      }

      @Override
      public Document next() {
        return new Document(Integer.toString(next++), null, Map.of(), source.next(), null);
      }
    };
    long t0 = System.nanoTime();
    collection.ingest(documents, null);
    double seconds = (System.nanoTime() - t0) / 1e9;
    System.err.printf("bench solr: ingested in %.1f s%n", seconds);
    return String.format(Locale.ROOT, "%,.0f (%.1f s)", vectors.size() / seconds, seconds);
  }

  /** A {@code {!knn}} query as SolrCollection builds it, asking for document ids only. */
  private int[] knn(SolrCollection collection, float[] vector, int topK) {
    StringBuilder text = new StringBuilder(vector.length * 12);
    text.append("{!knn f=").append(SolrFields.VECTOR).append(" topK=").append(topK).append("}[");
    for (int i = 0; i < vector.length; i++) {
      text.append(i == 0 ? "" : ",").append(vector[i]);
    }
    text.append(']');
    SolrQuery query = new SolrQuery(text.toString()).setRows(k).setFields(SolrFields.DOC_ID);
    List<SolrDocument> found = collection.query("kNN query failed", query).getResults();
    int[] ids = new int[found.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Integer.parseInt((String) found.get(i).getFirstValue(SolrFields.DOC_ID));
    }
    return ids;
  }

  private static int[] ids(List<SearchHit> hits) {
    return hits.stream().mapToInt(h -> Integer.parseInt(h.id())).toArray();
  }

  /**
   * Warms up with {@code warmup} queries (cycling through them), then runs every query {@code repeats} times on this
   * thread, back to back: recall from the first pass, latency and QPS from all.
   */
  private Row time(String engine, String how, String ingest, List<float[]> queryVectors, int[][] truth,
      IntFunction<int[]> search) {
    System.err.printf("bench solr: %s: %s%n", engine, how);
    for (int i = 0; i < warmup; i++) {
      search.apply(i % queryVectors.size());
    }
    double recall = 0;
    long[] nanos = new long[queryVectors.size() * repeats];
    long begin = System.nanoTime();
    for (int r = 0; r < repeats; r++) {
      for (int q = 0; q < queryVectors.size(); q++) {
        long t0 = System.nanoTime();
        int[] found = search.apply(q);
        nanos[r * queryVectors.size() + q] = System.nanoTime() - t0;
        if (r == 0) {
          recall += recall(found, truth[q]);
        }
      }
    }
    double wall = (System.nanoTime() - begin) / 1e9;
    Arrays.sort(nanos);
    return new Row(engine, how, ingest, recall / queryVectors.size(), percentile(nanos, 50), percentile(nanos, 95),
        percentile(nanos, 99), nanos.length / wall);
  }

  /** The share of the exact top k found among the first k ids, in any order. */
  static double recall(int[] found, int[] truth) {
    int hits = 0;
    for (int t : truth) {
      for (int j = 0; j < truth.length && j < found.length; j++) {
        if (found[j] == t) {
          hits++;
          break;
        }
      }
    }
    return (double) hits / truth.length;
  }

  /** Nearest-rank percentile of sorted nanoseconds, in milliseconds. */
  static double percentile(long[] sortedNanos, double p) {
    int rank = (int) Math.ceil(p / 100 * sortedNanos.length);
    return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
  }

  private Process startCluster() throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path logs = work.resolve("solr-bench-logs");
    Files.createDirectories(logs);
    List<String> command = List.of(java.toString(), clusterHeap, "-Dsolr.log.dir=" + logs.toAbsolutePath(),
        "-Dlog4j2.configurationFile=log4j2-test.xml", "-cp", System.getProperty("java.class.path"),
        SolrBenchCluster.class.getName(), Integer.toString(nodes));
    return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
  }

  private static String awaitZk(Process cluster) throws IOException {
    BufferedReader out = new BufferedReader(new InputStreamReader(cluster.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("zk=")) {
        return line.substring(3);
      }
    }
    throw new IllegalStateException("the SolrCloud JVM ended before it was up (its output is above)");
  }

  String report(String command, List<Row> rows) {
    StringBuilder out = new StringBuilder();
    String solrVersion = version(System.getProperty("java.class.path"));
    out.append(String.format(Locale.ROOT, "### SolrCloud vs the embedded store: %,d vectors, %d queries, recall@%d%n%n",
        Integer.parseInt(data.getProperty("count")), queries, k));
    out.append("- Command: `bin/bench solr ").append(command).append("`\n");
    out.append("- Date: ").append(ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")))
        .append("\n");
    out.append("- Machine: ").append(data.getProperty("cpu")).append(", ").append(data.getProperty("cores"))
        .append(" cores, ").append(data.getProperty("memory")).append("; JDK ")
        .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
        .append("\n");
    out.append("- Data: ").append(data.getProperty("description")).append(". Queries: the first ").append(queries)
        .append(" SciFact claims (real embeddings, not in the index). Truth: exact top-").append(k)
        .append(" by cosine (brute force).\n");
    out.append("- Both engines: external vectors, cosine, HNSW m 16, beam width 100, no force-merge; one client"
        + " thread; ").append(warmup).append(" warm-up queries, then every query ").append(repeats)
        .append(" times (recall from the first pass).\n");
    out.append(String.format(Locale.ROOT, "- Embedded: LuceneCollection in the bench JVM, measured before the cluster"
        + " starts. SolrCloud: Solr %s, %d nodes and ZooKeeper in one child JVM (%s, MiniSolrCloudCluster on"
        + " 127.0.0.1), collection of shards x replicas: %d x %d; client: SolrCollection (SolrJ) in the bench JVM."
        + " SolrCollection asks every shard for efSearch (%d) candidates and reads the top k rows with Solr's cosine"
        + " scores (no vectors); the plain rows send {!knn} directly and fetch ids only.%n%n", solrVersion, nodes, clusterHeap, shards,
        replicas, ef));
    out.append("| engine | query | ingest (vectors/s) | recall@").append(k)
        .append(" | p50 ms | p95 ms | p99 ms | QPS |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (Row row : rows) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.3f | %.2f | %.2f | %.2f | %.0f |%n", row.engine(),
          row.query(), row.ingest(), row.recall(), row.p50(), row.p95(), row.p99(), row.qps()));
    }
    return out.toString().stripTrailing();
  }

  private static String version(String classPath) {
    Matcher m = SOLR_JAR.matcher(classPath);
    return m.find() ? m.group(1) : "(unknown version)";
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static int number(String option, String value, int min) {
    try {
      int n = Integer.parseInt(need(option, value));
      if (n < min) {
        fail(option + " is " + n + "; accepted: " + min + " or more");
      }
      return n;
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
    throw new IllegalArgumentException(message);
  }
}
