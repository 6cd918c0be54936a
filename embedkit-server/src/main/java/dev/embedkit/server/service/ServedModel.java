package dev.embedkit.server.service;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.ModelInfo;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.server.ModelSpec;
import dev.embedkit.server.ServerMetrics;
import java.time.Instant;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A model the server serves under a name: loaded at start or on its first request (once, whoever asks first), with
 * its own {@link BatchQueue}. A load that fails is reported to the request and tried again by the next one.
 */
public final class ServedModel implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ServedModel.class);

  private final ModelSpec spec;
  private final LoadOptions loadOptions;
  private final int tokenBudget;
  private final ServerMetrics metrics;
  private final IntSupplier arriving;
  private volatile EmbeddingModel model;
  private volatile BatchQueue queue;
  private volatile long loadNanos;
  private volatile Instant loadedAt;
  private boolean closed;

  ServedModel(ModelSpec spec, LoadOptions loadOptions, int tokenBudget, ServerMetrics metrics, IntSupplier arriving) {
    this.arriving = arriving;
    this.spec = spec;
    this.loadOptions = loadOptions;
    this.tokenBudget = tokenBudget;
    this.metrics = metrics;
  }

  public String name() {
    return spec.name();
  }

  public ModelSpec spec() {
    return spec;
  }

  public boolean loaded() {
    return model != null;
  }

  /** Nanoseconds the load took (0 until loaded). */
  public long loadNanos() {
    return loadNanos;
  }

  /** When it finished loading, or null. */
  public Instant loadedAt() {
    return loadedAt;
  }

  /** The loaded model, loading it first if needed. */
  public EmbeddingModel model() {
    EmbeddingModel m = model;
    return m != null ? m : load();
  }

  /** The model's description (loads it). */
  public ModelInfo info() {
    return model().info();
  }

  BatchQueue queue() {
    model();
    return queue;
  }

  private synchronized EmbeddingModel load() {
    if (closed) {
      throw new ServerException(Problem.UNAVAILABLE, "the server is shutting down");
    }
    if (model == null) {
      long start = System.nanoTime();
      LOG.info("loading model {} ({})", spec.name(), spec.source());
      EmbeddingModel loadedModel = Embedkit.load(spec.source(), loadOptions);
      loadNanos = System.nanoTime() - start;
      loadedAt = Instant.now();
      queue = new BatchQueue(spec.name(), loadedModel, tokenBudget, metrics, arriving);
      metrics.modelLoaded(spec.name(), loadNanos);
      metrics.gauge("embedkit.queue.inputs", "inputs waiting for inference", spec.name(), queue::depth);
      model = loadedModel;
      LOG.info("model {} loaded in {} ms", spec.name(), loadNanos / 1_000_000);
    }
    return model;
  }

  /** Stops the batcher after the queued work and closes the model (after the calls in flight). */
  @Override
  public synchronized void close() {
    closed = true;
    if (queue != null) {
      queue.close();
    }
    if (model != null) {
      model.close();
    }
  }
}
