package dev.embedkit.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/bench solr}'s Solr half, small: 600 seeded random unit vectors, 20 queries and their exact top-10
 * (brute force, computed here), through the embedded collection and a real SolrCloud (a child JVM; one node, the
 * quickest to start, holding 2 shards). It checks that every way of querying is measured and that the numbers are
 * sane, not what they are.
 */
class SolrBenchTest {
  private static final int DIMS = 32;
  private static final int VECTORS = 600;
  private static final int QUERIES = 20;
  private static final int K = 10;

  @Test
  void measuresTheEmbeddedCollectionAndSolrOnTheSameVectors(@TempDir Path work) throws Exception {
    Random random = new Random(15);
    List<float[]> vectors = unitVectors(random, VECTORS);
    List<float[]> queries = unitVectors(random, QUERIES);
    int[][] truth = queries.stream().map(q -> exactTopK(q, vectors)).toArray(int[][]::new);
    BenchFiles.writeVectors(work.resolve("vectors.fvecs"), vectors);
    BenchFiles.writeVectors(work.resolve("queries.fvecs"), queries);
    BenchFiles.writeInts(work.resolve("truth.ivecs"), truth);
    Properties data = new Properties();
    data.setProperty("vectors", work.resolve("vectors.fvecs").toString());
    data.setProperty("queries", work.resolve("queries.fvecs").toString());
    data.setProperty("truth", work.resolve("truth.ivecs").toString());
    data.setProperty("dims", Integer.toString(DIMS));
    data.setProperty("count", Integer.toString(VECTORS));
    data.setProperty("description", "random unit vectors");
    data.setProperty("cpu", "test");
    data.setProperty("cores", "2");
    data.setProperty("memory", "test");
    try (Writer writer = Files.newBufferedWriter(work.resolve("solr-bench-data.properties"))) {
      data.store(writer, null);
    }

    SolrBench bench = SolrBench.parse("--queries", "20", "--warmup", "5", "--repeats", "1", "--ef", "50",
        "--nodes", "1", "--work", work.toString(), "--cluster-heap", "512m");
    List<SolrBench.Row> rows = bench.run();

    assertEquals(List.of("embedkit LuceneCollection (embedded)", "SolrCloud via SolrCollection",
        "SolrCloud via SolrCollection", "SolrCloud via SolrCollection"), rows.stream().map(SolrBench.Row::engine)
        .toList());
    for (SolrBench.Row row : rows) {
      assertTrue(row.recall() >= 0 && row.recall() <= 1, row.toString());
      assertTrue(row.p50() > 0 && row.p50() <= row.p95() && row.p95() <= row.p99(), row.toString());
      assertTrue(row.qps() > 0, row.toString());
    }
    // 50 candidates of 600 vectors, rescored exactly: both engines find nearly all of the true top 10
    assertTrue(rows.get(0).recall() >= 0.9, rows.get(0).toString());
    assertTrue(rows.get(1).recall() >= 0.9, rows.get(1).toString());
    assertTrue(rows.get(0).ingest().contains(" s)") && rows.get(1).ingest().contains(" s)"));
    String report = bench.report("--queries 20", rows);
    Path file = bench.write(report);
    assertEquals(work.resolve("solr-bench-n600-q20.md"), file);
    assertEquals(2 + rows.size(), Files.readAllLines(file).stream().filter(l -> l.startsWith("|")).count());
  }

  @Test
  void badOptionsSayWhatIsAccepted() {
    assertEquals("--shards is 0; accepted: 1 or more", message("--shards", "0"));
    assertEquals("--ef is 5; accepted: at least --k (10)", message("--ef", "5"));
    assertEquals("--nodes is 'two'; accepted: a whole number", message("--nodes", "two"));
    assertTrue(message("--colour", "red").startsWith("unknown option '--colour'; accepted: --vectors"));
  }

  @Test
  void withoutItsDataFilesTheBenchSaysWhereTheyComeFrom(@TempDir Path work) {
    String message = assertThrowsMessage(() -> SolrBench.parse("--work", work.toString()).run());
    assertTrue(message.startsWith("no solr-bench-data.properties in "), message);
  }

  private static String message(String... args) {
    return assertThrowsMessage(() -> SolrBench.parse(args));
  }

  private static String assertThrowsMessage(org.junit.jupiter.api.function.Executable call) {
    return org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, call).getMessage();
  }

  private static List<float[]> unitVectors(Random random, int n) {
    List<float[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      float[] v = new float[DIMS];
      double norm = 0;
      for (int d = 0; d < DIMS; d++) {
        v[d] = (float) random.nextGaussian();
        norm += v[d] * v[d];
      }
      for (int d = 0; d < DIMS; d++) {
        v[d] /= (float) Math.sqrt(norm);
      }
      out.add(v);
    }
    return out;
  }

  private static int[] exactTopK(float[] query, List<float[]> vectors) {
    double[] scores = vectors.stream().mapToDouble(v -> {
      double dot = 0;
      for (int d = 0; d < DIMS; d++) {
        dot += query[d] * v[d];
      }
      return dot;
    }).toArray();
    return IntStream.range(0, vectors.size()).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -scores[i]).thenComparing(i -> i))
        .limit(K).mapToInt(Integer::intValue).toArray();
  }
}
