package dev.embedkit.server.http;

import dev.embedkit.EmbedkitException;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerConfig;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.ServerMetrics;
import dev.embedkit.server.api.ApiFamily;
import dev.embedkit.server.api.CollectionsApi;
import dev.embedkit.server.api.EmbedkitApi;
import dev.embedkit.server.api.OllamaApi;
import dev.embedkit.server.api.OpenAiApi;
import dev.embedkit.server.api.TeiApi;
import dev.embedkit.server.qdrant.QdrantApi;
import dev.embedkit.server.service.CollectionService;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.server.service.EvalReports;
import dev.embedkit.server.web.WebPage;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the Javalin app around the embedding and collection services, unstarted: the three embedding APIs' routes,
 * the collections API's, {@code /embedkit/models}, the web page at {@code /} ({@link WebPage}), {@code /health},
 * {@code /metrics}, and what every request passes through (request id, CORS, key, access log, metrics, error
 * mapping).
 */
public final class ServerApp {
  private static final Logger ACCESS = LoggerFactory.getLogger("embedkit.access");
  private static final String STARTED = "embedkit.started";

  private ServerApp() {}

  /**
   * @param ready whether the default model is loaded ({@code /health} answers 503 until then)
   * @param stopping set when a graceful stop begins: new work is refused with 503
   */
  public static Javalin create(ServerConfig config, EmbeddingService service, CollectionService collections,
      ServerMetrics metrics, String version, BooleanSupplier ready, AtomicBoolean stopping) {
    return create(config, service, collections, new QdrantApi(collections, service, ready), metrics, version, ready,
        stopping);
  }

  /** As above, with the Qdrant-compatible API the server shares between this app and its Qdrant port. */
  public static Javalin create(ServerConfig config, EmbeddingService service, CollectionService collections,
      QdrantApi qdrant, ServerMetrics metrics, String version, BooleanSupplier ready, AtomicBoolean stopping) {
    ApiKey key = config.apiKey() == null ? null : new ApiKey(config.apiKey());
    Cors cors = new Cors(config.corsOrigins());
    OpenAiApi openAi = new OpenAiApi(service, config.autoTruncate());
    OllamaApi ollama = new OllamaApi(service, config.autoTruncate(), version);
    TeiApi tei = new TeiApi(service, config.autoTruncate(), version);
    CollectionsApi collectionsApi = new CollectionsApi(collections, service);
    EmbedkitApi embedkitApi = new EmbedkitApi(service, new EvalReports(config.evalReports()), version);
    WebPage page = new WebPage();
    return Javalin.create(javalin -> {
      common(javalin, config, config.port(), "embedkit-http");
      javalin.routes.before(ctx -> before(ctx, config, key, cors, stopping, null));
      openAi.routes(javalin.routes);
      ollama.routes(javalin.routes);
      tei.routes(javalin.routes);
      collectionsApi.routes(javalin.routes);
      qdrant.routes(javalin.routes, QdrantApi.PREFIX);
      embedkitApi.routes(javalin.routes);
      page.routes(javalin.routes);
      javalin.routes.get("/health", ctx -> {
        if (stopping.get() || !ready.getAsBoolean()) {
          throw new ServerException(Problem.UNAVAILABLE, stopping.get() ? "the server is shutting down"
              : "the default model is still loading");
        }
        ctx.status(200).result("");
      });
      javalin.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
      errors(javalin, metrics);
    });
  }

  /**
   * The app of the Qdrant port ({@code --qdrant-port}): Qdrant's paths at the root, as a Qdrant server serves them
   * on 6333, over the same services (so the same collections, key, limits and admission) as the main app. Every
   * answer, the framework's errors included, is in Qdrant's shape.
   */
  public static Javalin createQdrant(ServerConfig config, QdrantApi qdrant, ServerMetrics metrics,
      AtomicBoolean stopping) {
    ApiKey key = config.apiKey() == null ? null : new ApiKey(config.apiKey());
    Cors cors = new Cors(config.corsOrigins());
    return Javalin.create(javalin -> {
      common(javalin, config, config.qdrantPort(), "embedkit-qdrant");
      javalin.routes.before(ctx -> before(ctx, config, key, cors, stopping, ApiFamily.QDRANT));
      qdrant.routes(javalin.routes, "");
      errors(javalin, metrics);
    });
  }

