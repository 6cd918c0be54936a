package dev.embedkit.solr;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.solr.cloud.MiniSolrCloudCluster;

/**
 * A real SolrCloud in the test JVM (MiniSolrCloudCluster: ZooKeeper and two Solr 9.10 nodes on 127.0.0.1), started
 * once per test class.
 */
final class SolrTestCluster implements AutoCloseable {
  final MiniSolrCloudCluster cluster;
  final Path dir;

  private SolrTestCluster(MiniSolrCloudCluster cluster, Path dir) {
    this.cluster = cluster;
    this.dir = dir;
  }

  static SolrTestCluster start(int nodes) throws Exception {
    // Without these, ZooKeeper fsyncs every write (slow on shared disks) and expiring a session fails (SCALEOUT.md).
    System.setProperty("zookeeper.forceSync", "no");
    System.setProperty("solr.zookeeper.connectionStrategy", "org.apache.solr.cloud.TestConnectionStrategy");
    System.setProperty("host", "127.0.0.1");
    Path dir = Files.createTempDirectory("embedkit-solr");
    return new SolrTestCluster(new MiniSolrCloudCluster.Builder(nodes, dir).build(), dir);
  }

  /** The backend's location: ZooKeeper, plus the given keys. */
  Map<String, String> zk(String... keys) {
    java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
    out.put("zk", cluster.getZkServer().getZkAddress());
    for (int i = 0; i < keys.length; i += 2) {
      out.put(keys[i], keys[i + 1]);
    }
    return out;
  }

  /** The nodes' base URLs. */
  List<String> urls() {
    return cluster.getJettySolrRunners().stream().map(j -> j.getBaseUrl().toString()).toList();
  }

  @Override
  public void close() throws Exception {
    try {
      cluster.shutdown();
    } finally {
      try (var paths = Files.walk(dir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
