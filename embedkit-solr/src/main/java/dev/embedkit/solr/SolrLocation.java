package dev.embedkit.solr;

import dev.embedkit.EmbedkitException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a SolrCloud collection is, parsed from the backend's location keys: {@code solr} (comma-separated base URLs,
 * e.g. {@code http://127.0.0.1:8983/solr}) or {@code zk} (comma-separated ZooKeeper hosts, optionally followed by a
 * chroot: {@code zk1:2181,zk2:2181/solr}), {@code collection} (the Solr name; default the embedkit name),
 * {@code shards} and {@code replicas} (used at create; default 1 and 1).
 *
 * @param solrUrls base URLs, or empty when {@code zkHosts} is set
 * @param zkHosts ZooKeeper host:port list, or empty
 * @param chroot ZooKeeper chroot ("/solr"), or empty
 * @param collection the Solr collection's name, or null for the embedkit name
 * @param shards shards at create (1 or more)
 * @param replicas replicas per shard at create (1 or more)
 */
public record SolrLocation(List<String> solrUrls, List<String> zkHosts, Optional<String> chroot, String collection,
    int shards, int replicas) {
  /** The location keys this backend accepts. */
  public static final Set<String> KEYS = Set.of("solr", "zk", "collection", "shards", "replicas");
  public static final int MAX_SHARDS = 1024;
  public static final int MAX_REPLICAS = 64;

  public SolrLocation {
    solrUrls = List.copyOf(solrUrls);
    zkHosts = List.copyOf(zkHosts);
    if (solrUrls.isEmpty() == zkHosts.isEmpty()) {
      throw EmbedkitException.invalidInput("a Solr location needs exactly one of solr (base URLs, e.g."
          + " http://127.0.0.1:8983/solr) or zk (ZooKeeper hosts, e.g. zk1:2181,zk2:2181/solr)");
    }
    if (shards < 1 || shards > MAX_SHARDS) {
      throw EmbedkitException.invalidInput("shards is " + shards + "; accepted: 1 to " + MAX_SHARDS);
    }
    if (replicas < 1 || replicas > MAX_REPLICAS) {
      throw EmbedkitException.invalidInput("replicas is " + replicas + "; accepted: 1 to " + MAX_REPLICAS);
    }
  }

  /** Parses the location keys; an unknown key, a bad URL or number is refused in one line. */
  public static SolrLocation parse(Map<String, String> location) {
    if (location == null) {
      location = Map.of();
    }
    for (String key : location.keySet()) {
      if (!KEYS.contains(key)) {
        throw EmbedkitException.invalidInput("unknown Solr location key '" + key + "'; accepted: solr, zk, collection,"
            + " shards, replicas");
      }
    }
    List<String> urls = List.of();
    List<String> hosts = List.of();
    Optional<String> chroot = Optional.empty();
    String solr = location.get("solr");
    if (solr != null) {
      urls = split(solr);
      for (String url : urls) {
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
          throw EmbedkitException.invalidInput("Solr URL '" + url + "' is not an http(s) URL; accepted: base URLs"
              + " such as http://127.0.0.1:8983/solr, comma-separated");
        }
      }
    }
    String zk = location.get("zk");
    if (zk != null) {
      String hostsPart = zk.trim();
      int slash = hostsPart.indexOf('/');
      if (slash >= 0) {
        String root = hostsPart.substring(slash);
        chroot = root.equals("/") ? Optional.empty() : Optional.of(root);
        hostsPart = hostsPart.substring(0, slash);
      }
      hosts = split(hostsPart);
    }
    if (solr != null && zk != null) {
      throw EmbedkitException.invalidInput("give either solr (base URLs) or zk (ZooKeeper hosts), not both");
    }
    String collection = location.get("collection");
    if (collection != null) {
      dev.embedkit.store.CollectionConfig.checkName(collection);
    }
    return new SolrLocation(urls, hosts, chroot, collection, number(location, "shards"), number(location, "replicas"));
  }

  /** The Solr collection's name for an embedkit collection of this name. */
  public String remoteName(String embedkitName) {
    return collection != null ? collection : embedkitName;
  }

  /** The location as keys, the inverse of {@link #parse}. */
  public Map<String, String> toMap() {
    Map<String, String> out = new LinkedHashMap<>();
    if (!solrUrls.isEmpty()) {
      out.put("solr", String.join(",", solrUrls));
    } else {
      out.put("zk", String.join(",", zkHosts) + chroot.orElse(""));
    }
    if (collection != null) {
      out.put("collection", collection);
    }
    out.put("shards", Integer.toString(shards));
    out.put("replicas", Integer.toString(replicas));
    return out;
  }

  /** How the location is named in messages. */
  public String describe() {
    return solrUrls.isEmpty() ? "ZooKeeper " + String.join(",", zkHosts) + chroot.orElse("")
        : "Solr " + String.join(",", solrUrls);
  }

  private static List<String> split(String list) {
    List<String> parts = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    if (parts.isEmpty()) {
      throw EmbedkitException.invalidInput("an empty Solr location ('" + list + "'); accepted: comma-separated base"
          + " URLs (solr) or host:port pairs (zk)");
    }
    return parts;
  }

  private static int number(Map<String, String> location, String key) {
    String value = location.get(key);
    if (value == null) {
      return 1;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw EmbedkitException.invalidInput(key + " is '" + value + "'; accepted: a whole number, 1 or more");
    }
  }
}
