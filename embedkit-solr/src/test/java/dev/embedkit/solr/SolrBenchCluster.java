package dev.embedkit.solr;

/**
 * The SolrCloud of {@link SolrBench}, in its own JVM so that the Solr nodes' heap, GC and threads are not the client's
 * (nor the embedded engine's): a {@link SolrTestCluster} of {@code args[0]} nodes on 127.0.0.1. Prints
 * {@code zk=HOST:PORT} once it is up, then holds the cluster until its standard input closes (the parent ended).
 */
public final class SolrBenchCluster {
  private SolrBenchCluster() {}

  public static void main(String[] args) throws Exception {
    int nodes = Integer.parseInt(args[0]);
    try (SolrTestCluster solr = SolrTestCluster.start(nodes)) {
      System.out.println("zk=" + solr.cluster.getZkServer().getZkAddress());
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold the cluster until the parent closes the pipe
      }
    }
    System.exit(0); // Solr leaves non-daemon threads behind
  }
}
