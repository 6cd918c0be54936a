package dev.embedkit.solr;

import dev.embedkit.store.Query;
import dev.embedkit.store.SearchRequest;
import java.util.Map;

/**
 * Run by {@link SolrCollectionTest} in a child JVM whose class path is embedkit-solr's runtime class path only: opens a
 * collection, counts and searches it, and checks that no Jetty class is there to be loaded. Prints one line.
 */
public final class NoJettyChild {
  private NoJettyChild() {}

  public static void main(String[] args) {
    for (String jetty : new String[] {"org.eclipse.jetty.client.HttpClient", "org.eclipse.jetty.util.Jetty"}) {
      try {
        Class.forName(jetty);
        System.out.println("jetty=present " + jetty);
        System.exit(2);
      } catch (ClassNotFoundException expected) {
        // what this check is for
      }
    }
    try (SolrCollection collection = SolrCollections.open(Map.of("zk", args[0]), args[1], null)) {
      long count = collection.count();
      int hits = collection.search(SearchRequest.of(Query.like(args[2])).withTopK(3)).size();
      System.out.println("jetty=absent count=" + count + " hits=" + hits);
    }
  }
}
