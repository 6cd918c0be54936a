package dev.embedkit.bench.serve;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.bench.Corpus;
import dev.embedkit.bench.ProcStatus;
import dev.embedkit.bench.VectorFile;
import dev.embedkit.pipeline.TextEmbeddingModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The in-process peer, the child JVM's main: loads the model with the library, embeds every text once (the
 * reference vectors the server's answers are checked against), then embeds the corpus in large batches for a fixed
 * time (bulk texts/s) and the queries one per call (single-text latency without HTTP).
 *
 * <p>Arguments: model textsFile corpusSize vectorsFile resultFile warmupSeconds seconds batch singleWarmup singles.
 * The texts file holds the corpus, then the queries.
 */
public final class InProcessRun {
  private InProcessRun() {}

  public static void main(String[] args) {
    if (args.length != 10) {
      System.err.println("usage: InProcessRun model textsFile corpusSize vectorsFile resultFile warmupSeconds seconds"
          + " batch singleWarmup singles");
      System.exit(2);
    }
    List<String> texts = Corpus.read(Path.of(args[1]));
    int corpusSize = Integer.parseInt(args[2]);
    List<String> corpus = texts.subList(0, corpusSize);
    List<String> queries = texts.subList(corpusSize, texts.size());
    double warmupSeconds = Double.parseDouble(args[5]);
    double seconds = Double.parseDouble(args[6]);
    int batch = Integer.parseInt(args[7]);
    int singleWarmup = Integer.parseInt(args[8]);
    int singles = Integer.parseInt(args[9]);

    long start = System.nanoTime();
    try (EmbeddingModel model = Embedkit.load(args[0])) {
      long loadMillis = (System.nanoTime() - start) / 1_000_000;
      List<float[]> references = new ArrayList<>(texts.size());
      for (int from = 0; from < texts.size(); from += batch) {
        references.addAll(model.embed(texts.subList(from, Math.min(texts.size(), from + batch))).vectors());
      }
      VectorFile.write(references, Path.of(args[3]));

      int[] cursor = {0};
      bulk(model, corpus, batch, warmupSeconds, cursor);
      long cpu0 = Cpu.nanos(ProcessHandle.current());
      long t0 = System.nanoTime();
      long embedded = bulk(model, corpus, batch, seconds, cursor);
      double elapsed = (System.nanoTime() - t0) / 1e9;
      double cpuSeconds = (Cpu.nanos(ProcessHandle.current()) - cpu0) / 1e9;
      System.err.printf("  in-process: %d texts in %.1f s, %.1f texts/s, %.1f CPU-s%n", embedded, elapsed,
          embedded / elapsed, cpuSeconds);

      long[] nanos = new long[singles];
      for (int i = 0; i < singleWarmup + singles; i++) {
        String query = queries.get(i % queries.size());
        long q0 = System.nanoTime();
        model.embed(List.of(query));
        if (i >= singleWarmup) {
          nanos[i - singleWarmup] = System.nanoTime() - q0;
        }
      }
      String settings = model instanceof TextEmbeddingModel text ? text.plan().toString() : "plan unknown";
      new InProcessResult(model.info().weights() + " weights, " + settings, loadMillis, elapsed, embedded,
          cpuSeconds, Latencies.of(nanos).summary(), ProcStatus.peakRssKib(),
          TokenStats.of(model.countTokens(corpus)), TokenStats.of(model.countTokens(queries)))
          .write(Path.of(args[4]));
    }
    System.exit(0);
  }

  /** Embeds batches of the corpus, in turn from {@code cursor[0]}, until {@code seconds} passed; texts embedded. */
  private static long bulk(EmbeddingModel model, List<String> corpus, int batch, double seconds, int[] cursor) {
    long end = System.nanoTime() + (long) (seconds * 1e9);
    long embedded = 0;
    while (System.nanoTime() - end < 0) {
      List<String> texts = new ArrayList<>(batch);
      for (int i = 0; i < batch; i++) {
        texts.add(corpus.get(cursor[0]));
        cursor[0] = (cursor[0] + 1) % corpus.size();
      }
      embedded += model.embed(texts).embeddings().size();
    }
    return embedded;
  }
}
