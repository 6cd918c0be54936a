package dev.embedkit.bench.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.embedkit.bench.ClassPaths;
import dev.embedkit.bench.Corpus;
import dev.embedkit.bench.Machine;
import dev.embedkit.bench.serve.ServeResults.OverloadRun;
import dev.embedkit.bench.serve.ServeResults.Phase;
import dev.embedkit.bench.serve.ServeResults.ServerRun;
import dev.embedkit.bench.serve.ServeResults.Setup;
import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The HTTP server's load benchmark (issue 10): {@code embedkit serve} in its own process on loopback, 64 clients
 * for a minute, one client's single-query latency, the server's memory over the run, and an overload run against a
 * second server with a small admission limit; the same model's in-process bulk throughput, measured in the same
 * run while no server runs, is the bar. A program, not a test: it prints a Markdown report and exits 1 when a
 * target is not met.
 *
 * <pre>
 * bin/bench serve                                  # 64 clients, 60 s, all-minilm-l6-v2
 * bin/bench serve --seconds 10 --warmup 3 --in-process-seconds 10 --overload-seconds 5
 * </pre>
 */
@Command(name = "bench serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Loads `embedkit serve` with concurrent clients and compares it with the library in-process.")
public final class ServeBench implements Callable<Integer> {
  static final String CLI_MAIN = "dev.embedkit.cli.EmbedkitCli";
  private static final int QUERY_COUNT = 200;
  private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration RSS_PERIOD = Duration.ofSeconds(5);

  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--seconds", description = "Measured load time (default: ${DEFAULT-VALUE}).")
  double seconds = 60;

  @Option(names = "--warmup", description = "Untimed warm-up before the load and before each in-process run; its"
      + " errors count (default: ${DEFAULT-VALUE}).")
  double warmup = 10;

