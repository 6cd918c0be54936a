package dev.embedkit.server.cli;

import dev.embedkit.EmbedkitException;
import dev.embedkit.model.Quantize;
import dev.embedkit.server.EmbedkitServer;
import dev.embedkit.server.ServerConfig;
import dev.embedkit.server.ServerLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * {@code embedkit serve}: the HTTP server in the foreground until SIGTERM or Ctrl-C, which stop it gracefully (no
 * new connections, requests in flight finish) and exit 0.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serve embeddings over HTTP: OpenAI (POST /v1/embeddings), Ollama (POST /api/embed) and TEI "
        + "(POST /embed) APIs at once, several models, images for image models; collections with semantic search "
        + "(/collections), also through a Qdrant-compatible API (/qdrant, or the root of --qdrant-port); /health,"
        + " /metrics.",
        "Stops gracefully on SIGTERM or Ctrl-C (requests in flight finish) and exits 0."})
public final class ServeCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = ServerConfig.DEFAULT_HOST,
      description = "Address to bind (default: ${DEFAULT-VALUE}, loopback only; 0.0.0.0 for every interface).")
  String host;

  @Option(names = {"-p", "--port"}, paramLabel = "PORT", defaultValue = "" + ServerConfig.DEFAULT_PORT,
      description = "Port to bind; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = {"-m", "--model"}, paramLabel = "[NAME=]MODEL",
      description = "A model to serve: built-in name, hub alias or repo id, or folder; NAME=MODEL serves it as NAME. "
          + "Repeat for several; the first is the default (default: all-minilm-l6-v2).")
  List<String> models = new ArrayList<>();

  @Option(names = "--lazy", description = "Load models after the first on their first request instead of at start.")
  boolean lazy;

  @Option(names = "--api-key", paramLabel = "KEY",
      description = "Require 'Authorization: Bearer KEY' on every route but /health. Prefer --api-key-file: "
          + "arguments are visible to other users of the machine.")
  String apiKey;

  @Option(names = "--api-key-file", paramLabel = "FILE", description = "Read the key from FILE (first line).")
  Path apiKeyFile;

  @Option(names = "--public-metrics", description = "Serve /metrics without the key.")
  boolean publicMetrics;

  @Option(names = "--quantize", paramLabel = "none|int8", defaultValue = "none",
      description = "Run fp32 text models' dense layers in int8 (about twice as fast; default: ${DEFAULT-VALUE}).")
  String quantize;

  @Option(names = "--auto-truncate", paramLabel = "true|false", defaultValue = "true", arity = "1",
      description = "Cut inputs longer than the model's window (true) or refuse them with the API's error (false), "
          + "when a request does not say (default: ${DEFAULT-VALUE}).")
  boolean autoTruncate;

  @Option(names = "--max-batch-tokens", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_BATCH_TOKENS,
      description = "Token budget of one inference call; concurrent requests are merged up to it (default: ${DEFAULT-VALUE}).")
  int maxBatchTokens;

  @Option(names = "--max-concurrent-requests", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_CONCURRENT_REQUESTS,
      description = "Embedding requests admitted at once; more get 429 with Retry-After (default: ${DEFAULT-VALUE}).")
  int maxConcurrentRequests;

  @Option(names = "--max-queued-tokens", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_QUEUED_TOKENS,
      description = "Tokens admitted and not yet embedded; more get 429 with Retry-After (default: ${DEFAULT-VALUE}).")
  long maxQueuedTokens;

  @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_BODY_BYTES,
      description = "Largest request body; more gets 413 (default: ${DEFAULT-VALUE}).")
  long maxBodyBytes;

  @Option(names = "--max-inputs", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_INPUTS,
      description = "Inputs per request (default: ${DEFAULT-VALUE}).")
  int maxInputs;

  @Option(names = "--max-request-tokens", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_REQUEST_TOKENS,
      description = "Tokens per request after truncation (default: ${DEFAULT-VALUE}).")
  int maxRequestTokens;

  @Option(names = "--max-image-bytes", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_IMAGE_BYTES,
      description = "Encoded size of one image (default: ${DEFAULT-VALUE}).")
  long maxImageBytes;

  @Option(names = "--max-image-pixels", paramLabel = "N", defaultValue = "" + ServerLimits.DEFAULT_MAX_IMAGE_PIXELS,
      description = "Width x height of one image (default: ${DEFAULT-VALUE}).")
  long maxImagePixels;

  @Option(names = "--allow-private-urls",
      description = "Let image URLs reach loopback, private and link-local addresses (refused by default: a request "
          + "must not probe the server's network).")
  boolean allowPrivateUrls;

  @Option(names = "--cors-origin", paramLabel = "ORIGIN",
      description = "Allow browsers on ORIGIN (e.g. http://localhost:3000, or * for any) to call the server. Repeatable. Default: none.")
  List<String> corsOrigins = new ArrayList<>();

  @Option(names = "--collections", paramLabel = "DIR",
      description = "Folder of the collections served at /collections, one folder each (default: "
          + "$EMBEDKIT_HOME/collections). Each is opened for writing on first use and kept open.")
  Path collections;

  @Option(names = "--qdrant-port", paramLabel = "PORT", defaultValue = "0",
      description = "Also serve the Qdrant-compatible API at the root of PORT (e.g. 6333, Qdrant's), so a Qdrant client"
          + " needs only the URL. It is always under /qdrant on the main port. Default: 0 (no own port).")
  int qdrantPort;

  @Override
  public Integer call() {
    ServerConfig config = config();
    PrintWriter err = spec.commandLine().getErr();
    CountDownLatch stop = new CountDownLatch(1);
    for (String name : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(name), signal -> stop.countDown());
    }
    err.println("embedkit: loading " + String.join(", ", config.models()) + "...");
    err.flush();
    try (EmbedkitServer server = EmbedkitServer.start(config)) {
      err.println("embedkit: serving " + String.join(", ", config.models()) + " on " + server.baseUrl()
          + " (OpenAI " + server.baseUrl() + "/v1, Ollama " + server.baseUrl() + "/api, TEI " + server.baseUrl()
          + "/embed, collections " + server.baseUrl() + "/collections in " + config.collectionsRoot() + ", Qdrant "
          + server.qdrantUrl() + "); web page "
          + server.baseUrl() + "/ ; Ctrl-C stops");
      err.flush();
      stop.await();
      err.println("embedkit: stopping (requests in flight finish)...");
      err.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    err.println("embedkit: stopped");
    err.flush();
    return 0;
  }

  private ServerConfig config() {
    String key = apiKey;
    if (apiKeyFile != null) {
      if (apiKey != null) {
        throw EmbedkitException.invalidInput("give --api-key or --api-key-file, not both");
      }
      try {
        List<String> lines = Files.readAllLines(apiKeyFile, StandardCharsets.UTF_8);
        key = lines.isEmpty() ? "" : lines.get(0).strip();
      } catch (IOException e) {
        throw EmbedkitException.invalidInput("cannot read --api-key-file " + apiKeyFile + ": " + dev.embedkit.io.IoErrors.reason(e));
      }
      if (key.isEmpty()) {
        throw EmbedkitException.invalidInput("--api-key-file " + apiKeyFile + " is empty; put the key on its first line");
      }
    }
    try {
      ServerLimits limits = new ServerLimits(maxBodyBytes, maxInputs, maxRequestTokens, maxBatchTokens, maxConcurrentRequests,
          maxQueuedTokens, maxImageBytes, maxImagePixels);
      return new ServerConfig(host, port, models, key, publicMetrics, lazy, Quantize.fromString(quantize), autoTruncate,
          allowPrivateUrls, corsOrigins, limits, collections, null, qdrantPort);
    } catch (IllegalArgumentException e) {
      throw EmbedkitException.invalidInput(e.getMessage().replace("maxBodyBytes", "--max-body-bytes")
          .replace("maxInputs", "--max-inputs").replace("maxRequestTokens", "--max-request-tokens")
          .replace("maxBatchTokens", "--max-batch-tokens").replace("maxConcurrentRequests", "--max-concurrent-requests")
          .replace("maxQueuedTokens", "--max-queued-tokens").replace("maxImageBytes", "--max-image-bytes")
          .replace("maxImagePixels", "--max-image-pixels").replace("apiKey", "--api-key")
          .replace("qdrantPort", "--qdrant-port"));
    }
  }
}
