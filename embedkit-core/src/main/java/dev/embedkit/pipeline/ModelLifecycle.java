package dev.embedkit.pipeline;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Open or closed, for a model that holds native resources (ONNX Runtime sessions, the tokenizer). Calls run under a
 * shared lock and {@link #close} takes it exclusively, so closing waits for calls in flight instead of freeing native
 * memory under them (which would crash the JVM); closing twice does nothing; a call after close is a one-line
 * {@link ErrorKind#UNAVAILABLE} error.
 *
 * <pre>{@code
 * public EmbeddingResult embed(List<String> texts, EmbedOptions options) {
 *   return lifecycle.use(() -> doEmbed(texts, options));
 * }
 * public void close() {
 *   lifecycle.close(() -> { session.close(); tokenizer.close(); });
 * }
 * }</pre>
 */
public final class ModelLifecycle {
  /** Open models, for {@link #closeOpenModels}: weakly held, so a model nobody references is not kept alive here. */
  private static final Map<AutoCloseable, Boolean> OPEN = Collections.synchronizedMap(new WeakHashMap<>());
  private static volatile boolean exiting;

  private final String name;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private boolean closed;

  public ModelLifecycle(String name) {
    this.name = name;
  }

  /** Runs a call on the open model. */
  public <T> T use(Supplier<T> call) {
    lock.readLock().lock();
    try {
      if (closed) {
        throw new EmbedkitException(ErrorKind.UNAVAILABLE, exiting ? "model " + name + " was closed: the program is exiting"
            : "model " + name + " is closed; load it again to use it");
      }
      return call.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Releases the resources once, after the calls in flight finish. Returns false when already closed. */
  public boolean close(Runnable release) {
    lock.writeLock().lock();
    try {
      if (closed) {
        return false;
      }
      closed = true;
      release.run();
      return true;
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * Registers a fully built model so that {@link #closeOpenModels} can close it. Models call this at the end of their
   * constructor; the registry holds them weakly.
   */
  public static void track(AutoCloseable model) {
    OPEN.put(model, Boolean.TRUE);
  }

  /**
   * Closes every model still open, each after its calls in flight, waiting at most {@code waitMillis} in all; later
   * calls on them fail with "the program is exiting". A program that stops on a signal calls this before exiting:
   * ONNX Runtime's Java binding releases its native environment in a JVM shutdown hook, which runs concurrently with
   * whatever inference is still going and crashes it (microsoft/onnxruntime#31352), so nothing may be inside the
   * runtime when the JVM begins to exit.
   */
  public static void closeOpenModels(long waitMillis) {
    exiting = true;
    List<AutoCloseable> models;
    synchronized (OPEN) {
      models = new ArrayList<>(OPEN.keySet());
    }
    Thread closer = new Thread(() -> {
      for (AutoCloseable model : models) {
        try {
          model.close();
        } catch (Exception ignored) {
          // exiting anyway: nothing to report to
        }
      }
    }, "embedkit-close-models");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(waitMillis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public boolean isClosed() {
    lock.readLock().lock();
    try {
      return closed;
    } finally {
      lock.readLock().unlock();
    }
  }
}