  @Option(names = "--clients", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients = 64;

  @Option(names = "--max-texts", description = "Most texts per request; each request has 1 to this many, uniformly"
      + " (default: ${DEFAULT-VALUE}).")
  int maxTexts = 16;

  @Option(names = "--model", description = "Model to serve and load in-process (default: ${DEFAULT-VALUE}).")
  String model = "all-minilm-l6-v2";

  @Option(names = "--encoding", description = "encoding_format of the requests: float or base64"
      + " (default: ${DEFAULT-VALUE}).")
  String encoding = "float";

  @Option(names = "--sentences", description = "Corpus size (default: ${DEFAULT-VALUE}).")
  int sentences = Corpus.DEFAULT_SIZE;

  @Option(names = "--seed", description = "Seed of the corpus, the queries and each client's picks"
      + " (default: ${DEFAULT-VALUE}).")
  long seed = Corpus.DEFAULT_SEED;

  @Option(names = "--min-words", description = "Fewest words per text (default: ${DEFAULT-VALUE}).")
  int minWords = 4;

  @Option(names = "--max-words", description = "Most words per text (default: ${DEFAULT-VALUE}).")
  int maxWords = 24;

  @Option(names = "--query-words", description = "Most words per single query, at least 3 (default: ${DEFAULT-VALUE}).")
  int queryWords = 10;

  @Option(names = "--single-requests", description = "Single-query requests timed, after as many untimed"
      + " (default: ${DEFAULT-VALUE}).")
  int singleRequests = 500;

  @Option(names = "--in-process-seconds", description = "Timed in-process bulk run (default: ${DEFAULT-VALUE}).")
  double inProcessSeconds = 30;

  @Option(names = "--in-process-batch", description = "Texts per in-process embed call (default: ${DEFAULT-VALUE}).")
  int inProcessBatch = 1024;

  @Option(names = "--overload-seconds", description = "Overload run; 0 skips it (default: ${DEFAULT-VALUE}).")
  double overloadSeconds = 10;

  @Option(names = "--overload-clients", description = "Clients of the overload run (default: ${DEFAULT-VALUE}).")
  int overloadClients = 64;

  @Option(names = "--overload-max-concurrent", description = "The overload server's --max-concurrent-requests"
      + " (default: ${DEFAULT-VALUE}).")
  int overloadMaxConcurrent = 4;

  @Option(names = "--rss-growth", description = "Largest allowed RSS growth from after warm-up to the end, percent"
      + " (default: ${DEFAULT-VALUE}).")
  double rssGrowthPercent = ServeTargets.DEFAULT_RSS_GROWTH * 100;

  @Option(names = "--server-arg", paramLabel = "ARG", description = "Extra option for both `embedkit serve`"
      + " commands, e.g. --server-arg=--max-batch-tokens=16384 (repeatable).")
  List<String> serverArgs = new ArrayList<>();

  @Option(names = "--jvm-arg", paramLabel = "ARG", description = "Option for the servers' and the in-process peer's"
      + " JVMs, e.g. --jvm-arg=-Xmx1g (repeatable).")
  List<String> jvmArgs = new ArrayList<>();

  @Option(names = "--server-classpath", paramLabel = "CP", description = "Class path of the embedkit CLI (bin/bench"
      + " passes embedkit-cli's jar and target/classpath.txt; default: those under the current directory).")
  String serverClasspath;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write every number to FILE as JSON.")
  Path json;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the report to FILE.")
  Path markdown;

  private String[] rawArgs = new String[0];

  public static void main(String[] args) {
    ServeBench main = new ServeBench();
    main.rawArgs = args;
    System.exit(new CommandLine(main).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    Encoding chosenEncoding;
    String cliClasspath;
    try {
      chosenEncoding = Encoding.fromString(encoding);
      validate();
      cliClasspath = serverClasspath != null ? serverClasspath : defaultServerClasspath();
    } catch (IllegalArgumentException e) {
      System.err.println("bench serve: " + e.getMessage());
      return 2;
    }
    String loadBefore = Machine.loadAverage();
    Corpus corpus = new Corpus(seed, sentences, minWords, maxWords);
    Corpus queries = new Corpus(seed + 1, QUERY_COUNT, 3, queryWords);
    List<String> texts = new ArrayList<>(corpus.sentences());
    texts.addAll(queries.sentences());
    Path work = Files.createTempDirectory("embedkit-bench-serve");
    try {
      Path textsFile = work.resolve("texts.txt");
      Corpus.write(texts, textsFile);
      Path java = ClassPaths.currentJava();
      String serverCp = ClassPaths.isolate(cliClasspath, work.resolve("lib-server"));
      String benchCp = ClassPaths.isolate(System.getProperty("java.class.path"), work.resolve("lib-bench"));

      System.err.printf("[1/4] in-process peer: %s, %s, %.0f s warm-up then %.0f s in batches of %d%n", model, corpus,
          warmup, inProcessSeconds, inProcessBatch);
      InProcessPeer inProcess = new InProcessPeer(java, benchCp, jvmArgs);
      InProcessPeer.Measured peer = inProcess.run("before", model, textsFile, sentences, work, warmup,
          inProcessSeconds, inProcessBatch, singleRequests, singleRequests);

      HttpClient http = EmbeddingsClient.newHttpClient();
      ResponseCheck check = new ResponseCheck(peer.references(), chosenEncoding);
      List<String> serveArgs = serveArgs(List.of());
      System.err.printf("[2/4] server: %d clients, 1-%d texts per request, %.0f s warm-up then %.0f s; then %d"
          + " single queries%n", clients, maxTexts, warmup, seconds, singleRequests);
      ServerRun serverRun;
      try (ServerProcess server = ServerProcess.start("server", command(java, serverCp, serveArgs), READY_TIMEOUT,
          http, System.err)) {
        serverRun = measure(server, new EmbeddingsClient(http, server.base(), model, chosenEncoding, texts, check));
      }
      System.err.println("[3/4] in-process peer again, now that the server has stopped");
      InProcessResult peerAfter = inProcess.run("after", model, textsFile, sentences, work, warmup, inProcessSeconds,
          inProcessBatch, singleRequests, singleRequests).result();
      OverloadRun overloadRun = null;
      if (overloadSeconds > 0) {
        List<String> limits = List.of("--max-concurrent-requests", Integer.toString(overloadMaxConcurrent));
        System.err.printf("[4/4] overload: a server with %s, %d clients for %.0f s%n", String.join(" ", limits),
            overloadClients, overloadSeconds);
        try (ServerProcess server = ServerProcess.start("overload-server", command(java, serverCp, serveArgs(limits)),
            READY_TIMEOUT, http, System.err)) {
          overloadRun = overload(server, new EmbeddingsClient(http, server.base(), model, chosenEncoding, texts, check),
              limits);
        }
      }

      Setup setup = new Setup(commandLine(), Machine.now(), Machine.cpuModel(), Machine.cores(), Machine.memory(),
          Machine.jdk(), loadBefore, Machine.loadAverage(), model, chosenEncoding.wireName(), corpus.toString(),
          QUERY_COUNT + " sentences of 3-" + queryWords + " words, seed " + (seed + 1) + ", one per request in turn",
          clients, maxTexts, warmup, seconds, displayed(serveArgs), jvmArgs);
      ServeResults results = new ServeResults(setup, peer.result(), peerAfter, serverRun, overloadRun,
          ServeTargets.check(ServeResults.inProcessTextsPerSecond(peer.result(), peerAfter),
              ServeResults.cpuRatio(peer.result(), peerAfter, serverRun.load()), serverRun, overloadRun,
              rssGrowthPercent / 100));
      String report = ServeReport.markdown(results);
      out.print(report);
      out.flush();
      if (markdown != null) {
        Files.writeString(markdown, report, StandardCharsets.UTF_8);
        System.err.println("report written to " + markdown);
      }
      if (json != null) {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), results);
        System.err.println("numbers written to " + json);
      }
      return results.allMet() ? 0 : 1;
    } finally {
      deleteTree(work);
    }
  }

