package dev.embedkit.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The throughput and memory benchmark: embeds a fixed generated corpus with each target in its own JVM and prints a
 * Markdown report (sentences/s, peak resident memory, agreement of the vectors, the targets).
 *
 * <pre>
 * bin/bench                                            # all four targets, 2000 sentences, 3 passes each
 * bin/bench --targets embedkit-fp32,peer-fp32 --sweep embedkit.maxBatchSize=4,8,16,32
 * bin/bench --jvm-arg=-Dembedkit.workers=1 --jvm-arg=-Dembedkit.intraOpThreads=2 --markdown run.md
 * </pre>
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Measures sentences/s and peak memory of embedkit and LangChain4j (the peer) on a fixed corpus.")
public final class BenchMain implements Callable<Integer> {
  @Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--targets", split = ",", paramLabel = "T",
      description = "Targets to run, in order (default: peer-fp32, peer-int8, embedkit-fp32, embedkit-int8).")
  List<String> targets = List.of("peer-fp32", "peer-int8", "embedkit-fp32", "embedkit-int8");

  @Option(names = "--sentences", description = "Corpus size (default: ${DEFAULT-VALUE}).")
  int sentences = Corpus.DEFAULT_SIZE;

  @Option(names = "--seed", description = "Corpus seed (default: ${DEFAULT-VALUE}).")
  long seed = Corpus.DEFAULT_SEED;

  @Option(names = "--min-words", description = "Fewest words per sentence (default: ${DEFAULT-VALUE}).")
  int minWords = Corpus.DEFAULT_MIN_WORDS;

  @Option(names = "--max-words", description = "Most words per sentence (default: ${DEFAULT-VALUE}).")
  int maxWords = Corpus.DEFAULT_MAX_WORDS;

  @Option(names = "--corpus-file", paramLabel = "FILE", description = "Embed FILE's non-blank lines (up to"
      + " --sentences of them) instead of the generated corpus, e.g. to check agreement on natural text.")
  Path corpusFile;

  @Option(names = "--warmup", description = "Sentences embedded before timing (default: ${DEFAULT-VALUE}).")
  int warmup = 300;

  @Option(names = "--repeats", description = "Timed passes over the corpus per JVM (default: ${DEFAULT-VALUE}).")
  int repeats = 3;

  @Option(names = "--rounds", description = "Times to run the whole target list, interleaved, to spread changes in"
      + " machine load over all targets; passes of all rounds are pooled (default: ${DEFAULT-VALUE}).")
  int rounds = 1;

  @Option(names = "--single-checks", description = "Sentences re-embedded alone to check batch invariance"
      + " (default: ${DEFAULT-VALUE}).")
  int singleChecks = 64;

  @Option(names = "--jvm-arg", paramLabel = "ARG", description = "Option for every child JVM, e.g."
      + " --jvm-arg=-Dembedkit.maxBatchSize=8 or --jvm-arg=-Xmx1g (repeatable). The peer ignores embedkit.* properties.")
  List<String> jvmArgs = new ArrayList<>();

  @Option(names = "--sweep", paramLabel = "PROP=V1,V2", description = "Runs each embedkit target once per value of a"
      + " system property, e.g. embedkit.maxBatchSize=4,8,16,32.")
  String sweep;

  @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the report to FILE (Markdown).")
  Path markdown;

  @Option(names = "--keep", description = "Keep the temporary folder with the corpus and each run's vectors.")
  boolean keep;

  private String[] rawArgs = new String[0];

  public static void main(String[] args) {
    BenchMain main = new BenchMain();
    main.rawArgs = args;
    System.exit(new CommandLine(main).execute(args));
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Target> chosen;
    List<RunSpec> specs;
    Corpus corpus;
    try {
      chosen = targets.stream().map(Target::fromString).toList();
      specs = RunSpec.expand(chosen, sweep);
      corpus = new Corpus(seed, sentences, minWords, maxWords);
      if (repeats <= 0 || rounds <= 0 || warmup < 0 || singleChecks < 0) {
        throw new IllegalArgumentException("--repeats and --rounds must be positive, --warmup and --single-checks"
            + " not negative; repeats=" + repeats + " rounds=" + rounds);
      }
    } catch (IllegalArgumentException e) {
      err.println("bench: " + e.getMessage());
      return 2;
    }

    String loadBefore = Machine.loadAverage();
    Path work = Files.createTempDirectory("embedkit-bench");
    ChildJvm jvm = ChildJvm.current(jvmArgs, work.resolve("lib"));
    // Load the core classes the report needs now, before anyone can reinstall the core jar under this JVM.
    Agreement.between(List.of(new float[] {1f}), List.of(new float[] {1f}));
    try {
      Path corpusPath = work.resolve("corpus.txt");
      List<String> sentenceList = corpusFile == null ? corpus.sentences() : fileSentences();
      String corpusName = corpusFile == null ? corpus.toString() : sentenceList.size() + " lines of " + corpusFile;
      Corpus.write(sentenceList, corpusPath);
      err.printf("corpus: %s; %d run(s) x %d round(s), %d timed passes each; load average %s%n", corpusName,
          specs.size(), rounds, repeats, loadBefore);
      List<Report.Row> all = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        for (int i = 0; i < specs.size(); i++) {
          RunSpec run = specs.get(i);
          err.printf("[%d/%d] %s%s%n", (round - 1) * specs.size() + i + 1, rounds * specs.size(), run.label(),
              rounds > 1 ? " (round " + round + ")" : "");
          Path vectors = work.resolve("vectors-" + i + ".bin");
          RunResult result = jvm.run(run, corpusPath, vectors, work.resolve("result-" + i + ".properties"), warmup,
              repeats, singleChecks);
          all.add(new Report.Row(run, result, VectorFile.read(vectors)));
        }
      }
      String report = render(corpusName, new Report(Report.mergeRounds(all)), loadBefore, Machine.loadAverage(), jvm);
      out.print(report);
      out.flush();
      if (markdown != null) {
        Files.writeString(markdown, report, StandardCharsets.UTF_8);
        err.println("report written to " + markdown);
      }
      return 0;
    } finally {
      if (keep) {
        err.println("kept " + work);
      } else {
        deleteTree(work);
      }
    }
  }

  private String render(String corpusName, Report report, String loadBefore, String loadAfter, ChildJvm jvm) {
    StringBuilder sb = new StringBuilder();
    sb.append("### Run of ").append(Machine.now()).append("\n\n");
    sb.append("- command: `bin/bench");
    Arrays.stream(rawArgs).forEach(a -> sb.append(' ').append(a));
    sb.append("`\n");
    sb.append("- machine: ").append(Machine.cpuModel()).append(", ").append(Machine.cores()).append(" cores, ")
        .append(Machine.memory()).append('\n');
    sb.append("- JDK: ").append(Machine.jdk()).append('\n');
    sb.append("- ONNX Runtime: ").append(Machine.onnxRuntime(jvm.classPath())).append(" (embedkit and the peer)\n");
    sb.append("- corpus: ").append(corpusName).append(report.tokenStats().map(s -> "; " + s).orElse("")).append('\n');
    sb.append("- method: each run in its own JVM; ").append(warmup).append(" sentences of warm-up, then ")
        .append(repeats).append(" timed passes over the corpus").append(rounds > 1 ? " x " + rounds + " rounds" : "")
        .append("; peak RSS is the child's VmHWM\n");
    sb.append("- load average (1/5/15 min): ").append(loadBefore).append(" before, ").append(loadAfter)
        .append(" after\n\n");
    sb.append(report.table()).append('\n');
    sb.append("Settings:\n\n").append(report.settings()).append('\n');
    sb.append("Targets (issue #2), fastest row of each target:\n\n").append(report.targets());
    return sb.toString();
  }

  private List<String> fileSentences() throws IOException {
    List<String> lines = Files.readAllLines(corpusFile, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
        .toList();
    return lines.subList(0, Math.min(sentences, lines.size()));
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
