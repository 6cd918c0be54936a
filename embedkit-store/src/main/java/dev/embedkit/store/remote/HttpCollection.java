package dev.embedkit.store.remote;

import static dev.embedkit.store.remote.RemoteJson.JSON;
import static dev.embedkit.store.remote.RemoteJson.documentJson;
import static dev.embedkit.store.remote.RemoteJson.documents;
import static dev.embedkit.store.remote.RemoteJson.floats;
import static dev.embedkit.store.remote.RemoteJson.metadata;
import static dev.embedkit.store.remote.RemoteJson.readConfig;
import static dev.embedkit.store.remote.RemoteJson.text;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.Named;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionInfo;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.Document;
import dev.embedkit.store.Field;
import dev.embedkit.store.Page;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.filter.FilterJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A collection held by an embedkit server, used through its {@code /collections} API with the JDK's HTTP client: the
 * same {@link Collection} interface as the embedded {@link dev.embedkit.store.LuceneCollection}, so code written
 * against one runs against the other.
 *
 * <pre>{@code
 * try (Collection docs = HttpCollection.open(URI.create("http://127.0.0.1:8080"), "docs", System.getenv("EMBEDKIT_KEY"))) {
 *   docs.upsert(List.of(Document.of("1", "A man is eating food.")));
 *   List<SearchHit> hits = docs.search(SearchRequest.of(Query.text("Someone eats")));
 * }
 * }</pre>
 *
 * Differences from the embedded collection, forced by HTTP: a write, get or delete by ids larger than one request (at
 * most {@link Options#maxDocuments()} documents or ids, default {@value #MAX_BATCH_DOCUMENTS}, and
 * {@link Options#maxBodyBytes()} UTF-8 bytes of JSON, default {@value #MAX_BATCH_BYTES}, under the server's default
 * 2 MiB) is sent as several requests, each atomic on its own; a batch the server still finds too large (413) is split
 * in two and resent; {@link #clear()} deletes page by page; {@link #compact()} is not offered (run
 * {@code embedkit collection compact} on the server); {@link CollectionInfo#path()} is null. Idempotent calls (reads,
 * upsert by id, deletes) answered 429 or 503 are retried {@link Options#retries()} times, after the server's
 * {@code Retry-After} or an exponential backoff; {@link #add} (which refuses existing ids) never is. Errors are
 * {@link RemoteException}s with the server's one-line message and a kind from the HTTP status (400, 413, 422 invalid
 * input; 401 and 403 invalid input "the server refused the API key"; 404 not found; 409 conflict; 429 overloaded;
 * 502, 503, 504 or no connection unavailable; a timeout unavailable, "no answer within Ns; the write may or may not
 * have been applied"). Vectors travel as JSON numbers in each float's shortest form and are read back digit for digit.
 */
public final class HttpCollection implements Collection {
  /** Documents per write request. */
  public static final int MAX_BATCH_DOCUMENTS = 512;
  /** JSON bytes per write request (the server's default body limit is 2 MiB). */
  public static final int MAX_BATCH_BYTES = 1_500_000;
  /** Timeout of one request. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final int CLEAR_PAGE = 1_000;
  private static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(30);

  /**
   * How requests are sent.
   *
   * @param timeout how long one request may take before it fails (default {@link #DEFAULT_TIMEOUT})
   * @param maxDocuments documents or ids per request (default {@value #MAX_BATCH_DOCUMENTS}; the server's
   *     {@code --max-inputs} caps it)
   * @param maxBodyBytes UTF-8 bytes of JSON per write request (default {@value #MAX_BATCH_BYTES}; keep it under the
   *     server's {@code --max-body-bytes})
   * @param retries extra tries of an idempotent call answered 429 or 503 (default 3), after the server's
   *     {@code Retry-After} (at most 30 s) or 0.5 s, 1 s, 2 s...
   */
  public record Options(Duration timeout, int maxDocuments, int maxBodyBytes, int retries) {
    public static final Options DEFAULTS = new Options(DEFAULT_TIMEOUT, MAX_BATCH_DOCUMENTS, MAX_BATCH_BYTES, 3);

    public Options {
      if (timeout == null || timeout.isNegative() || timeout.isZero()) {
        throw EmbedkitException.invalidInput("timeout is " + timeout + "; give a positive duration");
      }
      if (maxDocuments < 1 || maxBodyBytes < 1024 || retries < 0) {
        throw EmbedkitException.invalidInput("maxDocuments is " + maxDocuments + ", maxBodyBytes " + maxBodyBytes
            + ", retries " + retries + "; accepted: maxDocuments >= 1, maxBodyBytes >= 1024, retries >= 0");
      }
    }

    public Options withTimeout(Duration t) {
      return new Options(t, maxDocuments, maxBodyBytes, retries);
    }

    public Options withMaxDocuments(int n) {
      return new Options(timeout, n, maxBodyBytes, retries);
    }

    public Options withMaxBodyBytes(int n) {
      return new Options(timeout, maxDocuments, n, retries);
    }

    public Options withRetries(int n) {
      return new Options(timeout, maxDocuments, maxBodyBytes, n);
    }
  }

  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  private final URI base;
  private final String name;
  private final String apiKey;
  private final Options options;
  private final CollectionConfig config;

  private HttpCollection(URI base, String name, String apiKey, Options options) {
    CollectionConfig.checkName(name);
    this.base = base;
    this.name = name;
    this.apiKey = apiKey;
    this.options = options == null ? Options.DEFAULTS : options;
    this.config = readConfig(call("GET", collectionPath(""), null).path("config"));
  }

  /**
   * Opens a collection on a server.
   *
   * @param server the server's base URL, e.g. {@code http://127.0.0.1:8080}
   * @param apiKey the server's key (sent as {@code Authorization: Bearer KEY}), or null when it has none
   * @throws EmbedkitException NOT_FOUND when the server has no such collection, UNAVAILABLE when it cannot be reached
   */
  public static HttpCollection open(URI server, String name, String apiKey) {
    return open(server, name, apiKey, Options.DEFAULTS);
  }

  /** Opens a collection on a server, sending requests with these options. */
  public static HttpCollection open(URI server, String name, String apiKey, Options options) {
    return new HttpCollection(base(server), name, apiKey, options);
  }

  /** Creates a collection on a server ({@code PUT /collections/NAME}), then opens it; CONFLICT when it exists. */
  public static HttpCollection create(URI server, CollectionSpec spec, String apiKey) {
    return create(server, spec, apiKey, Options.DEFAULTS);
  }

  /** Creates a collection on a server, then opens it with these options. */
  public static HttpCollection create(URI server, CollectionSpec spec, String apiKey, Options options) {
    Options opts = options == null ? Options.DEFAULTS : options;
    URI base = base(server);
    ObjectNode body = JSON.createObjectNode();
    if (spec.model() != null) {
      body.put("model", spec.model());
    }
    if (spec.dimensions() != null) {
      body.put("dimensions", spec.dimensions());
    }
    if (spec.similarity() != null) {
      body.put("similarity", Named.of(spec.similarity()));
    }
    if (spec.hnsw() != null) {
      body.putObject("hnsw").put("m", spec.hnsw().m()).put("beam_width", spec.hnsw().beamWidth());
    }
    if (spec.quantization() != null) {
      body.put("quantization", Named.of(spec.quantization()));
    }
    if (spec.chunking() != null) {
      body.putObject("chunking").put("max_tokens", spec.chunking().maxTokens())
          .put("overlap_tokens", spec.chunking().overlapTokens())
          .put("sentence_aware", spec.chunking().sentenceAware());
    }
    if (spec.analyzer() != null) {
      body.put("analyzer", spec.analyzer());
    }
    CollectionConfig.checkName(spec.name());
    send(base, apiKey, opts, "PUT", "/collections/" + spec.name(), body, false);
    return new HttpCollection(base, spec.name(), apiKey, opts);
  }

  /** Whether the server holds a collection of this name. */
  public static boolean exists(URI server, String name, String apiKey) {
    CollectionConfig.checkName(name);
    JsonNode list = send(base(server), apiKey, Options.DEFAULTS, "GET", "/collections", null, true).path("collections");
    for (JsonNode collection : list) {
      if (name.equals(collection.path("name").asText())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public CollectionConfig config() {
    return config;
  }

  @Override
  public CollectionInfo info() {
    JsonNode result = call("GET", collectionPath(""), null);
    Map<String, Set<String>> fields = new LinkedHashMap<>();
    result.path("fields").fields().forEachRemaining(e -> {
      Set<String> kinds = new LinkedHashSet<>();
      e.getValue().forEach(kind -> kinds.add(kind.asText()));
      fields.put(e.getKey(), kinds);
    });
    return new CollectionInfo(readConfig(result.path("config")), null, result.path("documents").asLong(),
        result.path("chunks").asLong(), result.path("size_bytes").asLong(), result.path("segments").asInt(), fields);
  }

  @Override
  public long add(List<Document> documents) {
    return write(documents, "POST");
  }

  @Override
  public long upsert(List<Document> documents) {
    return write(documents, "PUT");
  }

  @Override
  public long ingest(Iterator<Document> documents, IngestListener listener) {
    IngestListener progress = listener == null ? IngestListener.NONE : listener;
    long written = 0;
    long chunks = 0;
    List<Document> batch = new ArrayList<>();
    while (documents.hasNext()) {
      batch.add(documents.next());
      if (batch.size() == options.maxDocuments()) {
        chunks += upsert(batch);
        written += batch.size();
        progress.written(written, chunks);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      chunks += upsert(batch);
      written += batch.size();
      progress.written(written, chunks);
    }
    return written;
  }

  /** Sends the documents in requests under the size limits; returns the chunks written. */
  private long write(List<Document> documents, String method) {
    if (documents == null) {
      throw EmbedkitException.invalidInput("documents is null; give a list of documents");
    }
    List<ObjectNode> nodes = new ArrayList<>(documents.size());
    for (int i = 0; i < documents.size(); i++) {
      Document document = documents.get(i);
      if (document == null) {
        throw EmbedkitException.invalidInputAt(i, "is null");
      }
      nodes.add(documentJson(document));
    }
    long chunks = 0;
    for (List<ObjectNode> batch : batches(nodes)) {
      chunks += sendDocuments(batch, method);
    }
    return chunks;
  }

  /** Consecutive runs of nodes, each at most maxDocuments long and about maxBodyBytes of UTF-8 JSON. */
  private <T extends JsonNode> List<List<T>> batches(List<T> nodes) {
    List<List<T>> out = new ArrayList<>();
    List<T> batch = new ArrayList<>();
    long bytes = 0;
    for (T node : nodes) {
      int size = utf8Bytes(node);
      if (!batch.isEmpty() && (batch.size() == options.maxDocuments() || bytes + size > options.maxBodyBytes())) {
        out.add(batch);
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(node);
      bytes += size + 1;
    }
    if (!batch.isEmpty()) {
      out.add(batch);
    }
    return out;
  }

  private static int utf8Bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node).length;
    } catch (JsonProcessingException e) {
      throw new EmbedkitException(ErrorKind.INTERNAL, "cannot write JSON: " + e.getOriginalMessage(), e);
    }
  }

  /**
   * One write request; when the server answers 413 (body too large) a batch of more than one document is split in
   * two and each half resent. Upserts (PUT, by id) are retried on 429 and 503; adds (POST) are not.
   */
  private long sendDocuments(List<ObjectNode> documents, String method) {
    ObjectNode body = JSON.createObjectNode();
    body.putArray("documents").addAll(documents);
    try {
      return send(base, apiKey, options, method, collectionPath("/documents"), body, method.equals("PUT"))
          .path("chunks").asLong();
    } catch (RemoteException e) {
      if (e.status() != 413 || documents.size() < 2) {
        throw e;
      }
      int half = documents.size() / 2;
      return sendDocuments(documents.subList(0, half), method)
          + sendDocuments(documents.subList(half, documents.size()), method);
    }
  }

  /** The ids as JSON strings, in requests under the limits. */
  private List<List<JsonNode>> idBatches(List<String> ids, String what) {
    List<JsonNode> nodes = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      if (ids.get(i) == null) {
        throw EmbedkitException.invalidInput(what + "[" + i + "] is null; give document ids");
      }
      nodes.add(JSON.getNodeFactory().textNode(ids.get(i)));
    }
    return batches(nodes);
  }

  @Override
  public Optional<StoredDocument> get(String id, boolean withVectors) {
    if (id == null) {
      throw EmbedkitException.invalidInput("id is null");
    }
    List<StoredDocument> found = get(List.of(id), withVectors);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
  }

  @Override
  public List<StoredDocument> get(List<String> ids, boolean withVectors) {
    if (ids == null) {
      throw EmbedkitException.invalidInput("ids is null; give a list of document ids");
    }
    List<StoredDocument> out = new ArrayList<>();
    for (List<JsonNode> batch : idBatches(ids, "ids")) {
      ObjectNode body = JSON.createObjectNode();
      body.putArray("ids").addAll(batch);
      body.put("with_vectors", withVectors);
      out.addAll(documents(call("POST", collectionPath("/documents/get"), body).path("documents")));
    }
    return out;
  }

  @Override
  public long delete(List<String> ids) {
    if (ids == null) {
      throw EmbedkitException.invalidInput("ids is null; give a list of document ids");
    }
    if (ids.isEmpty()) {
      return 0;
    }
    long deleted = 0;
    for (List<JsonNode> batch : idBatches(ids, "ids")) {
      ObjectNode body = JSON.createObjectNode();
      body.putArray("ids").addAll(batch);
      deleted += call("POST", collectionPath("/documents/delete"), body).path("deleted").asLong();
    }
    return deleted;
  }

  @Override
  public long delete(Filter filter) {
    if (filter == null) {
      throw EmbedkitException.invalidInput("filter is null; use clear() to delete every document");
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("filter", FilterJson.toJson(filter));
    return call("POST", collectionPath("/documents/delete"), body).path("deleted").asLong();
  }

  /** Deletes every document, a page of ids at a time (the API deletes by ids or filter only). */
  @Override
  public long clear() {
    long deleted = 0;
    while (true) {
      List<String> ids = scroll(null, CLEAR_PAGE, null, false).documents().stream().map(StoredDocument::id).toList();
      if (ids.isEmpty()) {
        return deleted;
      }
      deleted += delete(ids);
    }
  }

  @Override
  public long count() {
    return count(null);
  }

  @Override
  public long count(Filter filter) {
    ObjectNode body = JSON.createObjectNode();
    if (filter != null) {
      body.set("filter", FilterJson.toJson(filter));
    }
    return call("POST", collectionPath("/count"), body).path("count").asLong();
  }

  @Override
  public Page scroll(String after, int limit, Filter filter, boolean withVectors) {
    ObjectNode body = JSON.createObjectNode();
    if (after != null) {
      body.put("after", after);
    }
    body.put("limit", limit);
    if (filter != null) {
      body.set("filter", FilterJson.toJson(filter));
    }
    body.put("with_vectors", withVectors);
    JsonNode result = call("POST", collectionPath("/documents/scroll"), body);
    JsonNode next = result.get("next");
    return new Page(documents(result.path("documents")), next == null || next.isNull() ? null : next.asText());
  }

  @Override
  public List<SearchHit> search(SearchRequest request) {
    ObjectNode body = JSON.createObjectNode();
    Query query = request.query();
    if (query instanceof Query.Text text) {
      body.put("query", text.text());
    } else if (query instanceof Query.Vector vector) {
      ArrayNode array = body.putArray("vector");
      for (float v : vector.vector()) {
        array.add(v);
      }
    } else if (query instanceof Query.Image image) {
      body.put("image", image.source());
    } else if (query instanceof Query.LikeDocument like) {
      body.put("like", like.id());
    } else if (query instanceof Query.Keywords) {
      // sent as no query at all, it would come back as a different search
      throw EmbedkitException.unsupported("keyword-only queries are not in the server's /collections API; search"
          + " with a text query and hybrid (BM25 fused with the vector ranking), or open the collection embedded");
    }
    body.put("top_k", request.topK());
    body.put("offset", request.offset());
    if (request.filter() != null) {
      body.set("filter", FilterJson.toJson(request.filter()));
    }
    if (request.hybrid() != null) {
      body.putObject("hybrid").put("vector_weight", request.hybrid().vectorWeight())
          .put("keyword_weight", request.hybrid().keywordWeight()).put("rrf_k", request.hybrid().rrfK());
    }
    body.put("exact", request.exact());
    if (request.minScore() != null) {
      body.put("min_score", request.minScore());
    }
    body.put("ef_search", request.efSearch());
    body.put("granularity", Named.of(request.granularity()));
    ArrayNode fields = body.putArray("fields");
    request.fields().stream().sorted().forEach(f -> fields.add(Named.of(f)));

    List<SearchHit> hits = new ArrayList<>();
    for (JsonNode hit : call("POST", collectionPath("/search"), body).path("results")) {
      JsonNode chunk = hit.get("chunk");
      hits.add(new SearchHit(hit.path("id").asText(), hit.path("score").doubleValue(), text(hit.get("text")),
          request.fields().contains(Field.METADATA) ? metadata(hit.get("metadata")) : null,
          floats(hit.get("vector")),
          chunk == null || chunk.isNull() ? null : new Chunk(chunk.path("index").asInt(), chunk.path("start").asInt(),
              chunk.path("end").asInt(), text(chunk.get("text"))),
          text(hit.get("image"))));
    }
    return hits;
  }

  @Override
  public void compact() {
    throw EmbedkitException.unsupported("compact is not offered over HTTP; run `embedkit collection compact " + name
        + "` where the server keeps its collections");
  }

  /** Nothing to release: the HTTP client is shared. */
  @Override
  public void close() {}

  // ------------------------------------------------------------------------------------------------------ transport

  private String collectionPath(String rest) {
    return "/collections/" + name + rest;
  }

  /** A call that reads, or writes idempotently (upsert by id, delete): retried on 429 and 503. */
  private JsonNode call(String method, String path, JsonNode body) {
    return send(base, apiKey, options, method, path, body, true);
  }

  /** One request, retried on 429 and 503 when idempotent; the result of the envelope, or a RemoteException. */
  private static JsonNode send(URI base, String apiKey, Options options, String method, String path, JsonNode body,
      boolean idempotent) {
    for (int attempt = 0; ; attempt++) {
      try {
        return sendOnce(base, apiKey, options, method, path, body);
      } catch (RemoteException e) {
        boolean retriable = e.status() == 429 || e.status() == 503;
        if (!idempotent || !retriable || attempt >= options.retries()) {
          throw e;
        }
        Duration wait = e.retryAfter != null ? e.retryAfter : Duration.ofMillis(500L << Math.min(attempt, 6));
        try {
          Thread.sleep(Math.min(wait.toMillis(), MAX_RETRY_WAIT.toMillis()));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  private static JsonNode sendOnce(URI base, String apiKey, Options options, String method, String path,
      JsonNode body) {
    URI uri = URI.create(base + path.replace(" ", "%20"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(options.timeout())
        .header("Accept", "application/json");
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      byte[] bytes;
      try {
        bytes = JSON.writeValueAsBytes(body);
      } catch (JsonProcessingException e) {
        throw new EmbedkitException(ErrorKind.INTERNAL, "cannot write JSON: " + e.getOriginalMessage(), e);
      }
      request.method(method, HttpRequest.BodyPublishers.ofByteArray(bytes));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    String where = method + " " + path + " on " + base;
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpTimeoutException e) {
      boolean write = !method.equals("GET") && !path.endsWith("/search") && !path.endsWith("/get")
          && !path.endsWith("/scroll") && !path.endsWith("/count");
      throw new RemoteException(ErrorKind.UNAVAILABLE, "no answer within " + options.timeout().toSeconds() + "s ("
          + where + ")" + (write ? "; the write may or may not have been applied" : ""), 0, true, e);
    } catch (IOException e) {
      throw new RemoteException(ErrorKind.UNAVAILABLE, "cannot reach the embedkit server at " + base + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), 0, false, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteException(ErrorKind.UNAVAILABLE, "interrupted while calling the embedkit server at " + base, 0,
          false, e);
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      json = null;
    }
    int status = response.statusCode();
    if (status == 200 && json != null && json.has("result")) {
      return json.get("result");
    }
    String message = json != null && json.path("status").has("error") ? json.path("status").path("error").asText()
        : "HTTP " + status + " with an unexpected body";
    if (status == 401 || status == 403) {
      message = "the server refused the API key" + (apiKey == null ? " (none was given)" : "") + ": " + message;
    }
    RemoteException error = new RemoteException(kind(status), message.replace('\n', ' ') + " (" + where + ", HTTP "
        + status + ")", status, false, null);
    error.retryAfter = response.headers().firstValue("Retry-After").map(HttpCollection::seconds).orElse(null);
    throw error;
  }

  private static Duration seconds(String retryAfter) {
    try {
      return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
    } catch (NumberFormatException e) {
      return null; // an HTTP date: fall back to the backoff
    }
  }

  private static ErrorKind kind(int status) {
    return switch (status) {
      case 400, 401, 403, 413, 422 -> ErrorKind.INVALID_INPUT;
      case 404 -> ErrorKind.NOT_FOUND;
      case 409 -> ErrorKind.CONFLICT;
      case 429 -> ErrorKind.OVERLOADED;
      case 502, 503, 504 -> ErrorKind.UNAVAILABLE;
      default -> ErrorKind.INTERNAL;
    };
  }

  private static URI base(URI server) {
    if (server == null) {
      throw EmbedkitException.invalidInput("server URL is null; give e.g. http://127.0.0.1:8080");
    }
    String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || server.getHost() == null) {
      throw EmbedkitException.invalidInput("server URL must be http(s)://HOST[:PORT]; got " + server);
    }
    if (server.getRawQuery() != null || server.getRawFragment() != null || server.getRawUserInfo() != null) {
      throw EmbedkitException.invalidInput("server URL must be http(s)://HOST[:PORT][/PATH], without a query,"
          + " fragment or user:password@ (give the key as apiKey); got " + server.getScheme() + "://"
          + server.getHost() + (server.getPort() < 0 ? "" : ":" + server.getPort()) + "/...");
    }
    String text = server.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }
}
