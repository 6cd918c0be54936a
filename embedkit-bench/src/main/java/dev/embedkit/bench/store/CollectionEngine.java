package dev.embedkit.bench.store;

import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Document;
import dev.embedkit.store.HnswSettings;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.store.Quantization;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.vector.Metric;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;

/**
 * embedkit's collection as a user gets it: {@code LuceneCollection.create} with external cosine vectors, documents
 * fed through {@link Collection#ingest}, searches through {@link Collection#search} asking for ids and scores only
 * (what the peer returns).
 */
final class CollectionEngine implements Engine {
  private final Collection collection;
  private final Path dir;

  private CollectionEngine(Collection collection, Path dir) {
    this.collection = collection;
    this.dir = dir;
  }

  static CollectionEngine create(Path dir, int m, int beamWidth, Quantization quantization, int dims) {
    CollectionConfig config = CollectionConfig.external("bench", dims, Metric.COSINE)
        .withHnsw(new HnswSettings(m, beamWidth)).withQuantization(quantization);
    return new CollectionEngine(LuceneCollection.create(dir, config, null), dir);
  }

  @Override
  public void ingest(Iterator<float[]> vectors, LongConsumer progress) {
    Iterator<Document> documents = new Iterator<>() {
      long next;

      @Override
      public boolean hasNext() {
        return vectors.hasNext();
      }

      @Override
      public Document next() {
        return new Document(Long.toString(next++), null, Map.of(), vectors.next(), null);
      }
    };
    long[] reported = {0};
    collection.ingest(documents, (written, chunks) -> {
      if (written - reported[0] >= 10_000) {
        reported[0] = written;
        progress.accept(written / 10_000 * 10_000);
      }
    });
  }

  @Override
  public void compact() {
    collection.compact();
  }

  @Override
  public int[] search(float[] query, int k, int ef) {
    return ids(collection.search(SearchRequest.of(Query.vector(query)).withTopK(k).withEfSearch(ef)
        .withFields(Set.of())));
  }

  @Override
  public int[] exact(float[] query, int k) {
    return ids(collection.search(SearchRequest.of(Query.vector(query)).withTopK(k).withExact(true)
        .withFields(Set.of())));
  }

  private static int[] ids(List<SearchHit> hits) {
    int[] ids = new int[hits.size()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = Integer.parseInt(hits.get(i).id());
    }
    return ids;
  }

  @Override
  public long sizeOnDisk() {
    return StoreFiles.size(dir);
  }

  @Override
  public int segments() {
    return collection.info().segments();
  }

  @Override
  public void close() {
    collection.close();
  }
}
