package dev.embedkit.spark;

import dev.embedkit.EmbedkitException;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.ErrorKind;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.store.spi.CollectionBackend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-scope backend ("lucene-test") that opens a real {@link LuceneCollection} in the folder {@code path}: the sink
 * runs its real code path against a real collection. One writer per folder in the JVM (Lucene's write lock), shared by
 * the partitions, whose close() leaves it open. {@code failWrites=N} makes the next N upserts fail as an unreachable
 * cluster would.
 */
public final class TestLuceneBackend implements CollectionBackend {
  private static final Map<Path, LuceneCollection> OPEN = new ConcurrentHashMap<>();
  static final AtomicInteger FAILURES_LEFT = new AtomicInteger();
  static final AtomicInteger UPSERT_CALLS = new AtomicInteger();

  @Override
  public String name() {
    return "lucene-test";
  }

  @Override
  public Collection create(CollectionConfig config, Map<String, String> location, EmbeddingModel model) {
    return open(config, location, model);
  }

  @Override
  public Collection open(CollectionConfig config, Map<String, String> location, EmbeddingModel model) {
    Path folder = Path.of(location.get("path"));
    LuceneCollection collection = OPEN.computeIfAbsent(folder, f -> Files.exists(f.resolve("collection.json"))
        ? LuceneCollection.open(f, null, false) : LuceneCollection.create(f, config, null));
    if (collection.config().dimensions() != config.dimensions()) {
      throw EmbedkitException.conflict("collection '" + config.name() + "' has " + collection.config().dimensions()
          + " dimensions, not " + config.dimensions());
    }
    return (Collection) Proxy.newProxyInstance(Collection.class.getClassLoader(), new Class<?>[] {Collection.class},
        (proxy, method, args) -> {
          if (method.getName().equals("close")) {
            return null;
          }
          if (method.getName().equals("upsert")) {
            UPSERT_CALLS.incrementAndGet();
            if (FAILURES_LEFT.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
              throw new EmbedkitException(ErrorKind.UNAVAILABLE, "connection refused (test)");
            }
          }
          try {
            return method.invoke(collection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public void drop(CollectionConfig config, Map<String, String> location) {
    LuceneCollection collection = OPEN.remove(Path.of(location.get("path")));
    if (collection != null) {
      collection.close();
    }
  }

  /** The collection the sink wrote, for the test's checks. */
  static LuceneCollection opened(Path folder) {
    return OPEN.get(folder);
  }
}
