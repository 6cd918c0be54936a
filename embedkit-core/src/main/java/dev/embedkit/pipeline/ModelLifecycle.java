package dev.embedkit.pipeline;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
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
  /** How long the exit hook waits for the calls in flight of the models it closes. */
  static final long EXIT_WAIT_MILLIS = 10_000;
  /** Models to close at exit: weakly held, so a model nobody references is not kept alive by this. */
  private static final Map<AutoCloseable, Boolean> OPEN = Collections.synchronizedMap(new WeakHashMap<>());
  private static final AtomicBoolean HOOKED = new AtomicBoolean();
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
   * Closes {@code model} when the JVM exits (Ctrl-C, SIGTERM, System.exit) if it is still open then, after its calls
   * in flight (up to {@link #EXIT_WAIT_MILLIS}): an inference thread still inside ONNX Runtime while the runtime's
   * native library is torn down at exit crashed the JVM. Models call this once they are fully built.
   */
  public static void closeAtExit(AutoCloseable model) {
    if (HOOKED.compareAndSet(false, true)) {
      Runtime.getRuntime().addShutdownHook(new Thread(ModelLifecycle::closeOpenModels, "embedkit-close-models"));
    }
    OPEN.put(model, Boolean.TRUE);
  }

  private static void closeOpenModels() {
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
    }, "embedkit-close-models-worker");
    closer.setDaemon(true);
    closer.start();
    try {
      closer.join(EXIT_WAIT_MILLIS);
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
