package dev.embedkit.store;

import dev.embedkit.EmbedkitException;

/**
 * Hybrid search: BM25 over the text fused with the vector results by weighted reciprocal rank fusion,
 * {@code score(d) = vectorWeight / (k + rank_vector(d)) + keywordWeight / (k + rank_bm25(d))} with 1-based ranks; a
 * document missing from one list gets nothing from it.
 *
 * @param vectorWeight weight of the vector ranking (0 or more)
 * @param keywordWeight weight of the BM25 ranking (0 or more)
 * @param rrfK the rank constant (60 as in Cormack et al. 2009)
 */
public record Hybrid(double vectorWeight, double keywordWeight, int rrfK) {
  public static final Hybrid DEFAULTS = new Hybrid(1, 1, 60);

  public Hybrid {
    if (!(vectorWeight >= 0) || !(keywordWeight >= 0) || vectorWeight + keywordWeight == 0
        || Double.isInfinite(vectorWeight) || Double.isInfinite(keywordWeight)) {
      throw EmbedkitException.invalidInput("hybrid weights are " + vectorWeight + " and " + keywordWeight
          + "; accepted: finite numbers >= 0, not both 0");
    }
    if (rrfK < 1) {
      throw EmbedkitException.invalidInput("rrf k is " + rrfK + "; accepted: 1 or more");
    }
  }
}