  private ServerRun measure(ServerProcess server, EmbeddingsClient client) throws InterruptedException {
    long rssStart = server.rssKib();
    List<String> listening = ListenAddress.of(server.port());
    System.err.printf("  ready in %.1f s at %s (listening on %s), VmRSS %s%n", server.readySeconds(), server.base(),
        listening, Mib.of(rssStart));
    ClientLoad load = new ClientLoad(client, clients, maxTexts, 0, sentences, seed);
    LoadResult warm = load.run(seconds(warmup), 0, server.handle());
    long rssWarm = server.rssKib();
    progress("warm-up", warm, rssWarm);
    server.log().clearAccess();
    RssSampler sampler = RssSampler.start(server.handle().pid(), RSS_PERIOD);
    LoadResult measured;
    try {
      measured = load.run(seconds(seconds), 1, server.handle());
    } finally {
      sampler.close();
    }
    List<Long> rssDuringLoad = sampler.stop();
    long rssLoad = server.rssKib();
    Latencies serverSideLoad = server.log().drainAccess(Outcome.OK);
    progress("load", measured, rssLoad);
    LoadResult single = new SingleQueries(client, sentences, QUERY_COUNT).run(singleRequests, singleRequests,
        server.handle(), server.log()::clearAccess);
    long rssEnd = server.rssKib();
    Latencies serverSideSingle = server.log().drainAccess(Outcome.OK);
    long peak = server.peakRssKib();
    progress("single queries", single, rssEnd);
    ServerProcess.Stop stop = server.stop(STOP_TIMEOUT);
    return new ServerRun(server.readySeconds(), listening, ListenAddress.loopbackOnly(listening), rssStart, rssWarm,
        rssLoad, rssEnd, peak, rssDuringLoad, Phase.of(warm), Phase.of(measured), Phase.of(single),
        serverSideLoad.summary(), serverSideSingle.summary(), stop.exitCode(), stop.seconds(),
        server.log().problemCount(), server.log().problems());
  }

