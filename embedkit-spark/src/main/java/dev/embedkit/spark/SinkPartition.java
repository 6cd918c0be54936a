package dev.embedkit.spark;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Document;
import dev.embedkit.store.spi.CollectionBackend;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.collection.Seq;

/** One partition of {@link EmbedkitSink#write}: rows to documents, upserted in batches with retries. */
final class SinkPartition implements ForeachPartitionFunction<Row> {
  private final EmbedkitSink sink;
  private final int idIndex;
  private final int textIndex;
  private final int vectorIndex;
  private final int[] metadataIndexes;

  SinkPartition(EmbedkitSink sink, StructType schema) {
    this.sink = sink;
    this.idIndex = sink.idColumn() == null ? -1 : schema.fieldIndex(sink.idColumn());
    this.textIndex = sink.textColumn() == null ? -1 : schema.fieldIndex(sink.textColumn());
    this.vectorIndex = schema.fieldIndex(sink.vectorColumn());
    this.metadataIndexes = sink.metadataColumns().stream().mapToInt(schema::fieldIndex).toArray();
  }

  @Override
  public void call(Iterator<Row> rows) {
    Collection collection = null;
    try {
      // A repeated id in one batch would be refused; the last row of an id wins, as later batches' upserts do.
      Map<String, Document> batch = new LinkedHashMap<>();
      while (rows.hasNext()) {
        Document document = document(rows.next());
        if (document == null) {
          continue;
        }
        if (collection == null) {
          int dimensions = document.vector().length;
          collection = withRetries("open", () -> open(dimensions));
        }
        batch.remove(document.id());
        batch.put(document.id(), document);
        if (batch.size() == sink.batchSize()) {
          upsert(collection, batch);
        }
      }
      if (!batch.isEmpty()) {
        upsert(collection, batch);
      }
    } finally {
      if (collection != null) {
        collection.close();
      }
    }
  }

  private Collection open(int dimensions) {
    CollectionBackend backend = SinkBackends.find(sink.backend());
    CollectionConfig config = CollectionConfig.external(sink.collection(), dimensions, sink.similarity());
    return backend.open(config, sink.location(), null);
  }

  private void upsert(Collection collection, Map<String, Document> batch) {
    List<Document> documents = new ArrayList<>(batch.values());
    withRetries("write " + documents.size() + " documents to", () -> collection.upsert(documents));
    batch.clear();
  }

  private <T> T withRetries(String what, Supplier<T> action) {
    long pause = sink.backoffMillis();
    for (int attempt = 0; ; attempt++) {
      try {
        return action.get();
      } catch (RuntimeException e) {
        if (!retryable(e) || attempt == sink.retries()) {
          String tries = attempt == 0 ? "" : " after " + (attempt + 1) + " attempts";
          ErrorKind kind = e instanceof EmbedkitException ek ? ek.kind() : ErrorKind.UNAVAILABLE;
          throw new EmbedkitException(kind, "could not " + what + " collection '" + sink.collection() + "' on "
              + sink.backend() + tries + ": " + SparkFailures.oneLine(e), e);
        }
        sleep(pause);
        pause *= 2;
      }
    }
  }

  /** Bad input and conflicts fail at once; the rest (unreachable, overloaded, I/O) may pass on a later try. */
  private static boolean retryable(RuntimeException e) {
    if (e instanceof EmbedkitException ek) {
      return switch (ek.kind()) {
        case UNAVAILABLE, OVERLOADED, INTERNAL -> true;
        default -> false;
      };
    }
    return !(e instanceof IllegalArgumentException);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbedkitException(ErrorKind.UNAVAILABLE, "interrupted while waiting to retry a write", e);
    }
  }

  /** The row as a document, or null when it has no vector (a null or empty text). */
  private Document document(Row row) {
    if (row.isNullAt(vectorIndex)) {
      return null;
    }
    Seq<Object> seq = row.getSeq(vectorIndex);
    float[] vector = new float[seq.size()];
    for (int i = 0; i < vector.length; i++) {
      Object v = seq.apply(i);
      if (v == null) {
        throw EmbedkitException.invalidInput("vector column '" + sink.vectorColumn() + "' holds a null value");
      }
      vector[i] = (Float) v;
    }
    String text = textIndex < 0 || row.isNullAt(textIndex) ? null : row.getString(textIndex);
    String id;
    if (idIndex >= 0) {
      if (row.isNullAt(idIndex)) {
        throw EmbedkitException.invalidInput(
            "id column '" + sink.idColumn() + "' holds a null; every written row needs an id");
      }
      id = String.valueOf(row.get(idIndex));
    } else if (text != null) {
      id = sha256(text);
    } else {
      throw EmbedkitException.invalidInput("a row with a vector has a null text and there is no id column to name it");
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (int i = 0; i < metadataIndexes.length; i++) {
      int index = metadataIndexes[i];
      if (!row.isNullAt(index)) {
        metadata.put(sink.metadataColumns().get(i), metadataValue(row.get(index)));
      }
    }
    return new Document(id, text, metadata, null, null).withVector(vector);
  }

  /** Spark's values in the kinds a collection stores: strings, longs, doubles, booleans, lists of those. */
  private static Object metadataValue(Object value) {
    if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double
        || value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof Float) {
      return value;
    }
    if (value instanceof java.math.BigDecimal d) {
      return d.doubleValue();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant().toString();
    }
    if (value instanceof Date d) {
      return d.toLocalDate().toString();
    }
    if (value instanceof Seq<?> seq) {
      List<Object> list = new ArrayList<>(seq.size());
      for (int i = 0; i < seq.size(); i++) {
        list.add(metadataValue(seq.apply(i)));
      }
      return list;
    }
    return String.valueOf(value);
  }

  /** The id of a row without an id column: the text's SHA-256, hex. */
  static String sha256(String text) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
