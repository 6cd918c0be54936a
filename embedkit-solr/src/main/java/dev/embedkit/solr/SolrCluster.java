package dev.embedkit.solr;

import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.solr.client.solrj.impl.CloudLegacySolrClient;
import org.apache.solr.client.solrj.impl.CloudSolrClient;
import org.apache.solr.client.solrj.impl.HttpSolrClient;
import org.apache.solr.client.solrj.impl.LBHttpSolrClient;
import org.apache.solr.client.solrj.request.ZookeeperReadApi;
import org.apache.solr.common.cloud.DocCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A connection to a SolrCloud cluster through SolrJ's {@link CloudLegacySolrClient} (Apache HttpClient 4.5: no Jetty
 * on the class path, so embedkit-solr can share a JVM with the server's Jetty 12), with bounded timeouts and retries.
 *
 * <p>Timeouts: {@value #CONNECT_TIMEOUT_MS} ms to connect to a node or to ZooKeeper, so an unreachable cluster fails
 * in seconds; {@value #SOCKET_TIMEOUT_MS} ms for a reply. Retries ({@link #call}): a request that fails because a
 * node, a leader or ZooKeeper is missing is tried again with growing pauses for up to about
 * {@value #RETRY_BUDGET_MS} ms, then fails with one UNAVAILABLE line. Every embedkit write is idempotent (fixed ids),
 * so a retried write cannot duplicate documents.
 */
final class SolrCluster implements AutoCloseable {
  static final int CONNECT_TIMEOUT_MS = 5_000;
  static final int SOCKET_TIMEOUT_MS = 120_000;
  static final int ZK_SESSION_TIMEOUT_MS = 15_000;
  static final long RETRY_BUDGET_MS = 30_000;
  private static final Logger LOG = LoggerFactory.getLogger(SolrCluster.class);

  private final SolrLocation location;
  private final CloudSolrClient client;
  private volatile long retryBudgetMs = RETRY_BUDGET_MS;

  private SolrCluster(SolrLocation location, CloudSolrClient client) {
    this.location = location;
    this.client = client;
  }

  /** Connects (reads the live nodes once); an unreachable cluster is an UNAVAILABLE error within seconds. */
  static SolrCluster connect(SolrLocation location) {
    CloudSolrClient client = null;
    try {
      HttpSolrClient.Builder http = new HttpSolrClient.Builder()
          .withConnectionTimeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .withSocketTimeout(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      LBHttpSolrClient.Builder lb = new LBHttpSolrClient.Builder().withHttpSolrClientBuilder(http)
          .withConnectionTimeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .withSocketTimeout(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      CloudLegacySolrClient.Builder builder = location.zkHosts().isEmpty()
          ? new CloudLegacySolrClient.Builder(location.solrUrls())
          : new CloudLegacySolrClient.Builder(location.zkHosts(), location.chroot())
              .withZkConnectTimeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .withZkClientTimeout(ZK_SESSION_TIMEOUT_MS, TimeUnit.MILLISECONDS);
      client = builder.withLBHttpSolrClientBuilder(lb)
          .withConnectionTimeout(CONNECT_TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .withSocketTimeout(SOCKET_TIMEOUT_MS, TimeUnit.MILLISECONDS)
          .build();
      Set<String> live = client.getClusterStateProvider().getLiveNodes();
      if (live.isEmpty()) {
        throw new EmbedkitException(ErrorKind.UNAVAILABLE, "SolrCloud at " + location.describe()
            + " has no live nodes");
      }
      return new SolrCluster(location, client);
    } catch (RuntimeException e) {
      closeQuietly(client);
      if (e instanceof EmbedkitException embedkit) {
        throw embedkit;
      }
      throw new EmbedkitException(ErrorKind.UNAVAILABLE, "cannot reach SolrCloud at " + location.describe() + ": "
          + SolrErrors.detail(e), e);
    }
  }

  /** How long {@link #call} keeps retrying (tests shorten it). */
  void retryBudget(long milliseconds) {
    this.retryBudgetMs = milliseconds;
  }

  SolrLocation location() {
    return location;
  }

  CloudSolrClient client() {
    return client;
  }

  interface SolrCall<T> {
    T run() throws Exception;
  }

  /** Runs a request, retrying what a missing node or leader makes fail, then fails with one line naming it. */
  <T> T call(String what, SolrCall<T> call) {
    long budget = retryBudgetMs;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(budget);
    long pause = 250;
    int attempt = 1;
    while (true) {
      try {
        return call.run();
      } catch (Exception e) {
        if (!SolrErrors.retryable(e) || System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(pause) > deadline) {
          EmbedkitException error = SolrErrors.of(what, e);
          if (attempt > 1 && error.kind() == ErrorKind.UNAVAILABLE) {
            throw new EmbedkitException(ErrorKind.UNAVAILABLE, error.getMessage() + " (after " + attempt + " tries in "
                + budget / 1000.0 + " s; not acknowledged, it may be partly written: retry it with upsert when the"
                + " cluster is back)", e);
          }
          throw error;
        }
        LOG.warn("{} failed (try {}), retrying in {} ms: {}", what, attempt, pause, SolrErrors.detail(e));
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw SolrErrors.of(what + " (interrupted)", e);
        }
        pause = Math.min(pause * 2, 4_000);
        attempt++;
      }
    }
  }

  /** The Solr collection's state, or null when there is none. */
  DocCollection collection(String name) {
    try {
      var ref = client.getClusterStateProvider().getState(name);
      return ref == null ? null : ref.get();
    } catch (RuntimeException e) {
      throw SolrErrors.of("cannot read the state of Solr collection '" + name + "'", e);
    }
  }

  /** The collection's properties ({@code collectionprops.json} in ZooKeeper), empty when it has none. */
  @SuppressWarnings("unchecked")
  Map<String, String> properties(String name) {
    return call("cannot read the properties of Solr collection '" + name + "'", () -> {
      ZookeeperReadApi.ReadNode read = new ZookeeperReadApi.ReadNode("/collections/" + name + "/collectionprops.json");
      byte[] bytes;
      try {
        var response = read.process(client);
        try (InputStream in = response.getResponseStream()) {
          bytes = in.readAllBytes();
        }
      } catch (org.apache.solr.common.SolrException e) {
        if (e.code() == 404) {
          return Map.of();
        }
        throw e;
      }
      if (bytes.length == 0) {
        return Map.of();
      }
      Object parsed = new com.fasterxml.jackson.databind.ObjectMapper().readValue(
          new String(bytes, StandardCharsets.UTF_8), Map.class);
      return (Map<String, String>) parsed;
    });
  }

  @Override
  public void close() {
    closeQuietly(client);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    if (closeable == null) {
      return;
    }
    try {
      closeable.close();
    } catch (Exception | Error ignored) {
      // closing a client after a failure: the failure is what the caller needs
    }
  }

}
