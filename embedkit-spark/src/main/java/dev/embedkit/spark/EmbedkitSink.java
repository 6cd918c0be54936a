package dev.embedkit.spark;

import dev.embedkit.vector.Metric;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes embedded rows into a collection of any {@link dev.embedkit.store.spi.CollectionBackend} found by name on
 * the class path ("solr" from embedkit-solr): each partition upserts documents in batches, with the vector given (the
 * collection does not embed again), ids that do not change when a task runs again (the id column, else the SHA-256
 * of the text), so task retries and speculative execution replace documents instead of duplicating them.
 *
 * <pre>{@code
 * Dataset<Row> embedded = new EmbedkitEmbedder().setInputCol("text").transform(docs);
 * EmbedkitSink.to("solr", Map.of("zk", "zk1:2181,zk2:2181/solr"), "products")
 *     .withIdColumn("id").withMetadataColumns("category", "price")
 *     .write(embedded);
 * }</pre>
 *
 * <p>A row with a null vector (a null or empty text) is not written. A failed batch is tried again {@code retries}
 * times with doubling pauses, then the task fails with a one-line error naming the collection and the cause; a
 * refused batch (bad input, a vector field of another dimension) fails at once.
 *
 * @param backend the backend's name ({@code CollectionBackend.name()})
 * @param location the backend's settings (for Solr: {@code zk} or {@code solr}, optionally {@code collection})
 * @param collection the collection's name
 * @param idColumn the id column, or null for the SHA-256 of the text
 * @param textColumn the text column, stored with the document (null: none; then an id column is required)
 * @param vectorColumn the {@code array<float>} column
 * @param metadataColumns columns stored as the document's metadata, under their names
 * @param similarity the collection's vector similarity (checked against the backend's vector field)
 * @param batchSize documents per write
 * @param retries further attempts after a failed write
 * @param backoffMillis pause before the first retry; doubled before each next one
 */
public record EmbedkitSink(
    String backend, Map<String, String> location, String collection, String idColumn, String textColumn,
    String vectorColumn, List<String> metadataColumns, Metric similarity, int batchSize, int retries,
    long backoffMillis) implements Serializable {

  public static final int DEFAULT_BATCH_SIZE = 64;
  public static final int DEFAULT_RETRIES = 3;
  public static final long DEFAULT_BACKOFF_MILLIS = 500;

  public EmbedkitSink {
    if (backend == null || backend.isBlank()) {
      throw new IllegalArgumentException("backend is empty; give a collection backend's name, e.g. solr");
    }
    if (collection == null || collection.isBlank()) {
      throw new IllegalArgumentException("collection is empty; give the collection's name");
    }
    if (vectorColumn == null || vectorColumn.isBlank()) {
      throw new IllegalArgumentException("vectorColumn is empty; give the array<float> column");
    }
    if (idColumn == null && textColumn == null) {
      throw new IllegalArgumentException("give an id column, or a text column to derive ids from");
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size must be positive; batchSize=" + batchSize);
    }
    if (retries < 0) {
      throw new IllegalArgumentException("retries must be 0 or more; retries=" + retries);
    }
    if (backoffMillis < 0) {
      throw new IllegalArgumentException("backoff must be 0 or more milliseconds; backoffMillis=" + backoffMillis);
    }
    location = location == null ? Map.of() : new TreeMap<>(location); // TreeMap: serializable, any Map in
    metadataColumns = metadataColumns == null ? List.of() : new ArrayList<>(metadataColumns);
    similarity = similarity == null ? Metric.COSINE : similarity;
  }

  /** A sink with the defaults: columns id (none), text and vector, cosine, batches of 64, 3 retries. */
  public static EmbedkitSink to(String backend, Map<String, String> location, String collection) {
    return new EmbedkitSink(backend, location, collection, null, "text", "vector", List.of(), Metric.COSINE,
        DEFAULT_BATCH_SIZE, DEFAULT_RETRIES, DEFAULT_BACKOFF_MILLIS);
  }

  public EmbedkitSink withIdColumn(String column) {
    return new EmbedkitSink(backend, location, collection, column, textColumn, vectorColumn, metadataColumns,
        similarity, batchSize, retries, backoffMillis);
  }

  public EmbedkitSink withTextColumn(String column) {
    return new EmbedkitSink(backend, location, collection, idColumn, column, vectorColumn, metadataColumns,
        similarity, batchSize, retries, backoffMillis);
  }

  public EmbedkitSink withVectorColumn(String column) {
    return new EmbedkitSink(backend, location, collection, idColumn, textColumn, column, metadataColumns,
        similarity, batchSize, retries, backoffMillis);
  }

  public EmbedkitSink withMetadataColumns(String... columns) {
    return new EmbedkitSink(backend, location, collection, idColumn, textColumn, vectorColumn, List.of(columns),
        similarity, batchSize, retries, backoffMillis);
  }

  public EmbedkitSink withSimilarity(Metric metric) {
    return new EmbedkitSink(backend, location, collection, idColumn, textColumn, vectorColumn, metadataColumns,
        metric, batchSize, retries, backoffMillis);
  }

  public EmbedkitSink withBatchSize(int size) {
    return new EmbedkitSink(backend, location, collection, idColumn, textColumn, vectorColumn, metadataColumns,
        similarity, size, retries, backoffMillis);
  }

  public EmbedkitSink withRetries(int count, long firstBackoffMillis) {
    return new EmbedkitSink(backend, location, collection, idColumn, textColumn, vectorColumn, metadataColumns,
        similarity, batchSize, count, firstBackoffMillis);
  }

  /**
   * Writes every row with a vector into the collection (one Spark job). The schema and the backend's name are
   * checked here, before the job starts.
   */
  public void write(Dataset<Row> rows) {
    StructType schema = rows.schema();
    require(schema, vectorColumn, "vector");
    DataType vectorType = schema.apply(vectorColumn).dataType();
    if (!vectorType.equals(VectorColumn.FLOATS)
        && !vectorType.equals(DataTypes.createArrayType(DataTypes.FloatType, true))) {
      throw new IllegalArgumentException("vector column '" + vectorColumn + "' is " + vectorType.simpleString()
          + "; accepted: array<float> (a collection stores float32 vectors)");
    }
    if (idColumn != null) {
      require(schema, idColumn, "id");
      DataType idType = schema.apply(idColumn).dataType();
      if (!List.of(DataTypes.StringType, DataTypes.LongType, DataTypes.IntegerType, DataTypes.ShortType,
          DataTypes.ByteType).contains(idType)) {
        // an id must print the same on every task attempt (a binary or double would not, or not reliably)
        throw new IllegalArgumentException("id column '" + idColumn + "' is " + idType.simpleString()
            + "; accepted: string or an integer type");
      }
    }
    if (textColumn != null) {
      require(schema, textColumn, "text");
      if (!schema.apply(textColumn).dataType().equals(DataTypes.StringType)) {
        throw new IllegalArgumentException("text column '" + textColumn + "' is "
            + schema.apply(textColumn).dataType().simpleString() + "; accepted: string");
      }
    }
    metadataColumns.forEach(column -> require(schema, column, "metadata"));
    SinkBackends.find(backend); // an unknown name fails here, listing the known ones
    rows.foreachPartition(new SinkPartition(this, schema));
  }

  private static void require(StructType schema, String column, String role) {
    if (!Arrays.asList(schema.fieldNames()).contains(column)) {
      throw new IllegalArgumentException(role + " column '" + column + "' does not exist; the columns are "
          + Arrays.toString(schema.fieldNames()));
    }
  }
}
