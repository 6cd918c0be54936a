package dev.embedkit.eval.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-computed trec_eval values; "x" is judged relevant but never retrieved. */
class RankingMetricTest {
  static final Map<String, Integer> QRELS = Map.of("a", 1, "c", 1, "x", 1, "z", 0);
  static final List<String> RANKED = List.of("a", "b", "c", "z");

  @Test
  void ndcgUsesTheIdealRankingOfAllJudgedDocuments() {
    // DCG@3 = 1/log2(2) + 1/log2(4) = 1.5; IDCG@3 = 1 + 1/log2(3) + 1/log2(4)
    assertEquals(0.7039180890341347, RankingMetric.NDCG.score(RANKED, QRELS, 3), 1e-12);
    assertEquals(1.0, RankingMetric.NDCG.score(RANKED, QRELS, 1), 1e-12);
  }

  @Test
  void ndcgUsesTheGradeAsGain() {
    // DCG = 1 + 2/log2(3); IDCG = 2 + 1/log2(3)
    assertEquals(0.8597186998521972, RankingMetric.NDCG.score(List.of("b", "a"), Map.of("a", 2, "b", 1), 10), 1e-12);
  }

  @Test
  void averagePrecisionDividesByAllRelevantDocuments() {
    assertEquals((1 + 2 / 3.0) / 3, RankingMetric.MAP.score(RANKED, QRELS, 10), 1e-12);
    assertEquals(1 / 3.0, RankingMetric.MAP.score(RANKED, QRELS, 1), 1e-12);
  }

  @Test
  void recallAndPrecisionCountRelevantHitsInTheCut() {
    assertEquals(2 / 3.0, RankingMetric.RECALL.score(RANKED, QRELS, 3), 1e-12);
    assertEquals(2 / 3.0, RankingMetric.PRECISION.score(RANKED, QRELS, 3), 1e-12);
    assertEquals(2 / 10.0, RankingMetric.PRECISION.score(RANKED, QRELS, 10), 1e-12, "P@k divides by k even when fewer were retrieved");
  }

  @Test
  void reciprocalRankIsOneOverTheFirstRelevantRankWithinTheCut() {
    assertEquals(1.0, RankingMetric.MRR.score(RANKED, QRELS, 10), 1e-12);
    assertEquals(0.5, RankingMetric.MRR.score(List.of("b", "c"), QRELS, 10), 1e-12);
    assertEquals(0.0, RankingMetric.MRR.score(List.of("b", "c"), QRELS, 1), 1e-12);
  }

  @Test
  void zeroGradedDocumentsAreNotRelevant() {
    assertEquals(0.0, RankingMetric.NDCG.score(List.of("z"), Map.of("z", 0), 10));
    assertEquals(0.0, RankingMetric.RECALL.score(List.of("z"), Map.of("z", 0), 10));
  }

  @Test
  void labelsCarryTheCutOff() {
    assertEquals("ndcg@10", RankingMetric.NDCG.label(10));
    assertEquals("mrr@10", RankingMetric.MRR.label(10));
  }
}
