package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BigIntegerNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.ErrorKind;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.http.ServerApp;
import dev.embedkit.server.service.Admission;
import dev.embedkit.server.service.CollectionService;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Document;
import dev.embedkit.store.Page;
import dev.embedkit.store.StoredDocument;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

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
 */
public final class QdrantApi {
  /** Where the API lives on the main port (Qdrant's own paths would clash with {@code /collections} there). */
  public static final String PREFIX = "/qdrant";
  /**
   * The Qdrant version {@code GET /} reports: the line whose REST API this one follows (Documents, the Query API with
   * prefetch and rrf k). Qdrant's JS client warns only when its minor version differs by more than one.
   */
  public static final String QDRANT_VERSION = "1.16.0";
  /** Scroll page size when the request names none (Qdrant's). */
  static final int DEFAULT_SCROLL_LIMIT = 10;

  private final CollectionService collections;
  private final EmbeddingService service;
  private final QdrantEmbedder embedder;
  private final AtomicLong operations = new AtomicLong();
  private final BooleanSupplier ready;

  public QdrantApi(CollectionService collections, EmbeddingService service) {
    this(collections, service, () -> true);
  }

  /** @param ready whether the default model is loaded: {@code /readyz} answers 503 until then, as {@code /health} */
  public QdrantApi(CollectionService collections, EmbeddingService service, BooleanSupplier ready) {
    this.collections = collections;
    this.service = service;
    this.embedder = new QdrantEmbedder(service);
    this.ready = ready;
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
    routes.put(c + "/points", ctx -> admitted(ctx, this::upsert));
    routes.post(c + "/points", ctx -> admitted(ctx, this::retrieve));
    routes.get(c + "/points/{id}", ctx -> admitted(ctx, this::point));
    routes.post(c + "/points/scroll", ctx -> admitted(ctx, this::scroll));
    routes.post(c + "/points/count", ctx -> admitted(ctx, this::count));
    routes.post(c + "/points/delete", ctx -> admitted(ctx, this::delete));
    routes.post(c + "/points/query", ctx -> admitted(ctx, this::query));
    routes.post(c + "/points/search", ctx -> admitted(ctx, this::search));
    routes.put(c + "/index", ctx -> admitted(ctx, this::createIndex));
    routes.delete(c + "/index/{field}", ctx -> admitted(ctx, (x, t) -> {
      use(x, Collection::config);
      completed(x);
    }));
    routes.post(c + "/points/payload", ctx -> admitted(ctx, (x, t) -> payload(x, PayloadEdit.SET)));
    routes.put(c + "/points/payload", ctx -> admitted(ctx, (x, t) -> payload(x, PayloadEdit.OVERWRITE)));
    routes.post(c + "/points/payload/delete", ctx -> admitted(ctx, (x, t) -> payload(x, PayloadEdit.DELETE)));
    routes.post(c + "/points/payload/clear", ctx -> admitted(ctx, (x, t) -> payload(x, PayloadEdit.CLEAR)));
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
    ok(ctx, json -> {
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
    var spec = QdrantCollections.spec(name, body(ctx));
    try {
      collections.create(spec);
    } catch (EmbedkitException e) {
      if (e.kind() == ErrorKind.CONFLICT && e.getMessage().startsWith("collection '" + name + "' already exists")) {
        throw new ServerException(Problem.CONFLICT, "Wrong input: Collection `" + name + "` already exists!");
      }
      throw e;
    }
    ok(ctx, json -> json.writeBoolean(true));
  }

  private void info(Context ctx, Admission.Ticket ticket) {
    var info = use(ctx, Collection::info);
    ok(ctx, json -> QdrantCollections.info(json, info));
  }

  private void exists(Context ctx, Admission.Ticket ticket) {
    String name = ctx.pathParam("name");
    boolean exists = collections.list().stream().anyMatch(c -> c.name().equals(name));
    ok(ctx, json -> {
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
    ok(ctx, json -> json.writeBoolean(result));
  }

  /**
   * Qdrant's payload index creation: embedkit indexes every payload field as it is written (keyword, integer, float,
   * bool), so the index asked for exists; the request is checked and answered as done.
   */
  private void createIndex(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = body(ctx);
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
    use(ctx, Collection::config);
    completed(ctx);
  }

  private void upsert(Context ctx, Admission.Ticket ticket) {
    List<QdrantPoints.Point> points = QdrantPoints.upsert(body(ctx));
    use(ctx, c -> {
      c.upsert(documents(c.config(), points, ticket));
      return null;
    });
    completed(ctx);
  }

  /**
   * The points as store documents: vectors checked, Documents and Images embedded through the embedding service (or,
   * on a collection with its own model the server does not serve, left to the collection).
   */
  private List<Document> documents(CollectionConfig config, List<QdrantPoints.Point> points, Admission.Ticket ticket) {
    Map<String, List<Integer>> texts = new LinkedHashMap<>();
    Map<String, List<Integer>> images = new LinkedHashMap<>();
    for (int i = 0; i < points.size(); i++) {
      String path = "points[" + i + "].vector";
      QdrantPoints.VectorInput input = points.get(i).vector();
      if (input.document() != null) {
        String model = input.document().model();
        if (QdrantEmbedder.isBm25(model)) {
          throw ServerException.invalid("'" + path + "' is a qdrant/bm25 Document: BM25 needs no stored vector here"
              + " (keyword search runs over the text of the points' dense Documents); send the text as a Document of"
              + " the dense model", "points");
        }
        if (!embedder.collectionEmbeds(config, model, path) || embedder.serves(model)) {
          texts.computeIfAbsent(model, m -> new ArrayList<>()).add(i);
        }
      } else if (input.image() != null) {
        String model = input.image().model();
        if (!embedder.collectionEmbeds(config, model, path) || embedder.serves(model)) {
          images.computeIfAbsent(model, m -> new ArrayList<>()).add(i);
        } else if (!QdrantEmbedder.reference(input.image().image())) {
          throw ServerException.invalid("'" + path + ".image': collection '" + config.name() + "' embeds with "
              + model + ", which the server does not serve, so the picture must be an http(s) URL or a data URI"
              + " (or serve the model)", "points");
        }
      }
    }
    float[][] vectors = new float[points.size()][];
    for (Map.Entry<String, List<Integer>> model : texts.entrySet()) {
      List<String> given = model.getValue().stream().map(i -> points.get(i).vector().document().text()).toList();
      fill(vectors, model.getValue(), embedder.embed(ticket, model.getKey(), given, false, "points"));
    }
    for (Map.Entry<String, List<Integer>> model : images.entrySet()) {
      List<String> given = model.getValue().stream().map(i -> points.get(i).vector().image().image()).toList();
      fill(vectors, model.getValue(), embedder.embedImages(ticket, model.getKey(), given, "points"));
    }
    List<Document> documents = new ArrayList<>(points.size());
    for (int i = 0; i < points.size(); i++) {
      QdrantPoints.Point point = points.get(i);
      QdrantPoints.VectorInput input = point.vector();
      float[] vector = input.vector() != null ? input.vector() : vectors[i];
      if (vector != null) {
        QdrantPoints.checkDimensions(config, vector, "points[" + i + "].vector");
      }
      String text = input.document() == null ? null : input.document().text();
      String image = input.image() != null && QdrantEmbedder.reference(input.image().image()) ? input.image().image() : null;
      try {
        documents.add(new Document(point.id(), text, point.payload(), vector, image));
      } catch (EmbedkitException e) {
        throw ServerException.invalid("'points[" + i + "].payload': " + e.getMessage(), "points");
      }
    }
    return documents;
  }

  private static void fill(float[][] vectors, List<Integer> at, List<float[]> embedded) {
    for (int j = 0; j < at.size(); j++) {
      vectors[at.get(j)] = embedded.get(j);
    }
  }

  private void retrieve(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = body(ctx);
    QdrantFilter.onlyKeys(body, "the retrieve", "ids", "with_payload", "with_vector", "shard_key");
    JsonNode ids = body.get("ids");
    if (ids == null || !ids.isArray()) {
      throw ServerException.malformed("'ids' must be a list of point ids; got " + Json.kind(ids), "ids");
    }
    List<String> wanted = new ArrayList<>();
    ids.forEach(id -> wanted.add(QdrantIds.parse(id)));
    QdrantPayload.Selector payload = QdrantPayload.selector(body.get("with_payload"), QdrantPayload.Selector.ALL,
        "with_payload");
    boolean withVector = QdrantPayload.withVector(body.get("with_vector"), false, "with_vector");
    List<StoredDocument> found = use(ctx, c -> c.get(List.copyOf(new java.util.LinkedHashSet<>(wanted)), withVector));
    ok(ctx, json -> {
      json.writeStartArray();
      for (StoredDocument document : found) {
        record(json, document, payload, withVector);
      }
      json.writeEndArray();
    });
  }

  private void point(Context ctx, Admission.Ticket ticket) {
    String raw = ctx.pathParam("id");
    JsonNode node = raw.matches("[0-9]{1,20}") ? BigIntegerNode.valueOf(new BigInteger(raw)) : TextNode.valueOf(raw);
    String id = QdrantIds.parse(node);
    Optional<StoredDocument> found = use(ctx, c -> c.get(id, true));
    StoredDocument document = found.orElseThrow(() -> new ServerException(Problem.MODEL_NOT_FOUND,
        "Not found: No point with id " + QdrantIds.shown(id) + " found"));
    ok(ctx, json -> record(json, document, QdrantPayload.Selector.ALL, true));
  }

  private void scroll(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = Json.optionalObjectBody(ctx, service.limits().maxBodyBytes());
    QdrantFilter.onlyKeys(body, "the scroll", "offset", "limit", "filter", "with_payload", "with_vector", "order_by",
        "shard_key");
    if (body.hasNonNull("order_by")) {
      throw ServerException.invalid("'order_by' is not supported; points scroll in id order", "order_by");
    }
    String offset = body.hasNonNull("offset") ? QdrantIds.parse(body.get("offset")) : null;
    int limit = QdrantQuery.positive(body, "limit", DEFAULT_SCROLL_LIMIT);
    QdrantFilter filter = QdrantFilter.of(body.get("filter"), "filter");
    QdrantPayload.Selector payload = QdrantPayload.selector(body.get("with_payload"), QdrantPayload.Selector.ALL,
        "with_payload");
    boolean withVector = QdrantPayload.withVector(body.get("with_vector"), false, "with_vector");
    List<StoredDocument> page = use(ctx, c -> QdrantScroll.scroll(c, filter, offset, limit + 1, withVector));
    String next = page.size() > limit ? page.get(limit).id() : null;
    List<StoredDocument> shown = page.size() > limit ? page.subList(0, limit) : page;
    ok(ctx, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("points");
      for (StoredDocument document : shown) {
        record(json, document, payload, withVector);
      }
      json.writeEndArray();
      json.writeFieldName("next_page_offset");
      if (next == null) {
        json.writeNull();
      } else {
        QdrantIds.write(json, next);
      }
      json.writeEndObject();
    });
  }

  private void count(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = Json.optionalObjectBody(ctx, service.limits().maxBodyBytes());
    QdrantFilter.onlyKeys(body, "the count", "filter", "exact", "shard_key");
    QdrantFilter given = QdrantFilter.of(body.get("filter"), "filter");
    long count = use(ctx, c -> {
      QdrantFilter filter = given.resolve(c.info().fields());
      if (filter == null) {
        return 0L;
      }
      if (filter.ids() != null) {
        return c.get(List.copyOf(filter.ids()), false).stream().filter(filter::matches).count();
      }
      long all = filter.filter() == null ? c.count() : c.count(filter.filter());
      long excluded = filter.excluded().isEmpty() ? 0 : c.get(List.copyOf(filter.excluded()), false).stream()
          .filter(d -> filter.filter() == null || dev.embedkit.store.filter.FilterEvaluator.matches(filter.filter(),
              d.metadata())).count();
      return all - excluded;
    });
    ok(ctx, json -> {
      json.writeStartObject();
      json.writeNumberField("count", count);
      json.writeEndObject();
    });
  }

  private void delete(Context ctx, Admission.Ticket ticket) {
    ObjectNode body = body(ctx);
    QdrantFilter.onlyKeys(body, "the delete", "points", "filter", "shard_key");
    boolean byIds = body.hasNonNull("points");
    if (byIds == body.hasNonNull("filter")) {
      throw ServerException.malformed("give 'points' (a list of ids) or 'filter', one of them", "points");
    }
    if (byIds) {
      JsonNode ids = body.get("points");
      if (!ids.isArray()) {
        throw ServerException.malformed("'points' must be a list of point ids; got " + Json.kind(ids), "points");
      }
      List<String> parsed = new ArrayList<>();
      ids.forEach(id -> parsed.add(QdrantIds.parse(id)));
      use(ctx, c -> c.delete(parsed));
    } else {
      QdrantFilter given = QdrantFilter.of(body.get("filter"), "filter");
      use(ctx, c -> {
        QdrantFilter filter = given.resolve(c.info().fields());
        if (filter == null) {
          return 0L;
        }
        if (filter.restricted()) {
          List<String> ids = QdrantScroll.scroll(c, filter, null, Integer.MAX_VALUE, false).stream().map(StoredDocument::id)
              .toList();
          return ids.isEmpty() ? 0L : c.delete(ids);
        }
        return filter.filter() == null ? c.clear() : c.delete(filter.filter());
      });
    }
    completed(ctx);
  }

  /** The payload operations: each rewrites the selected points with their text and vector kept. */
  private enum PayloadEdit {
    SET, OVERWRITE, DELETE, CLEAR
  }

  private void payload(Context ctx, PayloadEdit edit) {
    ObjectNode body = body(ctx);
    switch (edit) {
      case SET, OVERWRITE -> QdrantFilter.onlyKeys(body, "the payload update", "payload", "points", "filter", "key",
          "shard_key");
      case DELETE -> QdrantFilter.onlyKeys(body, "the payload delete", "keys", "points", "filter", "shard_key");
      case CLEAR -> QdrantFilter.onlyKeys(body, "the payload clear", "points", "filter", "shard_key");
    }
    // 'key' sets the payload inside the nested object at that path, as Qdrant does
    String prefix = "";
    if (body.hasNonNull("key")) {
      JsonNode key = body.get("key");
      if (!key.isTextual() || key.textValue().isBlank() || key.textValue().contains("[")) {
        throw ServerException.invalid("'key' must be a nested payload path such as \"metadata.source\" (no [] list"
            + " paths); got " + Json.kind(key), "key");
      }
      prefix = key.textValue() + ".";
    }
    Map<String, Object> given = new LinkedHashMap<>();
    if (edit == PayloadEdit.SET || edit == PayloadEdit.OVERWRITE) {
      for (Map.Entry<String, Object> field : QdrantPayload.metadata(required(body, "payload"), "payload").entrySet()) {
        given.put(prefix + field.getKey(), field.getValue());
      }
    }
    // a set replaces each given top-level value whole (an object's old fields go with it)
    Set<String> replaced = QdrantPayload.topLevel(given, prefix);
    List<String> keys = new ArrayList<>();
    if (edit == PayloadEdit.DELETE) {
      JsonNode list = required(body, "keys");
      if (!list.isArray()) {
        throw ServerException.malformed("'keys' must be a list of payload keys; got " + Json.kind(list), "keys");
      }
      list.forEach(k -> keys.add(k.asText()));
    }
    boolean byIds = body.hasNonNull("points");
    if (byIds == body.hasNonNull("filter")) {
      throw ServerException.malformed("give 'points' (a list of ids) or 'filter', one of them", "points");
    }
    List<String> ids = new ArrayList<>();
    if (byIds) {
      JsonNode list = body.get("points");
      if (!list.isArray()) {
        throw ServerException.malformed("'points' must be a list of point ids; got " + Json.kind(list), "points");
      }
      list.forEach(id -> ids.add(QdrantIds.parse(id)));
    }
    QdrantFilter filter = byIds ? null : QdrantFilter.of(body.get("filter"), "filter");
    use(ctx, c -> {
      List<StoredDocument> selected = byIds ? c.get(ids, true) : QdrantScroll.scroll(c, filter, null, Integer.MAX_VALUE, true);
      boolean external = c.config().externalVectors();
      for (int from = 0; from < selected.size(); from += QdrantScroll.SCROLL_BATCH) {
        List<Document> rewritten = new ArrayList<>();
        for (StoredDocument document : selected.subList(from, Math.min(selected.size(), from + QdrantScroll.SCROLL_BATCH))) {
          Map<String, Object> metadata = new LinkedHashMap<>(edit == PayloadEdit.SET || edit == PayloadEdit.DELETE
              ? document.metadata() : Map.of());
          replaced.forEach(key -> QdrantPayload.remove(metadata, key));
          metadata.putAll(given);
          keys.forEach(key -> QdrantPayload.remove(metadata, key));
          // a model collection embeds its text again (its chunks are not all kept in one vector)
          rewritten.add(new Document(document.id(), document.text(), metadata,
              external || document.text() == null ? document.vector() : null, document.image()));
        }
        c.upsert(rewritten);
      }
      return null;
    });
    completed(ctx);
  }

  private static JsonNode required(ObjectNode body, String name) {
    JsonNode node = body.get(name);
    if (node == null || node.isNull()) {
      throw ServerException.malformed("'" + name + "' is missing", name);
    }
    return node;
  }

  private void query(Context ctx, Admission.Ticket ticket) {
    QdrantQuery.Request request = QdrantQuery.query(body(ctx));
    List<Hit> hits = use(ctx, c -> hits(c, request, ticket));
    ok(ctx, json -> {
      json.writeStartObject();
      json.writeFieldName("points");
      scored(json, hits, request);
      json.writeEndObject();
    });
  }

  private void search(Context ctx, Admission.Ticket ticket) {
    QdrantQuery.Request request = QdrantQuery.search(body(ctx));
    List<Hit> hits = use(ctx, c -> hits(c, request, ticket));
    ok(ctx, json -> scored(json, hits, request));
  }

  /** A point found, with its stored document when the answer shows payload or vector. */
  private record Hit(QdrantQuery.Scored scored, StoredDocument document) {}

  private List<Hit> hits(Collection c, QdrantQuery.Request request, Admission.Ticket ticket) {
    List<QdrantQuery.Scored> ranked = QdrantQuery.run(c, request, embedder, ticket);
    Map<String, StoredDocument> documents = new LinkedHashMap<>();
    if (!ranked.isEmpty() && (request.payload().any() || request.withVector())) {
      for (StoredDocument d : c.get(ranked.stream().map(QdrantQuery.Scored::id).toList(), request.withVector())) {
        documents.put(d.id(), d);
      }
    }
    return ranked.stream().map(s -> new Hit(s, documents.get(s.id()))).toList();
  }

  private static void scored(JsonGenerator json, List<Hit> hits, QdrantQuery.Request request) throws IOException {
    json.writeStartArray();
    for (Hit hit : hits) {
      json.writeStartObject();
      json.writeFieldName("id");
      QdrantIds.write(json, hit.scored().id());
      json.writeNumberField("version", 0);
      json.writeNumberField("score", (float) hit.scored().score());
      json.writeFieldName("payload");
      if (request.payload().any() && hit.document() != null) {
        QdrantPayload.write(json, hit.document().metadata(), request.payload());
      } else {
        json.writeNull();
      }
      json.writeFieldName("vector");
      if (request.withVector() && hit.document() != null && hit.document().vector() != null) {
        Json.floats(json, hit.document().vector());
      } else {
        json.writeNull();
      }
      json.writeEndObject();
    }
    json.writeEndArray();
  }

  private static void record(JsonGenerator json, StoredDocument document, QdrantPayload.Selector payload,
      boolean withVector) throws IOException {
    json.writeStartObject();
    json.writeFieldName("id");
    QdrantIds.write(json, document.id());
    json.writeFieldName("payload");
    if (payload.any()) {
      QdrantPayload.write(json, document.metadata(), payload);
    } else {
      json.writeNull();
    }
    json.writeFieldName("vector");
    if (withVector && document.vector() != null) {
      Json.floats(json, document.vector());
    } else {
      json.writeNull();
    }
    json.writeEndObject();
  }

  /** Runs a call on the named collection; a missing one is Qdrant's 404. */
  private <T> T use(Context ctx, Function<Collection, T> call) {
    String name = ctx.pathParam("name");
    try {
      return collections.use(name, call);
    } catch (EmbedkitException e) {
      if (e.kind() == ErrorKind.NOT_FOUND && e.getMessage().startsWith("no collection '" + name + "'")) {
        throw new ServerException(Problem.MODEL_NOT_FOUND, "Not found: Collection `" + name + "` doesn't exist!");
      }
      throw e;
    }
  }

  private ObjectNode body(Context ctx) {
    return Json.objectBody(ctx, service.limits().maxBodyBytes());
  }

  /** A write's answer: applied and durable. */
  private void completed(Context ctx) {
    long id = operations.incrementAndGet();
    ok(ctx, json -> {
      json.writeStartObject();
      json.writeNumberField("operation_id", id);
      json.writeStringField("status", "completed");
      json.writeEndObject();
    });
  }

  /** Qdrant's success envelope. */
  private static void ok(Context ctx, Json.Body result) {
    Json.send(ctx, 200, json -> {
      json.writeStartObject();
      json.writeFieldName("result");
      result.write(json);
      json.writeStringField("status", "ok");
      json.writeNumberField("time", ServerApp.seconds(ctx));
      json.writeEndObject();
    });
  }
}
