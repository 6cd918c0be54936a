package dev.embedkit.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Location keys and the one escaping function, without a cluster. */
class SolrLocationTest {
  @Test
  void parsesZooKeeperHostsWithAChrootAndUrlsRoundTrip() {
    SolrLocation zk = SolrLocation.parse(Map.of("zk", "zk1:2181, zk2:2181/solr", "shards", "2", "replicas", "3"));
    assertEquals(List.of("zk1:2181", "zk2:2181"), zk.zkHosts());
    assertEquals(Optional.of("/solr"), zk.chroot());
    assertEquals(2, zk.shards());
    assertEquals(3, zk.replicas());
    assertEquals("docs", zk.remoteName("docs"));
    assertEquals(zk, SolrLocation.parse(zk.toMap()));
    SolrLocation urls = SolrLocation.parse(Map.of("solr", "http://a:8983/solr,http://b:8983/solr", "collection", "c"));
    assertEquals(List.of("http://a:8983/solr", "http://b:8983/solr"), urls.solrUrls());
    assertEquals("c", urls.remoteName("docs"));
    assertEquals(1, urls.shards());
    assertEquals(urls, SolrLocation.parse(urls.toMap()));
  }

  @Test
  void refusesWhatItDoesNotKnowInOneLine() {
    List<Map<String, String>> bad = List.of(Map.of(), Map.of("zk", "a:1", "solr", "http://b/solr"),
        Map.of("zk", "a:1", "url", "x"), Map.of("solr", "ftp://x"), Map.of("zk", "a:1", "shards", "two"),
        Map.of("zk", "a:1", "replicas", "0"), Map.of("zk", " , "), Map.of("zk", "a:1", "collection", "../x"));
    for (Map<String, String> location : bad) {
      EmbedkitException e = assertThrows(EmbedkitException.class, () -> SolrLocation.parse(location), location::toString);
      assertEquals(ErrorKind.INVALID_INPUT, e.kind());
      assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
    assertEquals("unknown Solr location key 'url'; accepted: solr, zk, collection, shards, replicas",
        assertThrows(EmbedkitException.class, () -> SolrLocation.parse(Map.of("zk", "a:1", "url", "x"))).getMessage());
  }

  @Test
  void quoteEscapesOnlyBackslashesAndQuotesInsideQuotes() {
    for (String value : List.of("", "plain", "a\"b", "back\\", "\\\"", "x:y OR *", "é\uD83D\uDE00")) {
      String quoted = SolrFilters.quote(value);
      assertEquals('"', quoted.charAt(0));
      assertEquals('"', quoted.charAt(quoted.length() - 1));
      // reading it back as the query parser does (a backslash takes the next char literally) gives the value
      StringBuilder read = new StringBuilder();
      for (int i = 1; i < quoted.length() - 1; i++) {
        char c = quoted.charAt(i);
        if (c == '"') {
          throw new AssertionError("an unescaped quote ends the term early in " + quoted);
        }
        read.append(c == '\\' ? quoted.charAt(++i) : c);
      }
      assertEquals(value, read.toString());
    }
  }

  @Test
  void metadataNamesEncodeToDistinctPlainFieldNames() {
    List<String> names = List.of("a", "a_b", "a_005f_b", "a b", "a:b", "é", "tag:\"odd\" name*", "x_ss");
    java.util.Set<String> encoded = new java.util.HashSet<>();
    for (String name : names) {
      String field = SolrFields.encode(name);
      assertEquals(true, field.matches("[A-Za-z0-9_]+"), field);
      assertEquals(true, encoded.add(field), "two names share " + field);
    }
  }
}
