package dev.embedkit.server;

import dev.embedkit.Embedkit;
import dev.embedkit.model.EmbedkitHome;
import dev.embedkit.model.Quantize;
import java.nio.file.Path;
import java.util.List;

/**
 * How a server runs. Start from {@link #defaults()} and change what differs:
 *
 * <pre>{@code
 * ServerConfig config = ServerConfig.defaults().withPort(0).withModels(List.of("all-minilm-l6-v2", "e5=e5-small-v2"));
 * try (EmbedkitServer server = EmbedkitServer.start(config)) {
 *   System.out.println(server.baseUrl() + "/v1/embeddings");
 * }
 * }</pre>
 *
 * @param host address to bind (loopback by default)
 * @param port port to bind; 0 picks a free one
 * @param models model specs: a name, folder or hub id, or {@code SERVED_NAME=SPEC}; the first is the default
 * @param apiKey the Bearer key every request but {@code /health} must carry (and {@code /metrics} unless
 *     {@code publicMetrics}); null for none
 * @param publicMetrics serve {@code /metrics} without the key
 * @param lazyModels load models after the first on their first request instead of at start
 * @param quantize weights for text models (NONE, or INT8 for the static int8 rewrite)
 * @param autoTruncate cut inputs longer than the model's window (true) or refuse them (false), when a request does
 *     not say
 * @param allowPrivateUrls let image URLs reach loopback, private and link-local addresses
 * @param corsOrigins origins allowed to call from a browser; empty for none (CORS off)
 * @param limits request and queue limits
 * @param collectionsRoot the folder of the collections served at {@code /collections} (one folder per collection);
 *     null for {@code $EMBEDKIT_HOME/collections}
 * @param evalReports the folder of kept evaluation reports the web page shows; null for
 *     {@code $EMBEDKIT_HOME/eval-reports}
 * @param qdrantPort the port of the Qdrant-compatible API (Qdrant's paths at its root, as on Qdrant's 6333); 0 for
 *     none (the API is always under {@code /qdrant} on the main port)
 */
