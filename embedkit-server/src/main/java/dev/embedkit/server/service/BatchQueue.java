package dev.embedkit.server.service;

import dev.embedkit.PreparedTexts;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbeddingResult;
import dev.embedkit.Embedding;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.ServerMetrics;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One model's queue and its batcher thread. Text jobs with equal options are merged, in arrival order, into one
 * inference call while their tokens stay within the token budget, so many small
 * concurrent requests become a few large calls; a job over the budget runs alone, so the queue always makes progress.
 * Other work (images, token ids) runs alone, in turn. Jobs that waited at least {@link #GONE_CHECK_AFTER_NANOS} and
 * whose client has gone are dropped before they run (a job that runs at once is not worth the check). The
 * model guarantees that an input's vector does not depend on its batch, so merging never changes a result.
 */
final class BatchQueue implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BatchQueue.class);
  /** A job that waited this long is checked for a departed client before it runs. */
  static final long GONE_CHECK_AFTER_NANOS = 250_000_000L;
  /**
   * Longest wait, before a merged call, for requests that were admitted and are still being read and tokenised:
   * clients answered together come back together, and without the wait the first of them would run alone, on one
   * core, while the others queue behind it. A lone request has no one to wait for and never waits.
   */
  static final long FILL_WAIT_NANOS = 2_000_000L;

  private final String modelName;
  private final EmbeddingModel model;
  private final int tokenBudget;
  private final ServerMetrics metrics;
  private final IntSupplier arriving;
  private final LinkedBlockingDeque<Job> pending = new LinkedBlockingDeque<>();
  private final Thread thread;
  private volatile boolean running = true;

  /** @param arriving requests admitted whose work is not queued yet ({@link Admission#arriving()}) */
  BatchQueue(String modelName, EmbeddingModel model, int tokenBudget, ServerMetrics metrics, IntSupplier arriving) {
    this.arriving = arriving;
    this.modelName = modelName;
    this.model = model;
    this.tokenBudget = tokenBudget;
    this.metrics = metrics;
    this.thread = new Thread(this::loop, "embedkit-batcher-" + modelName);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Queues prepared texts (tokenised, counted); completes with their embeddings in order. */
  CompletableFuture<EmbeddingResult> texts(PreparedTexts texts, BooleanSupplier gone) {
    return enqueue(new Job(texts, texts.tokenCounts(), null, gone)).thenApply(EmbeddingResult.class::cast);
  }

  /** Queues work that runs alone, in turn with the model's other work (images, token ids, token vectors). */
  <T> CompletableFuture<T> alone(Supplier<T> work, int inputs, long tokens, BooleanSupplier gone) {
    int[] counts = new int[inputs];
    if (inputs > 0) {
      counts[0] = (int) Math.min(Integer.MAX_VALUE, tokens);
    }
    @SuppressWarnings("unchecked")
    CompletableFuture<T> result = (CompletableFuture<T>) enqueue(new Job(null, counts, work, gone));
    return result;
  }

  /** Inputs waiting, for the queue-depth gauge. */
  int depth() {
    int n = 0;
    for (Job job : pending) {
      n += job.tokens.length;
    }
    return n;
  }

  private CompletableFuture<Object> enqueue(Job job) {
    if (!running) {
      job.result.completeExceptionally(new ServerException(Problem.UNAVAILABLE, "the server is shutting down"));
      return job.result;
    }
    pending.add(job);
    return job.result;
  }

  private void loop() {
    while (running) {
      Job first;
      try {
        first = pending.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        break;
      }
      if (first == null || dropIfGone(first)) {
        continue;
      }
      if (first.work != null) {
        runAlone(first);
      } else {
        awaitArrivals();
        runMerged(collect(first));
      }
    }
    for (Job job; (job = pending.poll()) != null; ) {
      job.result.completeExceptionally(new ServerException(Problem.UNAVAILABLE, "the server is shutting down"));
    }
  }

  private void awaitArrivals() {
    long until = System.nanoTime() + FILL_WAIT_NANOS;
    while (arriving.getAsInt() > 0 && System.nanoTime() < until) {
      LockSupport.parkNanos(50_000);
    }
  }

  /**
   * The first job and those after it with equal options that fit the budget, in arrival order. The budget counts the
   * inputs' own tokens, not a padded rectangle: the model sorts a call's inputs by length into sub-batches of similar
   * length, so a bigger merged call wastes less padding, not more.
   */
  private List<Job> collect(Job first) {
    List<Job> batch = new ArrayList<>();
    batch.add(first);
    long tokens = first.tokenSum();
    for (Iterator<Job> it = pending.iterator(); it.hasNext(); ) {
      Job next = it.next();
      if (next.work != null || !next.texts.options().equals(first.texts.options())) {
        continue;
      }
      if (tokens + next.tokenSum() > tokenBudget) {
        continue;
      }
      it.remove();
      if (dropIfGone(next)) {
        continue;
      }
      batch.add(next);
      tokens += next.tokenSum();
    }
    return batch;
  }

  private void runMerged(List<Job> batch) {
    List<PreparedTexts> parts = new ArrayList<>(batch.size());
    long tokens = 0;
    for (Job job : batch) {
      parts.add(job.texts);
      tokens += job.tokenSum();
    }
    long start = System.nanoTime();
    EmbeddingResult all;
    PreparedTexts merged = PreparedTexts.concat(parts);
    try {
      all = model.embed(merged);
    } catch (RuntimeException e) {
      if (batch.size() > 1) {
        batch.forEach(job -> runMerged(List.of(job))); // each job gets its own error, with its own input index
      } else {
        batch.get(0).result.completeExceptionally(e);
      }
      return;
    }
    metrics.batch(modelName, merged.size(), tokens, System.nanoTime() - start);
    int from = 0;
    for (Job job : batch) {
      List<Embedding> slice = all.embeddings().subList(from, from + job.texts.size());
      from += job.texts.size();
      job.result.complete(new EmbeddingResult(all.model(), all.dimensions(), all.precision(), slice));
    }
  }

  private void runAlone(Job job) {
    long start = System.nanoTime();
    try {
      Object result = job.work.get();
      metrics.batch(modelName, job.tokens.length, job.tokenSum(), System.nanoTime() - start);
      job.result.complete(result);
    } catch (RuntimeException e) {
      job.result.completeExceptionally(e);
    }
  }

  private static boolean dropIfGone(Job job) {
    if (System.nanoTime() - job.enqueuedAt >= GONE_CHECK_AFTER_NANOS && job.gone.getAsBoolean()) {
      job.result.completeExceptionally(new ServerException(Problem.UNAVAILABLE, "the client went away"));
      return true;
    }
    return false;
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(60_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      LOG.warn("the batcher of {} did not stop within 60 s", modelName);
    }
  }

  private static final class Job {
    final PreparedTexts texts;
    final int[] tokens;
    final Supplier<?> work;
    final BooleanSupplier gone;
    final CompletableFuture<Object> result = new CompletableFuture<>();
    final long enqueuedAt = System.nanoTime();

    Job(PreparedTexts texts, int[] tokens, Supplier<?> work, BooleanSupplier gone) {
      this.texts = texts;
      this.tokens = tokens;
      this.work = work;
      this.gone = gone == null ? () -> false : gone;
    }

    long tokenSum() {
      long sum = 0;
      for (int t : tokens) {
        sum += t;
      }
      return sum;
    }
  }
}
