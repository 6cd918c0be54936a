package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.qdrant.QdrantWrites.PayloadEdit;
import dev.embedkit.server.service.Admission;
import dev.embedkit.server.service.CollectionService;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The Qdrant-compatible REST API: Qdrant's paths, bodies, envelope and statuses over the server's
 * {@link CollectionService} (the same collections {@code /collections} serves) and {@link EmbeddingService} (for
 * Documents). Served under {@link #PREFIX} on the main port, and at the root of {@code --qdrant-port}.
 *
 * <pre>
 * GET    /                                          {"title": "qdrant - vector search engine", "version"} (unwrapped)
 * GET    /collections                               {"collections": [{"name"}]}
 * PUT    /collections/NAME    {"vectors": {"size", "distance"}}                      true (409 when it exists)
 * GET    /collections/NAME                          {"status": "green", "points_count", "config": {"params": ...}}
 * GET    /collections/NAME/exists                   {"exists"}
 * DELETE /collections/NAME                          true (false when there was none)
 * PUT    /collections/NAME/points   {"points": [{"id", "vector", "payload"}]} or {"batch": {...}}
 *                                                   {"operation_id", "status": "completed"}
 * POST   /collections/NAME/points   {"ids", "with_payload", "with_vector"}          [records]
 * GET    /collections/NAME/points/ID                a record (404 when missing)
 * POST   /collections/NAME/points/scroll  {"offset", "limit", "filter", "with_payload", "with_vector"}
 *                                                   {"points": [records], "next_page_offset"}
 * POST   /collections/NAME/points/count   {"filter", "exact"}                      {"count"}
 * POST   /collections/NAME/points/delete  {"points": [ids]} or {"filter"}         {"operation_id", "status"}
 * POST   /collections/NAME/points/query   {"query", "prefetch", "filter", "limit", "offset", "with_payload",
 *                                          "with_vector", "score_threshold"}       {"points": [scored points]}
 * POST   /collections/NAME/points/search  {"vector", "filter", "limit", ...}      [scored points]
 * PUT    /collections/NAME/index   {"field_name", "field_schema"}   done: every payload field is indexed already
 * POST   /collections/NAME/points/payload         set: {"payload", "points" or "filter"}     {"operation_id", ...}
 * PUT    /collections/NAME/points/payload         overwrite: the same body
 * POST   /collections/NAME/points/payload/delete  {"keys", "points" or "filter"}
 * POST   /collections/NAME/points/payload/clear   {"points"} or {"filter"}
 * </pre>
 *
 * Writes are applied before the answer and are durable when it is sent, whatever {@code wait} says (the store
 * commits every write), so the status is always "completed".
 *
 * <p>This class holds the routes, admission and the collection endpoints; the points' writes are {@link QdrantWrites},
 * their reads {@link QdrantReads}, and what every endpoint shares (collection lookup, body, envelope) {@link QdrantCalls}.
 */
public final class QdrantApi {
  /** Where the API lives on the main port (Qdrant's own paths would clash with {@code /collections} there). */
  public static final String PREFIX = "/qdrant";
  /**
   * The Qdrant version {@code GET /} reports: the line whose REST API this one follows (Documents, the Query API with
   * prefetch and rrf k). Qdrant's JS client warns only when its minor version differs by more than one.
   */
  public static final String QDRANT_VERSION = "1.16.0";

  private final CollectionService collections;
  private final EmbeddingService service;
  private final BooleanSupplier ready;
  private final QdrantCalls calls;
  private final QdrantWrites writes;
  private final QdrantReads reads;

  public QdrantApi(CollectionService collections, EmbeddingService service) {
    this(collections, service, () -> true);
  }

  /** @param ready whether the default model is loaded: {@code /readyz} answers 503 until then, as {@code /health} */
  public QdrantApi(CollectionService collections, EmbeddingService service, BooleanSupplier ready) {
    this.collections = collections;
    this.service = service;
    this.ready = ready;
    this.calls = new QdrantCalls(collections, service);
    QdrantEmbedder embedder = new QdrantEmbedder(service);
    this.writes = new QdrantWrites(calls, embedder);
    this.reads = new QdrantReads(calls, embedder);
  }

  /**
   * Whether a request needs no key: Qdrant's own open paths, the version info at the root and the health probes
   * (nothing in them is data).
   */
  public static boolean isOpen(String method, String path, boolean atRoot) {
    if (!method.equals("GET") && !method.equals("HEAD")) {
      return false;
    }
    String rest = path;
    if (!atRoot) {
      if (!path.equals(PREFIX) && !path.startsWith(PREFIX + "/")) {
        return false;
      }
      rest = path.substring(PREFIX.length());
    }
    return rest.isEmpty() || rest.equals("/") || rest.equals("/healthz") || rest.equals("/livez")
        || rest.equals("/readyz");
  }

  /** Registers the routes under {@code prefix} ("" at the root of the Qdrant port, {@link #PREFIX} on the main one). */
  public void routes(RoutesConfig routes, String prefix) {
    String c = prefix + "/collections/{name}";
    routes.get(prefix + "/", this::version); // Qdrant's clients ask for the root with its slash
    if (!prefix.isEmpty()) {
      routes.get(prefix, this::version);
    }
    for (String probe : List.of("/healthz", "/livez", "/readyz")) {
      routes.get(prefix + probe, ctx -> {
        if (probe.equals("/readyz") && !ready.getAsBoolean()) {
          throw new ServerException(Problem.UNAVAILABLE, "the default model is still loading");
        }
        ctx.contentType("text/plain").result(probe.substring(1) + " check passed");
      });
    }
    routes.get(prefix + "/collections", ctx -> admitted(ctx, this::list));
    routes.put(c, ctx -> admitted(ctx, this::create));
    routes.get(c, ctx -> admitted(ctx, this::info));
    routes.delete(c, ctx -> admitted(ctx, this::drop));
    routes.get(c + "/exists", ctx -> admitted(ctx, this::exists));
    routes.put(c + "/points", ctx -> admitted(ctx, writes::upsert));
    routes.post(c + "/points", ctx -> admitted(ctx, reads::retrieve));
    routes.get(c + "/points/{id}", ctx -> admitted(ctx, reads::point));
    routes.post(c + "/points/scroll", ctx -> admitted(ctx, reads::scroll));
    routes.post(c + "/points/count", ctx -> admitted(ctx, reads::count));
    routes.post(c + "/points/delete", ctx -> admitted(ctx, writes::delete));
    routes.post(c + "/points/query", ctx -> admitted(ctx, reads::query));
    routes.post(c + "/points/search", ctx -> admitted(ctx, reads::search));
    routes.put(c + "/index", ctx -> admitted(ctx, this::createIndex));
    routes.delete(c + "/index/{field}", ctx -> admitted(ctx, (x, t) -> {
      calls.use(x, Collection::config);
      calls.completed(x);
    }));
    routes.post(c + "/points/payload", ctx -> admitted(ctx, (x, t) -> writes.payload(x, PayloadEdit.SET)));
    routes.put(c + "/points/payload", ctx -> admitted(ctx, (x, t) -> writes.payload(x, PayloadEdit.OVERWRITE)));
    routes.post(c + "/points/payload/delete", ctx -> admitted(ctx, (x, t) -> writes.payload(x, PayloadEdit.DELETE)));
    routes.post(c + "/points/payload/clear", ctx -> admitted(ctx, (x, t) -> writes.payload(x, PayloadEdit.CLEAR)));
  }

  /** A handler with the request's admission ticket (Documents embed under it). */
  @FunctionalInterface
  private interface Handler {
    void handle(Context ctx, Admission.Ticket ticket);
  }

  private void admitted(Context ctx, Handler handler) {
    Admission.Ticket ticket;
    try {
      ticket = service.admit();
    } catch (ServerException refused) {
      Json.discardBody(ctx, service.limits().maxBodyBytes());
      throw refused;
    }
    try (ticket) {
      ticket.arrived(); // the batcher need not wait for it: a Document's texts join the queue when embedded
      handler.handle(ctx, ticket);
    }
  }

  private void version(Context ctx) {
    ObjectNode body = Json.object();
    body.put("title", "qdrant - vector search engine");
    body.put("version", QDRANT_VERSION);
    Json.send(ctx, 200, body);
  }

  private void list(Context ctx, Admission.Ticket ticket) {
    List<CollectionConfig> all = collections.list();
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("collections");
      for (CollectionConfig config : all) {
        json.writeStartObject();
        json.writeStringField("name", config.name());
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private void create(Context ctx, Admission.Ticket ticket) {
    String name = ctx.pathParam("name");
    var spec = QdrantCollections.spec(name, calls.body(ctx));
    try {
      collections.create(spec);
    } catch (EmbedkitException e) {
      if (e.kind() == ErrorKind.CONFLICT && e.getMessage().startsWith("collection '" + name + "' already exists")) {
        throw new ServerException(Problem.CONFLICT, "Wrong input: Collection `" + name + "` already exists!");
      }
      throw e;
    }
    Json.ok(ctx, json -> json.writeBoolean(true));
  }

  private void info(Context ctx, Admission.Ticket ticket) {
    var info = calls.use(ctx, Collection::info);
    Json.ok(ctx, json -> QdrantCollections.info(json, info));
  }

  private void exists(Context ctx, Admission.Ticket ticket) {
    String name = ctx.pathParam("name");
    boolean exists = collections.list().stream().anyMatch(c -> c.name().equals(name));
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeBooleanField("exists", exists);
      json.writeEndObject();
    });
  }

  private void drop(Context ctx, Admission.Ticket ticket) {
    boolean dropped;
    try {
      collections.drop(ctx.pathParam("name"));
      dropped = true;
    } catch (EmbedkitException e) {
      if (e.kind() != ErrorKind.NOT_FOUND) {
        throw e;
      }
      dropped = false; // Qdrant answers false for a collection it did not have
    }
    boolean result = dropped;
    Json.ok(ctx, json -> json.writeBoolean(result));
  }

  /**
   * Qdrant's payload index creation: embedkit indexes every payload field as it is written (keyword, integer, float,
   * bool), so the index asked for exists; the request is checked and answered as done.
   */
  private void createIndex(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = calls.body(ctx);
    QdrantFilter.onlyKeys(body, "the index", "field_name", "field_schema", "field_type");
    JsonNode field = body.get("field_name");
    if (field == null || !field.isTextual() || field.textValue().isEmpty()) {
      throw ServerException.malformed("'field_name' must be a payload field name; got " + Json.kind(field),
          "field_name");
    }
    JsonNode schema = body.hasNonNull("field_schema") ? body.get("field_schema") : body.get("field_type");
    String type = schema == null || schema.isNull() ? "keyword"
        : schema.isTextual() ? schema.textValue() : schema.path("type").asText();
    if (!List.of("keyword", "integer", "float", "bool").contains(type)) {
      throw ServerException.invalid("'field_schema' " + type + " is not supported; embedkit indexes keyword, integer,"
          + " float and bool fields (all of them, as they are written)", "field_schema");
    }
    calls.use(ctx, Collection::config);
    calls.completed(ctx);
  }
}
