package dev.embedkit.pipeline;

import dev.embedkit.onnx.GraphFacts;

/**
 * How inference work is spread over the cores: {@code workers} threads each run whole batches with
 * {@code intraOpThreads} ONNX Runtime threads inside one call. Independent batches on separate cores beat one batch
 * split across cores for small encoders: no synchronisation inside a call.
 *
 * @param workers concurrent inference calls
 * @param intraOpThreads ONNX Runtime threads per call
 * @param maxBatchSize inputs per call; 1 for batch-coupled graphs
 * @param tokenBudget padded tokens per call
 */
public record InferencePlan(int workers, int intraOpThreads, int maxBatchSize, int tokenBudget) {
  public static final int DEFAULT_MAX_BATCH_SIZE = 8;
  public static final int DEFAULT_TOKEN_BUDGET = 8192;

  public InferencePlan {
    if (workers <= 0 || intraOpThreads <= 0 || maxBatchSize <= 0 || tokenBudget <= 0) {
      throw new IllegalArgumentException("inference plan values must be positive; workers=" + workers
          + " intraOpThreads=" + intraOpThreads + " maxBatchSize=" + maxBatchSize + " tokenBudget=" + tokenBudget);
    }
  }

  /**
   * The default plan for {@code threads} cores. Batch-coupled graphs (dynamic quantisation over the whole batch) run
   * one input per call, which keeps an input's vector independent of its neighbours. System properties
   * embedkit.workers, embedkit.intraOpThreads, embedkit.maxBatchSize and embedkit.tokenBudget override the defaults
   * (for benchmarking).
   */
  public static InferencePlan forGraph(GraphFacts facts, int threads) {
    int workers = Integer.getInteger("embedkit.workers", threads);
    int intra = Integer.getInteger("embedkit.intraOpThreads", Math.max(1, threads / workers));
    int batch = facts.batchCoupled() ? 1 : Integer.getInteger("embedkit.maxBatchSize", DEFAULT_MAX_BATCH_SIZE);
    int budget = Integer.getInteger("embedkit.tokenBudget", DEFAULT_TOKEN_BUDGET);
    return new InferencePlan(workers, intra, batch, budget);
  }
}
