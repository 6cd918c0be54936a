package dev.embedkit.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Document;
import dev.embedkit.store.ModelFingerprint;
import dev.embedkit.store.ModelRef;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.filter.Filter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmokeTest {
  @Test
  void smoke() throws Exception {
    try (SolrTestCluster c = SolrTestCluster.start(2); EmbeddingModel model = Embedkit.load("all-minilm-l6-v2")) {
      System.err.println("urls " + c.urls());
      CollectionConfig config = new CollectionConfig("smoke", new ModelRef("all-minilm-l6-v2",
          ModelFingerprint.of(model.info())), 384, model.info().similarity(), null, null, null, null);
      try (var col = (SolrCollection) new SolrBackend().create(config, c.zk("shards", "2", "replicas", "2"), model)) {
        assertEquals(3, col.add(List.of(Document.of("a", "A man is eating food.", Map.of("n", 1, "tag", "x:\"y")),
            Document.of("b", "A monkey plays drums.", Map.of("n", 2)), Document.of("c", "A cat sleeps."))));
        System.err.println(col.count() + " " + col.get("a", true));
        System.err.println(col.search(SearchRequest.of(Query.text("eating"))));
        System.err.println(col.count(Filter.eq("tag", "x:\"y")) + " " + col.count(Filter.ne("n", 1)));
        System.err.println(col.search(SearchRequest.of(Query.text("monkey drums")).withHybrid(dev.embedkit.store.Hybrid.DEFAULTS)));
        System.err.println(col.info());
      }
      try (var col = SolrCollections.open(c.zk(), "smoke", model)) {
        System.err.println(col.config());
      }
    }
  }
}
