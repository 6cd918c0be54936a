package dev.embedkit.server;

import dev.embedkit.model.LoadOptions;
import dev.embedkit.server.http.ServerApp;
import dev.embedkit.server.qdrant.QdrantApi;
import java.util.List;
import dev.embedkit.server.service.Admission;
import dev.embedkit.server.service.CollectionService;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.server.service.ServedModels;
import io.javalin.Javalin;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.handler.StatisticsHandler;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * embedkit's HTTP server: OpenAI ({@code /v1}), Ollama ({@code /api}) and TEI (everything else) embedding APIs
 * over one batching {@link EmbeddingService}, and collections with semantic search ({@code /collections}) over one
 * {@link CollectionService}.
 *
 * <pre>{@code
 * try (EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0))) {
 *   URI embeddings = URI.create(server.baseUrl() + "/v1/embeddings");
 * }
 * }</pre>
 */
public final class EmbedkitServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbedkitServer.class);
  /** How long {@link #close()} waits for requests in flight. */
  public static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

  private final ServerConfig config;
  private final ServerMetrics metrics = new ServerMetrics();
  private final EmbeddingService service;
  private final CollectionService collections;
  private final Javalin app;
  /** The Qdrant-compatible API at the root of its own port, or null without {@code --qdrant-port}. */
  private final Javalin qdrantApp;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private volatile boolean ready;
  private boolean closed;

  private EmbedkitServer(ServerConfig config) {
    this.config = config;
    LoadOptions load = LoadOptions.DEFAULTS.withQuantize(config.quantize());
    Admission admission = new Admission(config.limits().maxConcurrentRequests(), config.limits().maxQueuedTokens());
    ServedModels models = new ServedModels(config.models(), load, config.limits().maxBatchTokens(), metrics, admission::arriving);
    this.service = new EmbeddingService(models, admission, config.limits(), config.allowPrivateUrls(), metrics);
    this.collections = new CollectionService(config.collectionsRoot(), models, load, service.imageLoader());
    QdrantApi qdrant = new QdrantApi(collections, service, () -> ready);
    this.app = ServerApp.create(config, service, collections, qdrant, metrics, version(), () -> ready, stopping);
    this.qdrantApp = config.qdrantPort() == 0 ? null : ServerApp.createQdrant(config, qdrant, metrics, stopping);
  }

  /**
   * Binds the port, then loads the default model (and the others unless lazy); returns when it is ready. Until
   * then {@code /health} answers 503. A model that fails to load stops the server and is thrown.
   */
  public static EmbedkitServer start(ServerConfig config) {
    EmbedkitServer server = new EmbedkitServer(config);
    server.app.start();
    try {
      if (server.qdrantApp != null) {
        server.qdrantApp.start();
      }
      server.service.models().loadAtStart(config.lazyModels());
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    server.ready = true;
    LOG.info("serving {} on {}{}", server.service.models().names(), server.baseUrl(),
        server.qdrantApp == null ? "" : " (Qdrant-compatible API on " + server.qdrantUrl() + ")");
    return server;
  }

  public int port() {
    return app.port();
  }

  /** {@code http://HOST:PORT} (IPv6 hosts in brackets). */
  public String baseUrl() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + port();
  }

  /** The Qdrant port actually bound, or 0 when the server has none. */
  public int qdrantPort() {
    return qdrantApp == null ? 0 : qdrantApp.port();
  }

  /**
   * Where a Qdrant client points: {@code http://HOST:QDRANT_PORT} with {@code --qdrant-port}, else the main port's
   * {@code /qdrant} prefix.
   */
  public String qdrantUrl() {
    if (qdrantApp == null) {
      return baseUrl() + QdrantApi.PREFIX;
    }
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return "http://" + host + ":" + qdrantPort();
  }

  public ServerConfig config() {
    return config;
  }

  /**
   * Stops gracefully: no new connections, requests in flight finish (up to {@link #DRAIN_TIMEOUT}), then the
   * collections, batchers and models close. Closing twice does nothing.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopping.set(true);
    List<Javalin> apps = qdrantApp == null ? List.of(app) : List.of(app, qdrantApp);
    for (Javalin each : apps) {
      for (Connector connector : each.jettyServer().server().getConnectors()) {
        if (connector instanceof NetworkConnector network) {
          network.shutdown(); // stops accepting; open connections finish their requests
        }
      }
    }
    // Jetty's own count of requests being handled (Javalin installs a StatisticsHandler in every server)
    IntSupplier active = () -> apps.stream().mapToInt(EmbedkitServer::active).sum();
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    while (active.getAsInt() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (active.getAsInt() > 0) {
      LOG.warn("stopping with {} requests still in flight after {} s", active.getAsInt(), DRAIN_TIMEOUT.toSeconds());
    }
    apps.forEach(Javalin::stop);
    collections.close(); // before the models its collections embed with
    service.close();
    metrics.close();
  }

  private static int active(Javalin app) {
    StatisticsHandler stats = app.jettyServer().server().getDescendant(StatisticsHandler.class);
    return stats == null ? 0 : stats.getRequestsActive();
  }

  static String version() {
    String version = EmbedkitServer.class.getPackage().getImplementationVersion();
    return version == null ? "0.1.0-SNAPSHOT" : version;
  }
}
