package dev.embedkit.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.eval.data.BeirDataset;
import dev.embedkit.eval.embed.EmbeddingCache;
import dev.embedkit.progress.ProgressBar;
import dev.embedkit.eval.report.EvalReport;
import dev.embedkit.eval.report.VariantResult;
import dev.embedkit.quant.Precision;
import dev.embedkit.vector.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalTaskTest {
  @TempDir Path dir;

  private BeirDataset tinyDataset() throws Exception {
    Files.writeString(dir.resolve("corpus.jsonl"), String.join("\n",
        "{\"_id\": \"d1\", \"title\": \"Photosynthesis\", \"text\": \"Plants turn sunlight, water and carbon dioxide into sugar.\"}",
        "{\"_id\": \"d2\", \"title\": \"Volcanoes\", \"text\": \"Magma rises through the crust and erupts as lava.\"}",
        "{\"_id\": \"d3\", \"title\": \"Football\", \"text\": \"The striker scored twice in the final match of the season.\"}",
        "{\"_id\": \"d4\", \"title\": \"Baking\", \"text\": \"Knead the dough, let it rise, then bake the bread for forty minutes.\"}", ""));
    Files.writeString(dir.resolve("queries.jsonl"), String.join("\n",
        "{\"_id\": \"q1\", \"text\": \"How do plants make food from light?\"}",
        "{\"_id\": \"q2\", \"text\": \"Why do volcanoes erupt?\"}",
        "{\"_id\": \"q3\", \"text\": \"How long should bread bake?\"}", ""));
    Files.createDirectories(dir.resolve("qrels"));
    Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td2\t1\nq3\td4\t1\n");
    return BeirDataset.read(dir, "test");
  }

  @Test
  void obviousMatchesRankFirstForEveryVariant() throws Exception {
    EvalReport report = new Evaluation(List.of("all-minilm-l6-v2"), List.of(Precision.FLOAT32, Precision.INT8), List.of(384, 64))
        .run(new RetrievalTask(tinyDataset(), Metric.COSINE, false, null, null), EmbeddingCache.disabled(), ProgressBar.SILENT);
    assertEquals(4, report.results().size());
    for (VariantResult r : report.results()) {
      assertEquals(100.0, r.metrics().get("ndcg@10"), 1e-9, r.toString());
      assertEquals(100.0, r.metrics().get("mrr@10"), 1e-9);
      assertEquals(10.0, r.metrics().get("precision@10"), 1e-9, "one relevant document in ten");
    }
    assertEquals("ndcg@1", report.results().get(0).metrics().keySet().iterator().next());
  }

  @Test
  void metricsAverageOverJudgedQueries() throws Exception {
    RetrievalTask task = new RetrievalTask(tinyDataset(), Metric.COSINE, false, null, null);
    // q1 finds its document second, q2 first, q3 not at all
    Map<String, Double> scores = task.scores(List.of(List.of("d2", "d1"), List.of("d2"), List.of("d1", "d3")));
    assertEquals(100 * (0.5 + 1 + 0) / 3, scores.get("mrr@10"), 1e-9);
    assertEquals(100 * (1 / (Math.log(3) / Math.log(2)) + 1 + 0) / 3, scores.get("ndcg@10"), 1e-9);
    assertEquals(100 * 2 / 3.0, scores.get("recall@10"), 1e-9);
  }

  @Test
  void aDocumentWithTheQuerysOwnIdIsDroppedOnlyWhenAsked() {
    BeirDataset data = new BeirDataset(List.of("q1", "d2"), List.of("same text", "other"), List.of("q1"),
        List.of("same text"), Map.of("q1", Map.of("d2", 1)), 0, 0);
    List<float[]> queries = List.of(new float[] {1, 0});
    List<float[]> docs = List.of(new float[] {1, 0}, new float[] {0.5f, 0.5f});
    assertEquals(List.of("q1", "d2"), new RetrievalTask(data, Metric.COSINE, false, null, null).search(queries, docs).get(0));
    assertEquals(List.of("d2"), new RetrievalTask(data, Metric.COSINE, true, null, null).search(queries, docs).get(0));
  }
}
