package dev.embedkit.pipeline;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
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
        throw new EmbedkitException(ErrorKind.UNAVAILABLE, "model " + name + " is closed; load it again to use it");
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

  public boolean isClosed() {
    lock.readLock().lock();
    try {
      return closed;
    } finally {
      lock.readLock().unlock();
    }
  }
}
