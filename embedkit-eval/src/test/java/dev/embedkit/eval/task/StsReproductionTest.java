package dev.embedkit.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.eval.data.StsPairs;
import dev.embedkit.eval.embed.EmbeddingCache;
import dev.embedkit.progress.ProgressBar;
import dev.embedkit.eval.report.EvalReport;
import dev.embedkit.quant.Precision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Reproduces MTEB's published STSBenchmark (test) score of all-MiniLM-L6-v2: cosine Spearman x100 = 82.03
 * (embeddings-benchmark/results). Embeds the 1379 pairs (about 2550 distinct sentences) without the cache.
 */
class StsReproductionTest {
  static final Path STSB = SharedData.datasets().resolve("stsb/stsb-en-test.csv");
  static final double MTEB_MINILM_SPEARMAN = 82.03;

  @Test
  void allMiniLmReproducesMtebsStsBenchmarkSpearman() {
    Assumptions.assumeTrue(Files.isRegularFile(STSB), "STS Benchmark file not found at " + STSB + " (set EMBEDKIT_SHARED to the shared folder)");
    StsPairs pairs = StsPairs.read(STSB);
    EvalReport report = new Evaluation(List.of("all-minilm-l6-v2"), List.of(Precision.FLOAT32), List.of())
        .run(new StsTask(pairs, null), EmbeddingCache.disabled(), ProgressBar.SILENT);
    assertEquals(MTEB_MINILM_SPEARMAN, report.results().get(0).metrics().get("spearman"), 0.1);
  }
}
