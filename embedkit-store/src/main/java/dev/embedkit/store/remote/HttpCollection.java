package dev.embedkit.store.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.Named;
import dev.embedkit.store.Chunk;
import dev.embedkit.store.ChunkSettings;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionInfo;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.Document;
import dev.embedkit.store.Field;
import dev.embedkit.store.HnswSettings;
import dev.embedkit.store.ModelRef;
import dev.embedkit.store.Page;
import dev.embedkit.store.Quantization;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.filter.FilterJson;
import dev.embedkit.vector.Metric;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * Differences from the embedded collection, forced by HTTP: a write larger than one request (at most
 * {@value #MAX_BATCH_DOCUMENTS} documents or about {@value #MAX_BATCH_BYTES} bytes of JSON, under the server's default
 * limits) is sent as several requests, each atomic on its own; {@link #clear()} deletes page by page; {@link #compact()}
 * is not offered (run {@code embedkit collection compact} on the server); {@link CollectionInfo#path()} is null. Errors
 * are {@link EmbedkitException}s with the server's one-line message and a kind from the HTTP status (400 invalid
 * input, 401 invalid input "unauthorized", 404 not found, 409 conflict, 429 overloaded, 503 or no connection
 * unavailable). Vectors travel as JSON numbers in each float's shortest form and are read back digit for digit.
 */
public final class HttpCollection implements Collection {
  /** Documents per write request. */
  public static final int MAX_BATCH_DOCUMENTS = 512;
  /** JSON bytes per write request (the server's default body limit is 2 MiB). */
  public static final int MAX_BATCH_BYTES = 1_500_000;
  /** Timeout of one request. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  private static final int CLEAR_PAGE = 1_000;

  private static final ObjectMapper JSON = new ObjectMapper()
      // Numbers are kept as written, so a float vector reads back exactly (not through a double).
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final URI base;
  private final String name;
  private final String apiKey;
  private final CollectionConfig config;

  private HttpCollection(URI base, String name, String apiKey) {
    CollectionConfig.checkName(name);
    this.base = base;
    this.name = name;
    this.apiKey = apiKey;
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
    return new HttpCollection(base(server), name, apiKey);
  }

  /** Creates a collection on a server ({@code PUT /collections/NAME}), then opens it; CONFLICT when it exists. */
  public static HttpCollection create(URI server, CollectionSpec spec, String apiKey) {
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
    send(base, apiKey, "PUT", "/collections/" + spec.name(), body);
    return new HttpCollection(base, spec.name(), apiKey);
  }

  /** Whether the server holds a collection of this name. */
  public static boolean exists(URI server, String name, String apiKey) {
    CollectionConfig.checkName(name);
    JsonNode list = send(base(server), apiKey, "GET", "/collections", null).path("collections");
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
      if (batch.size() == MAX_BATCH_DOCUMENTS) {
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
    long chunks = 0;
    ArrayNode batch = JSON.createArrayNode();
    int bytes = 0;
    for (int i = 0; i < documents.size(); i++) {
      Document document = documents.get(i);
      if (document == null) {
        throw EmbedkitException.invalidInputAt(i, "is null");
      }
      ObjectNode node = documentJson(document);
      int size = node.toString().length();
      if (batch.size() > 0 && (batch.size() == MAX_BATCH_DOCUMENTS || bytes + size > MAX_BATCH_BYTES)) {
        chunks += sendDocuments(batch, method);
        batch = JSON.createArrayNode();
        bytes = 0;
      }
      batch.add(node);
      bytes += size + 1;
    }
    if (batch.size() > 0) {
      chunks += sendDocuments(batch, method);
    }
    return chunks;
  }

  private long sendDocuments(ArrayNode documents, String method) {
    ObjectNode body = JSON.createObjectNode();
    body.set("documents", documents);
    return call(method, collectionPath("/documents"), body).path("chunks").asLong();
  }

  private static ObjectNode documentJson(Document document) {
    ObjectNode node = JSON.createObjectNode();
    node.put("id", document.id());
    if (document.text() != null) {
      node.put("text", document.text());
    }
    if (!document.metadata().isEmpty()) {
      node.set("metadata", JSON.valueToTree(document.metadata()));
    }
    if (document.vector() != null) {
      ArrayNode vector = node.putArray("vector");
      for (float v : document.vector()) {
        vector.add(v);
      }
    }
    if (document.image() != null) {
      node.put("image", document.image());
    }
    return node;
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
    ObjectNode body = JSON.createObjectNode();
    body.set("ids", JSON.valueToTree(ids));
    body.put("with_vectors", withVectors);
    return documents(call("POST", collectionPath("/documents/get"), body).path("documents"));
  }

  @Override
  public long delete(List<String> ids) {
    if (ids == null) {
      throw EmbedkitException.invalidInput("ids is null; give a list of document ids");
    }
    if (ids.isEmpty()) {
      return 0;
    }
    ObjectNode body = JSON.createObjectNode();
    body.set("ids", JSON.valueToTree(ids));
    return call("POST", collectionPath("/documents/delete"), body).path("deleted").asLong();
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

  // ------------------------------------------------------------------------------------------------------ reading

  private static CollectionConfig readConfig(JsonNode node) {
    String model = text(node.get("model"));
    JsonNode hnsw = node.path("hnsw");
    JsonNode chunking = node.path("chunking");
    return new CollectionConfig(node.path("name").asText(),
        model == null ? null : new ModelRef(model, text(node.get("model_fingerprint"))),
        node.path("dimensions").asInt(), Metric.fromString(node.path("similarity").asText()),
        new HnswSettings(hnsw.path("m").asInt(), hnsw.path("beam_width").asInt()),
        Quantization.fromString(node.path("quantization").asText()),
        new ChunkSettings(chunking.path("max_tokens").asInt(), chunking.path("overlap_tokens").asInt(),
            chunking.path("sentence_aware").asBoolean()),
        node.path("analyzer").asText());
  }

  private static List<StoredDocument> documents(JsonNode array) {
    List<StoredDocument> out = new ArrayList<>();
    for (JsonNode node : array) {
      String text = text(node.get("text"));
      List<StoredDocument.StoredChunk> chunks = new ArrayList<>();
      for (JsonNode chunk : node.path("chunks")) {
        int start = chunk.path("start").asInt();
        int end = chunk.path("end").asInt();
        String chunkText = text == null || end > text.length() ? null : text.substring(start, end);
        chunks.add(new StoredDocument.StoredChunk(new Chunk(chunk.path("index").asInt(), start, end, chunkText),
            floats(chunk.get("vector"))));
      }
      out.add(new StoredDocument(node.path("id").asText(), text, metadata(node.get("metadata")),
          text(node.get("image")), chunks));
    }
    return out;
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() ? null : node.asText();
  }

  /** A JSON array of floats, each parsed from its own digits (no rounding through a double). */
  private static float[] floats(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    float[] out = new float[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode value = node.get(i);
      out[i] = value.isBigDecimal() ? Float.parseFloat(value.decimalValue().toString()) : value.floatValue();
    }
    return out;
  }

  /** Metadata as the store normalises it: String, Long, Double, Boolean, or a list of those. */
  private static Map<String, Object> metadata(JsonNode node) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    node.fields().forEachRemaining(e -> {
      if (e.getValue().isArray()) {
        List<Object> values = new ArrayList<>();
        e.getValue().forEach(v -> values.add(scalar(v)));
        out.put(e.getKey(), values);
      } else {
        out.put(e.getKey(), scalar(e.getValue()));
      }
    });
    return out;
  }

  private static Object scalar(JsonNode value) {
    if (value.isIntegralNumber()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      return value.isBigDecimal() ? Double.parseDouble(value.decimalValue().toString()) : value.doubleValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return value.isNull() ? null : value.asText();
  }

  // ------------------------------------------------------------------------------------------------------ transport

  private String collectionPath(String rest) {
    return "/collections/" + name + rest;
  }

  private JsonNode call(String method, String path, JsonNode body) {
    return send(base, apiKey, method, path, body);
  }

  /** One request; the result of the envelope, or an EmbedkitException with the server's message. */
  private static JsonNode send(URI base, String apiKey, String method, String path, JsonNode body) {
    URI uri = URI.create(base + path.replace(" ", "%20"));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(DEFAULT_TIMEOUT).header("Accept", "application/json");
    if (apiKey != null) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    if (body != null) {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    HttpResponse<String> response;
    try {
      response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new EmbedkitException(ErrorKind.UNAVAILABLE, "cannot reach the embedkit server at " + base + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EmbedkitException(ErrorKind.UNAVAILABLE, "interrupted while calling the embedkit server at " + base, e);
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      json = null;
    }
    if (response.statusCode() == 200 && json != null && json.has("result")) {
      return json.get("result");
    }
    String message = json != null && json.path("status").has("error") ? json.path("status").path("error").asText()
        : "HTTP " + response.statusCode() + " with an unexpected body";
    String where = method + " " + path + " on " + base;
    throw new EmbedkitException(kind(response.statusCode()), message.replace('\n', ' ')
        + " (" + where + ", HTTP " + response.statusCode() + ")");
  }

  private static ErrorKind kind(int status) {
    return switch (status) {
      case 400, 401, 403, 413, 422 -> ErrorKind.INVALID_INPUT;
      case 404 -> ErrorKind.NOT_FOUND;
      case 409 -> ErrorKind.CONFLICT;
      case 429 -> ErrorKind.OVERLOADED;
      case 503 -> ErrorKind.UNAVAILABLE;
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
    String text = server.toString();
    return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
  }
}
