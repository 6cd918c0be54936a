package dev.embedkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.model.LoadOptions;
import dev.embedkit.model.SharedModels;
import dev.embedkit.solr.SolrBackend;
import dev.embedkit.solr.SolrCollection;
import dev.embedkit.solr.SolrCollections;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Document;
import dev.embedkit.store.LuceneCollection;
import dev.embedkit.store.ModelFingerprint;
import dev.embedkit.store.ModelRef;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.filter.FilterParser;
import dev.embedkit.vector.Metric;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink into a real SolrCloud: a MiniSolrCloudCluster (ZooKeeper and two Solr 9.10 nodes on 127.0.0.1) in the same
 * JVM as Spark local[2,3] (a failed task runs again, as on a cluster). A collection of 2 shards x 2 replicas, created
 * through the solr backend for all-MiniLM-L6-v2, is filled by {@link EmbedkitSink} with STS-B sentences that
 * {@link EmbedkitEmbedder} embedded; an embedded {@link LuceneCollection} gets the same documents through
 * {@link Collection#add} (embedded by the store itself). Searching both gives the same top ten and scores.
 */
class EmbedkitSolrSinkTest {
  static final String MODEL = "all-minilm-l6-v2";
  static final int SENTENCES = 300;
  static final List<String> GENRES = List.of("captions", "forums", "news");
  static final List<String> QUERIES = List.of("A man is playing a guitar.", "Children are playing in the park.",
      "The stock market fell sharply today.", "A woman is slicing an onion.", "A dog runs through the snow.",
      "Police arrested a suspect after the shooting.", "How do I learn to cook rice?", "Two people ride horses.",
      "The president spoke about the economy.", "A cat is sleeping on the couch.");
  /** Task attempts that failed on purpose (the tasks run in this JVM). */
  static final AtomicInteger INJECTED = new AtomicInteger();

  @TempDir static Path tmp;

  private static SparkSession spark;
  private static MiniSolrCloudCluster solr;
  private static EmbeddingModel model;
  private static LuceneCollection local;
  private static SolrCollection remote;
  private static Dataset<Row> embedded;
  private static List<Document> documents;
  private static Map<String, String> zk;

  @BeforeAll
  static void start() throws Exception {
    Path csv = sharedDatasets().resolve("stsb/stsb-en-test.csv");
    spark = SparkTestSupport.start("local[2,3]");
    // Without these, ZooKeeper fsyncs every write and Solr logs a start-up error (SCALEOUT.md).
    System.setProperty("zookeeper.forceSync", "no");
    System.setProperty("solr.zookeeper.connectionStrategy", "org.apache.solr.cloud.TestConnectionStrategy");
    System.setProperty("solr.log.dir", tmp.resolve("solr-logs").toString());
    System.setProperty("host", "127.0.0.1");
    solr = new MiniSolrCloudCluster.Builder(2, Files.createDirectories(tmp.resolve("solr"))).build();
    zk = Map.of("zk", solr.getZkServer().getZkAddress());

    // the model the executors use (one per JVM): the embedded store and the query side share it
    model = SharedModels.get(MODEL, new LoadOptions(null, null, null, ExecutorThreads.resolve(), null));
    CollectionConfig config = new CollectionConfig("sts", new ModelRef(MODEL, ModelFingerprint.of(model.info())),
        model.info().dimensions(), model.info().similarity(), null, null, null, null);
    Map<String, String> create = new LinkedHashMap<>(zk);
    create.put("shards", "2");
    create.put("replicas", "2");
    new SolrBackend().create(config, create, model).close();

    documents = corpus(csv);
    local = LuceneCollection.create(tmp.resolve("local"), config, model);
    local.add(documents);

    StructType schema = new StructType().add("id", DataTypes.StringType).add("text", DataTypes.StringType)
        .add("genre", DataTypes.StringType).add("n", DataTypes.LongType);
    List<Row> rows = documents.stream()
        .map(d -> RowFactory.create(d.id(), d.text(), d.metadata().get("genre"), d.metadata().get("n"))).toList();
    embedded = new EmbedkitEmbedder().setInputCol("text").transform(spark.createDataFrame(rows, schema).repartition(2))
        .cache();
    sink().write(embedded);
    remote = SolrCollections.open(zk, "sts", model);
  }

  @AfterAll
  static void stop() throws Exception {
    for (AutoCloseable c : new AutoCloseable[] {remote, local, () -> {
      if (solr != null) {
        solr.shutdown();
      }
    }, () -> {
      if (spark != null) {
        spark.stop();
      }
    }}) {
      if (c != null) {
        c.close();
      }
    }
  }

  static EmbedkitSink sink() {
    return EmbedkitSink.to("solr", zk, "sts").withIdColumn("id").withMetadataColumns("genre", "n");
  }

  @Test
  void everyRowIsWrittenWithItsVectorAndMetadataAndARunAgainAddsNoDuplicates() {
    assertEquals(SENTENCES, local.count());
    assertEquals(SENTENCES, remote.count());
    // Partition 0's first attempt dies after 100 rows (a batch of 64 written); Spark runs it again.
    INJECTED.set(0);
    Dataset<Row> failingOnce = embedded.mapPartitions(
        (MapPartitionsFunction<Row, Row>) EmbedkitSolrSinkTest::failOnce, Encoders.row(embedded.schema()));
    sink().write(failingOnce);
    assertEquals(1, INJECTED.get(), "the first attempt of partition 0 failed once");
    assertEquals(SENTENCES, remote.count(), "a rerun and a retried task replace documents, never add them");
    for (String id : List.of("s000", "s007", "s150", "s299")) {
      StoredDocument expected = local.get(id, true).orElseThrow();
      StoredDocument actual = remote.get(id, true).orElseThrow();
      assertEquals(expected.text(), actual.text(), id);
      assertEquals(expected.metadata(), actual.metadata(), id);
      assertEquals(1, actual.chunks().size(), id);
      assertArrayEquals(expected.chunks().get(0).vector(), actual.chunks().get(0).vector(), 1e-6f, id);
    }
    assertEquals(local.count(FilterParser.parse("genre = 'news'")), remote.count(FilterParser.parse("genre = 'news'")));
  }

  @Test
  void searchGivesTheEmbeddedStoresTopTenAndScores() {
    List<Filter> filters = Arrays.asList(null, FilterParser.parse("genre = 'news'"), FilterParser.parse("n < 150"),
        FilterParser.parse("genre != 'captions' AND n >= 50"));
    for (int q = 0; q < QUERIES.size(); q++) {
      Filter filter = filters.get(q % filters.size());
      SearchRequest request = SearchRequest.of(Query.text(QUERIES.get(q))).withTopK(10).withFilter(filter);
      List<SearchHit> exact = local.search(request.withExact(true));
      assertEquals(10, exact.size(), "the embedded store finds ten");
      assertSameHits(exact, remote.search(request), QUERIES.get(q) + " / " + filter);
    }
  }

  @Test
  void anUnreachableSolrFailsInOneLineAfterTheRetries() {
    long start = System.nanoTime();
    Exception e = assertThrows(Exception.class, () -> EmbedkitSink.to("solr", Map.of("solr",
        "http://127.0.0.1:1/solr"), "sts").withIdColumn("id").withRetries(2, 10).write(embedded.coalesce(1)));
    EmbedkitException cause = SparkFailures.embedkitCause(e);
    assertEquals(ErrorKind.UNAVAILABLE, cause.kind(), cause.getMessage());
    assertTrue(cause.getMessage().startsWith("could not open collection 'sts' on solr after 3 attempts: cannot reach"
        + " SolrCloud at "), cause.getMessage());
    assertEquals(cause.getMessage(), SparkFailures.oneLine(e));
    assertEquals(1, SparkFailures.oneLine(e).lines().count());
    assertTrue(System.nanoTime() - start < 60_000_000_000L, "failed within a minute");
  }

  @Test
  void aCollectionOfAnotherDimensionIsRefusedBeforeWriting() {
    Map<String, String> create = new LinkedHashMap<>(zk);
    create.put("shards", "1");
    create.put("replicas", "1");
    int dimensions = model.info().dimensions() * 2;
    new SolrBackend().create(CollectionConfig.external("wide", dimensions, Metric.COSINE), create, null).close();
    Exception e = assertThrows(Exception.class,
        () -> EmbedkitSink.to("solr", zk, "wide").withIdColumn("id").write(embedded));
    EmbedkitException cause = SparkFailures.embedkitCause(e);
    assertEquals(ErrorKind.INVALID_INPUT, cause.kind(), cause.getMessage());
    assertEquals("could not open collection 'wide' on solr: Solr collection 'wide' holds " + dimensions
        + "-dimensional cosine vectors; collection 'wide' needs " + model.info().dimensions()
        + "-dimensional cosine vectors", SparkFailures.oneLine(e));
    try (SolrCollection wide = SolrCollections.open(zk, "wide", null)) {
      assertEquals(0, wide.count(), "nothing was written");
    }
  }

  private static void assertSameHits(List<SearchHit> expected, List<SearchHit> actual, String what) {
    assertEquals(expected.stream().map(SearchHit::id).toList(), actual.stream().map(SearchHit::id).toList(), what);
    for (int i = 0; i < expected.size(); i++) {
      assertEquals(expected.get(i).score(), actual.get(i).score(), 1e-5, what + ": score of " + actual.get(i).id());
    }
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
        if (fail && ++seen > 100) {
          INJECTED.incrementAndGet();
          throw new IllegalStateException("injected task failure after 100 rows");
        }
        return in.next();
      }
    };
  }

  static Path sharedDatasets() {
    for (String candidate : new String[] {System.getProperty("embedkit.shared"), System.getenv("EMBEDKIT_SHARED"),
        "/work/shared"}) {
      if (candidate != null && Files.isRegularFile(Path.of(candidate, "datasets/stsb/stsb-en-test.csv"))) {
        return Path.of(candidate, "datasets");
      }
    }
    Assumptions.abort("the shared STS-B data is not beside the repository, in EMBEDKIT_SHARED or in /work/shared");
    return null;
  }

  /** Distinct STS-B test sentences spread over the file, with the genre of their part of it and their number. */
  static List<Document> corpus(Path csv) throws Exception {
    Map<String, Integer> genre = new LinkedHashMap<>();
    try (Reader reader = Files.newBufferedReader(csv, StandardCharsets.UTF_8)) {
      int row = 0;
      for (CSVRecord record : CSVFormat.DEFAULT.parse(reader)) {
        row++;
        int g = row <= 625 ? 0 : row <= 879 ? 1 : 2;
        genre.putIfAbsent(record.get(0), g);
        genre.putIfAbsent(record.get(1), g);
      }
    }
    List<String> texts = new ArrayList<>(genre.keySet());
    List<Document> out = new ArrayList<>();
    for (int i = 0; i < texts.size() && out.size() < SENTENCES; i += texts.size() / SENTENCES) {
      String text = texts.get(i);
      long n = out.size();
      out.add(Document.of(String.format("s%03d", n), text, Map.of("genre", GENRES.get(genre.get(text)), "n", n)));
    }
    assertEquals(SENTENCES, out.size());
    return out;
  }
}
