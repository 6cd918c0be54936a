package dev.embedkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.store.StoredDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.collection.Seq;

/**
 * The sink into a real Lucene collection through the backend SPI, on local[2,3] (a failed task runs again, up to 3
 * times, as on a cluster).
 */
class EmbedkitSinkTest {
  /** Task attempts that failed on purpose (the test runs the tasks in this JVM). */
  static final AtomicInteger INJECTED = new AtomicInteger();
  static final AtomicInteger UPSERTS_BEFORE_FAILURE = new AtomicInteger();

  private static SparkSession spark;
  private static Dataset<Row> embedded;
  private static List<Row> rows;

  @TempDir static Path tmp;

  @BeforeAll
  static void start() throws Exception {
    spark = SparkTestSupport.start("local[2,3]");
    Path jsonl = SparkTestSupport.jsonl(tmp.resolve("docs.jsonl"), SparkTestSupport.texts());
    Dataset<Row> docs = spark.read().json(jsonl.toString())
        .withColumn("kind", functions.expr("CASE WHEN id % 2 = 0 THEN 'even' ELSE 'odd' END"))
        .withColumn("score", functions.expr("id / 4.0D"));
    embedded = new EmbedkitEmbedder().setInputCol("text").transform(docs).repartition(2).cache();
    rows = embedded.collectAsList();
  }

  @AfterAll
  static void stop() {
    if (spark != null) {
      spark.stop();
    }
  }

  @BeforeEach
  void reset() {
    TestLuceneBackend.FAILURES_LEFT.set(0);
    INJECTED.set(0);
  }

  @Test
  void writesEveryRowWithAVectorUnderItsIdWithTheRowsVectorAndMetadata() {
    Path folder = tmp.resolve("with-ids");
    EmbedkitSink.to("lucene-test", Map.of("path", folder.toString()), "with-ids")
        .withIdColumn("id").withMetadataColumns("kind", "score").withBatchSize(4)
        .write(embedded);
    LuceneCollection collection = TestLuceneBackend.opened(folder);
    List<Row> withVectors = rows.stream().filter(r -> !r.isNullAt(r.fieldIndex("vector"))).toList();
    assertEquals(withVectors.size(), collection.count());
    assertEquals(SparkTestSupport.texts().size() - 2, withVectors.size());
    for (Row row : withVectors) {
      StoredDocument stored = collection.get(String.valueOf(row.<Long>getAs("id")), true).orElseThrow();
      assertEquals(row.<String>getAs("text"), stored.text());
      assertEquals(row.<String>getAs("kind"), stored.metadata().get("kind"));
      assertEquals(row.<Double>getAs("score"), stored.metadata().get("score"));
      assertArrayEquals(floats(row), stored.vector());
    }
  }

  @Test
  void aTaskThatRunsAgainDoesNotDuplicateDocuments() {
    Path folder = tmp.resolve("retried");
    TestLuceneBackend.UPSERT_CALLS.set(0);
    // Partition 0's first attempt dies after 10 rows, after the sink wrote two batches of 4 of them.
    Dataset<Row> failingOnce = embedded.mapPartitions((MapPartitionsFunction<Row, Row>) EmbedkitSinkTest::failOnce,
        Encoders.row(embedded.schema()));
    EmbedkitSink.to("lucene-test", Map.of("path", folder.toString()), "retried").withBatchSize(4).write(failingOnce);

    assertEquals(1, INJECTED.get(), "the first attempt of partition 0 failed once");
    LuceneCollection collection = TestLuceneBackend.opened(folder);
    Set<String> expectedIds = new LinkedHashSet<>();
    for (Row row : rows) {
      if (!row.isNullAt(row.fieldIndex("vector"))) {
        expectedIds.add(SinkPartition.sha256(row.getAs("text")));
      }
    }
    assertEquals(expectedIds.size(), collection.count());
    List<String> stored = new ArrayList<>();
    collection.scroll(null, 1000, null, false).documents().forEach(d -> stored.add(d.id()));
    assertEquals(new TreeSet<>(expectedIds), new TreeSet<>(stored));
    assertTrue(UPSERTS_BEFORE_FAILURE.get() >= 2, "documents were written before the task died");
  }

  @Test
  void failedWritesAreRetriedThenFailWithOneLine() {
    Path folder = tmp.resolve("flaky");
    TestLuceneBackend.FAILURES_LEFT.set(2);
    EmbedkitSink sink = EmbedkitSink.to("lucene-test", Map.of("path", folder.toString()), "flaky")
        .withIdColumn("id").withRetries(3, 1);
    sink.write(embedded.coalesce(1));
    assertEquals(SparkTestSupport.texts().size() - 2, TestLuceneBackend.opened(folder).count());

    TestLuceneBackend.FAILURES_LEFT.set(1_000);
    Exception e = assertThrows(Exception.class, () -> sink.withRetries(2, 1).write(embedded.coalesce(1)));
    EmbedkitException cause = SparkFailures.embedkitCause(e);
    assertEquals("could not write 38 documents to collection 'flaky' on lucene-test after 3 attempts: connection"
        + " refused (test)", cause.getMessage());
    assertEquals(cause.getMessage(), SparkFailures.oneLine(e));
  }

  @Test
  void badSchemaAndUnknownBackendFailBeforeTheJob() {
    Map<String, String> where = Map.of("path", tmp.resolve("never").toString());
    IllegalArgumentException vector = assertThrows(IllegalArgumentException.class,
        () -> EmbedkitSink.to("lucene-test", where, "c").withVectorColumn("text").write(embedded));
    assertEquals("vector column 'text' is string; accepted: array<float> (a collection stores float32 vectors)",
        vector.getMessage());
    IllegalArgumentException id = assertThrows(IllegalArgumentException.class,
        () -> EmbedkitSink.to("lucene-test", where, "c").withIdColumn("key").write(embedded));
    assertTrue(id.getMessage().startsWith("id column 'key' does not exist; the columns are [id, text, kind, score"),
        id.getMessage());
    EmbedkitException backend = assertThrows(EmbedkitException.class,
        () -> EmbedkitSink.to("solr-nope", where, "c").write(embedded));
    // solr: embedkit-solr is on the test class path for EmbedkitSolrSinkTest
    assertEquals("no collection backend named 'solr-nope' on the class path; found: lucene-test, solr",
        backend.getMessage());
  }

  private static Iterator<Row> failOnce(Iterator<Row> in) {
    TaskContext task = TaskContext.get();
    boolean fail = task.partitionId() == 0 && task.attemptNumber() == 0;
    return new Iterator<>() {
      int seen;

      @Override
      public boolean hasNext() {
        return in.hasNext();
      }

      @Override
      public Row next() {
        if (fail && ++seen > 10) {
          INJECTED.incrementAndGet();
          UPSERTS_BEFORE_FAILURE.set(TestLuceneBackend.UPSERT_CALLS.get());
          throw new IllegalStateException("injected task failure after 10 rows");
        }
        return in.next();
      }
    };
  }

  private static float[] floats(Row row) {
    Seq<Object> seq = row.getAs("vector");
    float[] out = new float[seq.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (Float) seq.apply(i);
    }
    return out;
  }
}