  private OverloadRun overload(ServerProcess server, EmbeddingsClient client, List<String> limits)
      throws InterruptedException {
    server.log().clearAccess();
    LoadResult hammer = new ClientLoad(client, overloadClients, maxTexts, 0, sentences, seed)
        .run(seconds(overloadSeconds), 2, server.handle());
    progress("overload", hammer, server.rssKib());
    Latencies serverSideRejected = server.log().drainAccess(Outcome.TOO_MANY_REQUESTS);
    Latencies serverSideOk = server.log().drainAccess(Outcome.OK);
    int health = server.health();
    boolean recovered = client.embed(new int[] {0, 1, 2}).ok();
    long rss = server.rssKib();
    ServerProcess.Stop stop = server.stop(STOP_TIMEOUT);
    return new OverloadRun(limits, Phase.of(hammer), serverSideRejected.summary(), serverSideOk.summary(), health,
        recovered, rss, stop.exitCode(), server.log().problemCount(), server.log().problems());
  }

  private static void progress(String name, LoadResult run, long rssKib) {
    Latencies.Summary ok = run.tally().okLatencies().summary();
    System.err.printf("  %s: %d requests in %.1f s, %.1f texts/s, statuses {%s}, p50 %.2f ms, p99 %.2f ms,"
            + " client %.1f CPU-s, server %.1f CPU-s, VmRSS %s%n", name, run.tally().requests(), run.seconds(),
        run.textsPerSecond(), ServeReport.statuses(run.tally().statuses()), ok.p50Ms(), ok.p99Ms(),
        run.clientCpuSeconds(), run.serverCpuSeconds(), Mib.of(rssKib));
  }

  private List<String> serveArgs(List<String> limits) {
    List<String> args = new ArrayList<>(List.of("serve", "--port", "0", "--model", model));
    args.addAll(limits);
    args.addAll(serverArgs);
    return args;
  }

  /** The server's JVM as bin/embedkit starts it (no Vector API module: the launcher adds it for eval only). */
  private List<String> command(Path java, String classPath, List<String> serveArgs) {
    List<String> command = new ArrayList<>(List.of(java.toString(), "--enable-native-access=ALL-UNNAMED",
        "-Dembedkit.stderr.terminal=false"));
    command.addAll(jvmArgs);
    command.addAll(List.of("-cp", classPath, CLI_MAIN));
    command.addAll(serveArgs);
    return command;
  }

  private static List<String> displayed(List<String> serveArgs) {
    List<String> shown = new ArrayList<>(List.of("embedkit"));
    shown.addAll(serveArgs);
    return shown;
  }

  private void validate() {
    if (seconds <= 0 || warmup < 0 || clients <= 0 || maxTexts <= 0 || singleRequests <= 0 || inProcessSeconds <= 0
        || inProcessBatch <= 0 || overloadSeconds < 0 || overloadClients <= 0 || overloadMaxConcurrent <= 0
        || queryWords < 3) {
      throw new IllegalArgumentException("--seconds, --clients, --max-texts, --single-requests, --in-process-seconds,"
          + " --in-process-batch, --overload-clients and --overload-max-concurrent must be positive, --warmup and"
          + " --overload-seconds not negative, --query-words at least 3");
    }
    new Corpus(seed, sentences, minWords, maxWords);
  }

  private static String defaultServerClasspath() throws IOException {
    Path target = Path.of("embedkit-cli", "target");
    Path classpath = target.resolve("classpath.txt");
    if (!Files.isRegularFile(classpath)) {
      throw new IllegalArgumentException("no " + classpath.toAbsolutePath() + ": build embedkit-cli, or pass"
          + " --server-classpath");
    }
    try (Stream<Path> files = Files.list(target)) {
      Path jar = files.filter(p -> p.getFileName().toString().matches("embedkit-cli-.*(?<!-sources|-javadoc)\\.jar"))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("no embedkit-cli jar in "
              + target.toAbsolutePath() + ": build embedkit-cli, or pass --server-classpath"));
      return jar.toAbsolutePath() + File.pathSeparator + Files.readString(classpath).strip();
    }
  }

  private String commandLine() {
    StringBuilder sb = new StringBuilder("bin/bench serve");
    for (int i = 0; i < rawArgs.length; i++) {
      if (rawArgs[i].equals("--server-classpath")) {
        i++; // the launcher's class path: long, and the same for everyone
      } else if (!rawArgs[i].startsWith("--server-classpath=")) {
        sb.append(' ').append(rawArgs[i]);
      }
    }
    return sb.toString();
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis((long) (s * 1000));
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
