package dev.embedkit.solr.plugin;

import dev.embedkit.Embedkit;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrDocumentList;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * Run by {@link ShadedJarIT} in a JVM whose class path has Solr's jars and the shaded plugin jar instead of
 * embedkit-core, ONNX Runtime and DJL: indexes three documents through the plugin and searches them with {@code
 * {!embed}}. Prints one line and exits 0 when the plugin works from the shaded jar, 1 otherwise.
 */
public final class ShadedJarSmoke {
  private ShadedJarSmoke() {}

  public static void main(String[] args) throws Exception {
    System.setProperty("zookeeper.forceSync", "no");
    System.setProperty("solr.zookeeper.connectionStrategy", "org.apache.solr.cloud.TestConnectionStrategy");
    Path tmp = Path.of(args[0]);
    System.setProperty("solr.log.dir", tmp.resolve("logs").toString());
    String from = Embedkit.class.getProtectionDomain().getCodeSource().getLocation().toString();
    if (!from.endsWith("-solr-plugin.jar")) {
      fail("embedkit-core came from " + from + ", not the shaded jar");
    }
    Path conf = Path.of(ShadedJarSmoke.class.getResource("/configsets/embed/conf").toURI());
    MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(1, tmp.resolve("cluster")).addConfig("embed", conf).build();
    int status = 1;
    try {
      CloudSolrClient client = cluster.getSolrClient();
      CollectionAdminRequest.createCollection("smoke", "embed", 1, 1).process(client);
      cluster.waitForActiveCollection("smoke", 60, TimeUnit.SECONDS, 1, 1);
      client.add("smoke", List.of(doc("1", "The cat sleeps on the sofa."), doc("2", "Stock markets fell sharply today."),
          doc("3", "A recipe for lemon cake.")));
      client.commit("smoke");
      SolrDocumentList hits = client.query("smoke",
          new SolrQuery("{!embed f=vector topK=3}where is the kitten napping").setFields("id", "score", "vector")).getResults();
      SolrDocument top = hits.get(0);
      if (hits.size() != 3 || !"1".equals(top.get("id")) || ((List<?>) top.get("vector")).size() != 384) {
        fail("unexpected hits " + hits);
      }
      System.out.println("shaded jar OK: embedkit-core from " + from + ", top hit " + top.get("id") + " score "
          + top.get("score"));
      status = 0;
    } finally {
      cluster.shutdown();
    }
    System.exit(status);
  }

  private static SolrInputDocument doc(String id, String text) {
    SolrInputDocument d = new SolrInputDocument();
    d.addField("id", id);
    d.addField("text", text);
    return d;
  }

  private static void fail(String message) {
    System.out.println("shaded jar FAILED: " + message);
    System.exit(1);
  }
}
