package dev.embedkit.spark;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A user's job as SparkSubmitSolrIT submits it, in a jar of its own: read JSON lines, embed, write into SolrCloud.
 * Arguments: input, ZooKeeper address, collection.
 */
public final class SolrSinkJob {
  private SolrSinkJob() {}

  public static void main(String[] args) {
    SparkSession spark = SparkSession.builder().appName("embedkit-solr-sink-job").getOrCreate();
    try {
      Dataset<Row> docs = spark.read().json(args[0]);
      Dataset<Row> embedded = new EmbedkitEmbedder().setInputCol("text").transform(docs);
      EmbedkitSink.to("solr", Map.of("zk", args[1]), args[2]).withIdColumn("id").write(embedded);
    } finally {
      spark.stop();
    }
  }
}