  private static void common(io.javalin.config.JavalinConfig javalin, ServerConfig config, int port, String threadName) {
    javalin.startup.showJavalinBanner = false;
    javalin.startup.showOldJavalinVersionWarning = false;
    javalin.http.prefer405over404 = true;
    javalin.http.maxRequestSize = config.limits().maxBodyBytes();
    javalin.jetty.host = config.host();
    javalin.jetty.port = port;
    QueuedThreadPool threads = new QueuedThreadPool(config.limits().maxConcurrentRequests() + 64, 8);
    threads.setName(threadName);
    javalin.jetty.threadPool = threads;
    javalin.jetty.modifyHttpConfiguration(http -> http.setSendServerVersion(false));
  }

  /** What every request passes first: start time, request id, CORS, shutdown, key. */
  private static void before(Context ctx, ServerConfig config, ApiKey key, Cors cors, AtomicBoolean stopping,
      ApiFamily pinned) {
    ctx.attribute(STARTED, System.nanoTime());
    if (pinned != null) {
      ctx.attribute(ApiFamily.ATTRIBUTE, pinned);
    }
    ctx.header(RequestIds.HEADER, RequestIds.choose(ctx.header(RequestIds.HEADER)));
    if (cors.apply(ctx)) {
      ctx.skipRemainingHandlers();
      return;
    }
    if (stopping.get() && !ctx.path().equals("/health")) {
      throw new ServerException(Problem.UNAVAILABLE, "the server is shutting down");
    }
    if (key == null || (pinned == null && open(ctx.method().name(), ctx.path(), config))
        || QdrantApi.isOpen(ctx.method().name(), ctx.path(), pinned == ApiFamily.QDRANT)) {
      return;
    }
    boolean qdrant = ApiFamily.of(ctx) == ApiFamily.QDRANT;
    if (key.accepts(ctx.header("Authorization")) || (qdrant && key.acceptsKey(ctx.header("api-key")))) {
      return;
    }
    boolean none = ctx.header("Authorization") == null && (!qdrant || ctx.header("api-key") == null);
    String how = qdrant ? "send the header 'api-key: KEY' or 'Authorization: Bearer KEY'" : "send the header 'Authorization: Bearer KEY'";
    throw new ServerException(Problem.UNAUTHORIZED, none ? "no API key; " + how
        : "the API key is not valid; " + how.replace("send the header", "send the server's key as"));
  }

  private static void errors(io.javalin.config.JavalinConfig javalin, ServerMetrics metrics) {
    javalin.routes.exception(ServerException.class, ErrorResponses::serverException);
    javalin.routes.exception(EmbedkitException.class, ErrorResponses::embedkitException);
    javalin.routes.exception(HttpResponseException.class, ErrorResponses::frameworkException);
    javalin.routes.exception(Exception.class, ErrorResponses::unexpected);
    javalin.requestLogger.http((ctx, ms) -> finished(ctx, ms, metrics));
  }

  /** Seconds since the request arrived (0 if the before-handler did not see it): Qdrant's "time". */
  public static double seconds(Context ctx) {
    Long started = ctx.attribute(STARTED);
    return started == null ? 0 : (System.nanoTime() - started) / 1e9;
  }

  /** Routes that need no key: health and the web page (it holds no data and asks for the key), metrics by choice. */
  private static boolean open(String method, String path, ServerConfig config) {
    return path.equals("/health") || WebPage.isPage(method, path) || (config.publicMetrics() && path.equals("/metrics"));
  }

  private static void finished(Context ctx, Float ms, ServerMetrics metrics) {
    Long started = ctx.attribute(STARTED);
    long nanos = started == null ? (long) (ms * 1e6) : System.nanoTime() - started;
    String route = route(ctx);
    int status = ctx.status().getCode();
    metrics.request(ctx.method().name(), route, status, nanos);
    if (ACCESS.isInfoEnabled()) {
      ACCESS.info("method={} path={} route={} status={} ms={} id={} remote={} api={} truncated={}", ctx.method(),
          ctx.path(), route, status, String.format(java.util.Locale.ROOT, "%.2f", nanos / 1e6),
          ctx.res().getHeader(RequestIds.HEADER), ctx.ip(), ApiFamily.of(ctx).name().toLowerCase(),
          ctx.res().getHeader("X-Truncated-Inputs") == null ? 0 : ctx.res().getHeader("X-Truncated-Inputs"));
    }
  }

  private static String route(Context ctx) {
    try {
      String path = ctx.endpoint().path;
      return path.equals("*") ? "unmatched" : path; // Javalin's stand-in endpoint for a 404
    } catch (RuntimeException e) {
      return "unmatched";
    }
  }
}
