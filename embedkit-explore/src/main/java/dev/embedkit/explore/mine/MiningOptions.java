package dev.embedkit.explore.mine;

/**
 * Paraphrase mining's knobs, named and defaulted as sentence-transformers' {@code paraphrase_mining_embeddings}.
 *
 * @param queryChunkSize rows scored at once (memory only: the result does not depend on it)
 * @param corpusChunkSize columns scored at once; unlike the query chunk this changes the result, since each row keeps
 *     its topK best <em>per corpus chunk</em>, as in sentence-transformers
 * @param maxPairs the priority queue's bound: at most maxPairs - 1 (ordered) entries survive, as in
 *     sentence-transformers, before (i, j) and (j, i) are merged
 * @param topK other sentences kept per sentence and corpus chunk
 * @param threshold pairs scoring below this never enter the queue; {@link #NO_THRESHOLD} keeps all
 */
public record MiningOptions(int queryChunkSize, int corpusChunkSize, int maxPairs, int topK, double threshold) {
  public static final int DEFAULT_QUERY_CHUNK_SIZE = 5_000;
  public static final int DEFAULT_CORPUS_CHUNK_SIZE = 100_000;
  public static final int DEFAULT_MAX_PAIRS = 500_000;
  public static final int DEFAULT_TOP_K = 100;
  public static final double NO_THRESHOLD = Double.NEGATIVE_INFINITY;

  public static final MiningOptions DEFAULT =
      new MiningOptions(DEFAULT_QUERY_CHUNK_SIZE, DEFAULT_CORPUS_CHUNK_SIZE, DEFAULT_MAX_PAIRS, DEFAULT_TOP_K, NO_THRESHOLD);

  public MiningOptions {
    if (queryChunkSize < 1) {
      throw new IllegalArgumentException("queryChunkSize must be positive; queryChunkSize=" + queryChunkSize);
    }
    if (corpusChunkSize < 1) {
      throw new IllegalArgumentException("corpusChunkSize must be positive; corpusChunkSize=" + corpusChunkSize);
    }
    if (maxPairs < 1) {
      throw new IllegalArgumentException("maxPairs must be positive; maxPairs=" + maxPairs);
    }
    if (topK < 1 || topK == Integer.MAX_VALUE) {
      throw new IllegalArgumentException("topK must be between 1 and " + (Integer.MAX_VALUE - 1) + "; topK=" + topK);
    }
    if (Double.isNaN(threshold)) {
      throw new IllegalArgumentException("threshold must be a number or NO_THRESHOLD; threshold=NaN");
    }
  }

  public MiningOptions withThreshold(double value) {
    return new MiningOptions(queryChunkSize, corpusChunkSize, maxPairs, topK, value);
  }

  public MiningOptions withTopK(int value) {
    return new MiningOptions(queryChunkSize, corpusChunkSize, maxPairs, value, threshold);
  }

  public MiningOptions withChunks(int queryChunk, int corpusChunk) {
    return new MiningOptions(queryChunk, corpusChunk, maxPairs, topK, threshold);
  }

  public MiningOptions withMaxPairs(int value) {
    return new MiningOptions(queryChunkSize, corpusChunkSize, value, topK, threshold);
  }
}
