package dev.embedkit.solr.plugin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class QueryVectorCacheTest {
  private static final EmbedSettings SETTINGS = new EmbedSettings("all-minilm-l6-v2", 1, null, null);

  private static QueryVectorCache.Key key(String text) {
    return new QueryVectorCache.Key(SETTINGS, text);
  }

  @Test
  void concurrentRequestsForOneTextEmbedItOnce() throws Exception {
    QueryVectorCache cache = new QueryVectorCache(8);
    AtomicInteger calls = new AtomicInteger();
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(5);
    try {
      List<Future<float[]>> results = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        results.add(pool.submit(() -> cache.get(key("magnets"), k -> {
          calls.incrementAndGet();
          await(release);
          return new float[] {1f, 2f};
        })));
      }
      Thread.sleep(100);
      release.countDown();
      for (Future<float[]> result : results) {
        assertArrayEquals(new float[] {1f, 2f}, result.get(10, TimeUnit.SECONDS));
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, calls.get());
    assertEquals(1, cache.embedded());
  }

  @Test
  void aFailedEmbeddingIsNotKept() {
    QueryVectorCache cache = new QueryVectorCache(8);
    IllegalStateException failure = new IllegalStateException("model closed");
    assertSame(failure, assertThrows(IllegalStateException.class, () -> cache.get(key("q"), k -> {
      throw failure;
    })));
    assertArrayEquals(new float[] {3f}, cache.get(key("q"), k -> new float[] {3f}));
    assertEquals(1, cache.embedded());
  }

  @Test
  void theLeastRecentlyUsedTextIsDroppedFirst() {
    QueryVectorCache cache = new QueryVectorCache(2);
    AtomicInteger calls = new AtomicInteger();
    for (String text : new String[] {"a", "b", "a", "c", "a", "b"}) {
      cache.get(key(text), k -> {
        calls.incrementAndGet();
        return new float[] {k.text().charAt(0)};
      });
    }
    // a, b embedded; a hit; c evicts b (a was used later); a hit; b embedded again (evicting c).
    assertEquals(4, calls.get());
  }

  @Test
  void aSizeBelowOneIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new QueryVectorCache(0));
    assertEquals("cache size must be positive; size=0", e.getMessage());
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
