package dev.embedkit.solr.plugin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A node's recent query vectors, least recently used dropped first. One distributed request parses its query on the
 * coordinating node and again in every shard request (both phases), several of them on the same node at once: the
 * first caller embeds, the others wait for its vector, so a text is embedded once per node while it stays cached. A
 * failed embedding is not kept.
 */
final class QueryVectorCache {
  /** Default number of query vectors a node keeps. */
  static final int DEFAULT_SIZE = 1024;

  record Key(EmbedSettings settings, String text) {}

  private final Map<Key, CompletableFuture<float[]>> entries;
  private final AtomicLong embedded = new AtomicLong();

  QueryVectorCache(int size) {
    if (size <= 0) {
      throw new IllegalArgumentException("cache size must be positive; size=" + size);
    }
    entries = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<Key, CompletableFuture<float[]>> eldest) {
        return size() > size;
      }
    };
  }

  /** The cached vector for this key, or the one {@code embed} gives (called once per key while it stays cached). */
  float[] get(Key key, Function<Key, float[]> embed) {
    CompletableFuture<float[]> future;
    boolean mine = false;
    synchronized (entries) {
      future = entries.get(key);
      if (future == null) {
        future = new CompletableFuture<>();
        entries.put(key, future);
        mine = true;
      }
    }
    if (mine) {
      try {
        float[] vector = embed.apply(key);
        embedded.incrementAndGet();
        future.complete(vector);
        return vector;
      } catch (RuntimeException | Error e) {
        synchronized (entries) {
          entries.remove(key, future);
        }
        future.completeExceptionally(e);
        throw e;
      }
    }
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a query vector", e);
    }
  }

  /** Texts this cache has embedded (its misses that succeeded). */
  long embedded() {
    return embedded.get();
  }
}