public record ServerConfig(
    String host,
    int port,
    List<String> models,
    String apiKey,
    boolean publicMetrics,
    boolean lazyModels,
    Quantize quantize,
    boolean autoTruncate,
    boolean allowPrivateUrls,
    List<String> corsOrigins,
    ServerLimits limits,
    Path collectionsRoot,
    Path evalReports,
    int qdrantPort) {

  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServerConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("host must be set; host=" + host);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535; port=" + port);
    }
    models = List.copyOf(models == null || models.isEmpty() ? List.of(Embedkit.DEFAULT_MODEL) : models);
    if (apiKey != null && apiKey.isBlank()) {
      throw new IllegalArgumentException("apiKey must not be blank; leave it null for no key");
    }
    quantize = quantize == null ? Quantize.NONE : quantize;
    corsOrigins = List.copyOf(corsOrigins == null ? List.of() : corsOrigins);
    limits = limits == null ? ServerLimits.DEFAULTS : limits;
    collectionsRoot = collectionsRoot == null ? EmbedkitHome.path().resolve("collections") : collectionsRoot;
    evalReports = evalReports == null ? EmbedkitHome.evalReports() : evalReports;
    if (qdrantPort < 0 || qdrantPort > 65535) {
      throw new IllegalArgumentException("qdrantPort must be between 1 and 65535, or 0 for none; qdrantPort=" + qdrantPort);
    }
    if (qdrantPort != 0 && qdrantPort == port) {
      throw new IllegalArgumentException("qdrantPort must differ from port; both are " + port);
    }
  }

  /** The settings before the Qdrant-compatible port existed: no Qdrant port. */
  public ServerConfig(String host, int port, List<String> models, String apiKey, boolean publicMetrics,
      boolean lazyModels, Quantize quantize, boolean autoTruncate, boolean allowPrivateUrls, List<String> corsOrigins,
      ServerLimits limits, Path collectionsRoot, Path evalReports) {
    this(host, port, models, apiKey, publicMetrics, lazyModels, quantize, autoTruncate, allowPrivateUrls, corsOrigins,
        limits, collectionsRoot, evalReports, 0);
  }

  public static ServerConfig defaults() {
    return new ServerConfig(DEFAULT_HOST, DEFAULT_PORT, List.of(Embedkit.DEFAULT_MODEL), null, false, false, Quantize.NONE,
        true, false, List.of(), ServerLimits.DEFAULTS, null, null);
  }

  public ServerConfig withHost(String h) {
    return new ServerConfig(h, port, models, apiKey, publicMetrics, lazyModels, quantize, autoTruncate, allowPrivateUrls, corsOrigins, limits, collectionsRoot, evalReports, qdrantPort);
  }

  public ServerConfig withPort(int p) {
    return new ServerConfig(host, p, models, apiKey, publicMetrics, lazyModels, quantize, autoTruncate, allowPrivateUrls, corsOrigins, limits, collectionsRoot, evalReports, qdrantPort);
  }

  public ServerConfig withModels(List<String> m) {
    return new ServerConfig(host, port, m, apiKey, publicMetrics, lazyModels, quantize, autoTruncate, allowPrivateUrls, corsOrigins, limits, collectionsRoot, evalReports, qdrantPort);
  }

  public ServerConfig withApiKey(String key) {
    return new ServerConfig(host, port, models, key, publicMetrics, lazyModels, quantize, autoTruncate, allowPrivateUrls, corsOrigins, limits, collectionsRoot, evalReports, qdrantPort);
  }

  public ServerConfig withPublicMetrics(boolean open) {
    return new ServerConfig(host, port, models, apiKey, open, lazyModels, quantize, autoTruncate, allowPrivateUrls, corsOrigins, limits, collectionsRoot, evalReports, qdrantPort);
  }

  public ServerConfig withLazyModels(boolean lazy) {
    return new ServerConfig(host, port, models, apiKey, publicMetrics, lazy, quantize, autoTruncate, allowPrivateUrls, corsOrigins, limits, collectionsRoot, evalReports, qdrantPort);
  }

  public ServerConfig withQuantize(Quantize q) {
    return new ServerConfig(host, port, models, apiKey, publicMetrics, lazyModels, q, autoTruncate, allowPrivateUrls, corsOrigins, limits, collectionsRoot, evalReports, qdrantPort);
  }

  public ServerConfig withAutoTruncate(boolean t) {
    return new ServerConfig(host, port, models, apiKey, publicMetrics, lazyModels, quantize, t, allowPrivateUrls, corsOrigins, limits, collectionsRoot, evalReports, qdrantPort);
  }

  public ServerConfig withAllowPrivateUrls(boolean allow) {
    return new ServerConfig(host, port, models, apiKey, publicMetrics, lazyModels, quantize, autoTruncate, allow, corsOrigins, limits, collectionsRoot, evalReports, qdrantPort);
  }

  public ServerConfig withCorsOrigins(List<String> origins) {
    return new ServerConfig(host, port, models, apiKey, publicMetrics, lazyModels, quantize, autoTruncate, allowPrivateUrls, origins, limits, collectionsRoot, evalReports, qdrantPort);
  }

  public ServerConfig withLimits(ServerLimits l) {
    return new ServerConfig(host, port, models, apiKey, publicMetrics, lazyModels, quantize, autoTruncate, allowPrivateUrls, corsOrigins, l, collectionsRoot, evalReports, qdrantPort);
  }

  /** Shorthand for {@code withLimits(limits().withMaxConcurrentRequests(n))}. */
  public ServerConfig withMaxConcurrentRequests(int n) {
    return withLimits(limits.withMaxConcurrentRequests(n));
  }

  /** Shorthand for {@code withLimits(limits().withMaxBatchTokens(n))}. */
  public ServerConfig withMaxBatchTokens(int n) {
    return withLimits(limits.withMaxBatchTokens(n));
  }

  public ServerConfig withCollectionsRoot(Path root) {
    return new ServerConfig(host, port, models, apiKey, publicMetrics, lazyModels, quantize, autoTruncate, allowPrivateUrls, corsOrigins, limits, root, evalReports, qdrantPort);
  }

  public ServerConfig withEvalReports(Path folder) {
    return new ServerConfig(host, port, models, apiKey, publicMetrics, lazyModels, quantize, autoTruncate, allowPrivateUrls, corsOrigins, limits, collectionsRoot, folder, qdrantPort);
  }

  /** Serves the Qdrant-compatible API at the root of this port too (0: only under /qdrant on the main port). */
  public ServerConfig withQdrantPort(int p) {
    return new ServerConfig(host, port, models, apiKey, publicMetrics, lazyModels, quantize, autoTruncate, allowPrivateUrls, corsOrigins, limits, collectionsRoot, evalReports, p);
  }
}
