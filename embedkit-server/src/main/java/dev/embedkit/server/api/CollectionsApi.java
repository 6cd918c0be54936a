package dev.embedkit.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.explore.ClusterChoice;
import dev.embedkit.explore.MapOptions;
import dev.embedkit.explore.SpaceMapper;
import dev.embedkit.explore.Thumbnails;
import dev.embedkit.image.decode.DecodeOptions;
import dev.embedkit.image.decode.ImageDecoder;
import dev.embedkit.explore.project.Method;
import dev.embedkit.explore.render.HtmlMapWriter;
import dev.embedkit.explore.render.MapPoint;
import dev.embedkit.explore.render.SpaceMap;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Fields;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.Admission;
import dev.embedkit.server.service.CollectionMaps;
import dev.embedkit.server.service.CollectionService;
import dev.embedkit.server.service.EmbeddingService;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.CollectionInfo;
import dev.embedkit.store.Document;
import dev.embedkit.store.Page;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.json.DocumentJson;
import dev.embedkit.store.json.HitJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Collections over HTTP: a thin adapter over {@link CollectionService}, in Qdrant's envelope (Qdrant's own API over
 * the same collections is {@code dev.embedkit.server.qdrant}, under {@code /qdrant}). Success is {@code {"result": ..., "status": "ok", "time": s}};
 * errors are {@code {"status": {"error": "message"}, "time": s}} with the statuses of {@link ApiFamily#COLLECTIONS}.
 *
 * <pre>
 * GET    /collections                                  {"collections": [{"name", "model", "dimensions", "similarity"}]}
 * PUT    /collections/NAME          {"model"} or {"dimensions", "similarity"}, "hnsw", "quantization", "chunking",
 *                                   "analyzer"                                   true (409 when the name is taken)
 * GET    /collections/NAME                             config, documents, chunks, size_bytes, segments, fields
 * DELETE /collections/NAME                             true
 * PUT    /collections/NAME/documents    upsert {"documents": [{"id", "text", "metadata", "vector", "image"}]}
 * POST   /collections/NAME/documents    add (409 when an id is taken)            {"documents": n, "chunks": m}
 * GET    /collections/NAME/documents/ID?with_vectors=true                      the document (404 when missing)
 * POST   /collections/NAME/documents/get     {"ids", "with_vectors"}           {"documents": [...]}
 * POST   /collections/NAME/documents/delete  {"ids"} or {"filter"}             {"deleted": n}
 * POST   /collections/NAME/documents/scroll  {"after", "limit", "filter", "with_vectors"}
 *                                                                              {"documents": [...], "next": id|null}
 * POST   /collections/NAME/count             {"filter"}                        {"count": n}
 * POST   /collections/NAME/search   exactly one of "query", "vector", "image", "like"; "top_k", "offset", "filter",
 *                                   "hybrid", "exact", "min_score", "ef_search", "granularity", "fields", "model"
 *                                                                              {"results": [hits as HitJson]}
 * GET    /collections/NAME/map?method=umap|tsne|pca&clusters=auto|K|hdbscan|communities|none&seed=42
 *                           &max_points=20000&thumbnails=false&format=json|page
 *                           the 2-D map as MapJson, or (page) as columns for map.js (computed once per state)
 * GET    /collections/NAME/thumbnail?id=ID                   a PNG of an image document's picture (404 without one)
 * </pre>
 *
 * Every route but the list takes a request permit from the server's admission (429 when it is full), so collection
 * work counts against the same concurrency limit as embedding; bodies are bounded by {@code --max-body-bytes} and a
 * write by {@code --max-inputs} documents.
 */
public final class CollectionsApi {
  /** Scroll page size when the request names none. */
  static final int DEFAULT_SCROLL_LIMIT = 100;

  /** A map drawn over HTTP holds at most this many points unless max_points says otherwise (UMAP time grows with it). */
  static final int DEFAULT_MAP_POINTS = 20_000;
  /** The most points a map request may ask for. */
  static final int MAXIMUM_MAP_POINTS = 200_000;

  private static final ImageDecoder DECODER = new ImageDecoder(DecodeOptions.DEFAULTS);

  private final CollectionService collections;
  private final CollectionMaps maps;
  private final EmbeddingService embeddings;

  /** @param embeddings the server's embedding service, for its admission and limits */
  public CollectionsApi(CollectionService collections, EmbeddingService embeddings) {
    this.collections = collections;
    this.maps = new CollectionMaps(collections);
    this.embeddings = embeddings;
  }

  public void routes(RoutesConfig routes) {
    routes.get("/collections", this::list);
    routes.put("/collections/{name}", ctx -> admitted(ctx, this::create));
    routes.get("/collections/{name}", ctx -> admitted(ctx, this::info));
    routes.delete("/collections/{name}", ctx -> admitted(ctx, this::drop));
    routes.put("/collections/{name}/documents", ctx -> admitted(ctx, c -> write(c, true)));
    routes.post("/collections/{name}/documents", ctx -> admitted(ctx, c -> write(c, false)));
    routes.get("/collections/{name}/documents/<id>", ctx -> admitted(ctx, this::getOne)); // ids may hold a slash
    routes.post("/collections/{name}/documents/get", ctx -> admitted(ctx, this::getMany));
    routes.post("/collections/{name}/documents/delete", ctx -> admitted(ctx, this::delete));
    routes.post("/collections/{name}/documents/scroll", ctx -> admitted(ctx, this::scroll));
    routes.post("/collections/{name}/count", ctx -> admitted(ctx, this::count));
    routes.post("/collections/{name}/search", ctx -> admitted(ctx, this::search));
    routes.get("/collections/{name}/map", ctx -> admitted(ctx, this::map));
    routes.get("/collections/{name}/thumbnail", ctx -> admitted(ctx, this::thumbnail));
  }

  /** Runs a handler under a request permit; collection work never joins the batcher's queue, so it is "arrived". */
  private void admitted(Context ctx, Consumer<Context> handler) {
    try (Admission.Ticket ticket = Admit.request(ctx, embeddings)) {
      ticket.arrived();
      handler.accept(ctx);
    }
  }

  private void list(Context ctx) {
    List<CollectionConfig> all = collections.list();
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeArrayFieldStart("collections");
      for (CollectionConfig config : all) {
        json.writeStartObject();
        json.writeStringField("name", config.name());
        json.writeStringField("model", config.model() == null ? null : config.model().name());
        json.writeNumberField("dimensions", config.dimensions());
        json.writeStringField("similarity", lower(config.similarity()));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private void create(Context ctx) {
    ObjectNode body = body(ctx);
    collections.create(CollectionBodies.spec(ctx.pathParam("name"), body));
    Json.ok(ctx, json -> json.writeBoolean(true));
  }

  private void info(Context ctx) {
    CollectionInfo info = collections.use(ctx.pathParam("name"), c -> c.info());
    Json.ok(ctx, json -> CollectionJson.info(json, info));
  }

  private void drop(Context ctx) {
    collections.drop(ctx.pathParam("name"));
    Json.ok(ctx, json -> json.writeBoolean(true));
  }

  private void write(Context ctx, boolean upsert) {
    List<Document> documents = CollectionBodies.documents(body(ctx), embeddings.limits().maxInputs());
    long chunks = collections.use(ctx.pathParam("name"), c -> upsert ? c.upsert(documents) : c.add(documents));
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeNumberField("documents", documents.size());
      json.writeNumberField("chunks", chunks);
      json.writeEndObject();
    });
  }

  private void getOne(Context ctx) {
    String id = ctx.pathParam("id");
    boolean withVectors = withVectors(ctx.queryParam("with_vectors"));
    Optional<StoredDocument> found = collections.use(ctx.pathParam("name"), c -> c.get(id, withVectors));
    StoredDocument document = found.orElseThrow(() -> new ServerException(Problem.MODEL_NOT_FOUND,
        "collection '" + ctx.pathParam("name") + "' has no document '" + id + "'", "id"));
    Json.ok(ctx, json -> DocumentJson.write(json, document, withVectors));
  }

  private void getMany(Context ctx) {
    ObjectNode body = body(ctx);
    CollectionBodies.onlyKeys(body, "a get", "ids", "with_vectors");
    List<String> ids = CollectionBodies.ids(body);
    if (ids == null) {
      throw ServerException.malformed("'ids' is missing; send {\"ids\": [\"1\", \"2\"]}", "ids");
    }
    boolean withVectors = Boolean.TRUE.equals(Fields.bool(body, "with_vectors"));
    List<StoredDocument> documents = collections.use(ctx.pathParam("name"), c -> c.get(ids, withVectors));
    Json.ok(ctx, json -> documents(json, documents, withVectors, null, false));
  }

  private void delete(Context ctx) {
    ObjectNode body = body(ctx);
    CollectionBodies.onlyKeys(body, "a delete", "ids", "filter");
    List<String> ids = CollectionBodies.ids(body);
    Filter filter = CollectionBodies.filter(body);
    if ((ids == null) == (filter == null)) {
      throw ServerException.invalid("give 'ids' or 'filter' (one of them) to say which documents to delete", "ids");
    }
    long deleted = collections.use(ctx.pathParam("name"), c -> ids != null ? c.delete(ids) : c.delete(filter));
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeNumberField("deleted", deleted);
      json.writeEndObject();
    });
  }

  private void scroll(Context ctx) {
    ObjectNode body = Json.optionalObjectBody(ctx, embeddings.limits().maxBodyBytes());
    CollectionBodies.onlyKeys(body, "a scroll", "after", "limit", "filter", "with_vectors");
    String after = Fields.string(body, "after");
    Integer limit = Fields.integer(body, "limit");
    Filter filter = CollectionBodies.filter(body);
    boolean withVectors = Boolean.TRUE.equals(Fields.bool(body, "with_vectors"));
    Page page = collections.use(ctx.pathParam("name"),
        c -> c.scroll(after, limit == null ? DEFAULT_SCROLL_LIMIT : limit, filter, withVectors));
    Json.ok(ctx, json -> documents(json, page.documents(), withVectors, page.next(), true));
  }

  private void count(Context ctx) {
    ObjectNode body = Json.optionalObjectBody(ctx, embeddings.limits().maxBodyBytes());
    CollectionBodies.onlyKeys(body, "a count", "filter");
    Filter filter = CollectionBodies.filter(body);
    long count = collections.use(ctx.pathParam("name"), c -> c.count(filter));
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeNumberField("count", count);
      json.writeEndObject();
    });
  }

  private void search(Context ctx) {
    CollectionBodies.Search search = CollectionBodies.search(body(ctx));
    List<SearchHit> hits = collections.use(ctx.pathParam("name"), c -> {
      checkModel(c.config(), search.model());
      return c.search(search.request());
    });
    Set<dev.embedkit.store.Field> fields = search.request().fields();
    Json.ok(ctx, json -> {
      json.writeStartObject();
      json.writeFieldName("results");
      HitJson.writeAll(json, hits, fields);
      json.writeEndObject();
    });
  }

  private void map(Context ctx) {
    MapOptions options = mapOptions(ctx);
    boolean thumbnails = booleanParam(ctx.queryParam("thumbnails"), "thumbnails");
    boolean page = mapFormat(ctx.queryParam("format"));
    SpaceMap map = maps.map(ctx.pathParam("name"), options);
    if (page) {
      String data = HtmlMapWriter.pageData(thumbnails ? map : withoutThumbnails(map));
      Json.ok(ctx, json -> json.writeRawValue(data));
    } else {
      Json.ok(ctx, json -> MapJson.write(json, map, thumbnails));
    }
  }

  /** A PNG thumbnail of an image document's picture (the web page's search results), read from its stored path. */
  private void thumbnail(Context ctx) {
    String id = ctx.queryParam("id");
    if (id == null || id.isEmpty()) {
      throw ServerException.malformed("'id' is missing; ask for /collections/NAME/thumbnail?id=DOCUMENT_ID", "id");
    }
    String name = ctx.pathParam("name");
    StoredDocument document = collections.use(name, c -> c.get(id, false)).orElseThrow(() ->
        new ServerException(Problem.MODEL_NOT_FOUND, "collection '" + name + "' has no document '" + id + "'", "id"));
    byte[] png = document.image() == null ? null : localFile(document.image()).map(f -> Thumbnails.ofFile(DECODER, f, DecodeOptions.DEFAULTS.maxBytes())).orElse(null);
    if (png == null) {
      throw new ServerException(Problem.MODEL_NOT_FOUND, "document '" + id + "' of collection '" + name + "' has no"
          + " readable picture" + (document.image() == null ? "" : " (" + document.image() + " is gone or not an image)"), "id");
    }
    ctx.header("Cache-Control", "no-cache");
    ctx.contentType("image/png").result(png);
  }

  /** A stored image reference as a local file; URLs and data URIs (documents written over HTTP) are not files. */
  private static Optional<Path> localFile(String reference) {
    if (reference.contains("://") || reference.startsWith("data:")) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(reference));
    } catch (java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }

  /** {@code format=json} (the default: a point per object) or {@code format=page} (columns, as map.js draws them). */
  private static boolean mapFormat(String format) {
    if (format == null || format.equals("json")) {
      return false;
    }
    if (format.equals("page")) {
      return true;
    }
    throw ServerException.invalid("'format' must be json (points as objects) or page (columns, for the web page's"
        + " map); got '" + format + "'", "format");
  }

  private static SpaceMap withoutThumbnails(SpaceMap map) {
    List<MapPoint> points = map.points().stream()
        .map(p -> p.thumbnail() == null ? p : new MapPoint(p.x(), p.y(), p.cluster(), p.id(), p.text(), p.metadata(), null))
        .toList();
    return new SpaceMap(map.title(), map.caption(), map.method(), points, map.clusters());
  }

  static MapOptions mapOptions(Context ctx) {
    MapOptions options = MapOptions.DEFAULTS.withMaxPoints(DEFAULT_MAP_POINTS);
    String method = ctx.queryParam("method");
    if (method != null) {
      try {
        options = options.withMethod(Method.fromString(method));
      } catch (IllegalArgumentException e) {
        throw ServerException.invalid(e.getMessage(), "method");
      }
    }
    String clusters = ctx.queryParam("clusters");
    if (clusters != null) {
      options = options.withClusters(ClusterChoice.parse(clusters));
    }
    String seed = ctx.queryParam("seed");
    if (seed != null) {
      try {
        options = options.withSeed(Long.parseLong(seed));
      } catch (NumberFormatException e) {
        throw ServerException.invalid("'seed' must be a whole number; got '" + seed + "'", "seed");
      }
    }
    String maxPoints = ctx.queryParam("max_points");
    if (maxPoints != null) {
      int n;
      try {
        n = Integer.parseInt(maxPoints);
      } catch (NumberFormatException e) {
        n = -1;
      }
      if (n < SpaceMapper.MINIMUM_POINTS || n > MAXIMUM_MAP_POINTS) {
        throw ServerException.invalid("'max_points' must be a number from " + SpaceMapper.MINIMUM_POINTS + " to "
            + MAXIMUM_MAP_POINTS + "; got '" + maxPoints + "'", "max_points");
      }
      options = options.withMaxPoints(n);
    }
    return options;
  }

  /** A search may name the model it expects; another than the collection's would compare unlike vectors. */
  private static void checkModel(CollectionConfig config, String model) {
    if (model == null) {
      return;
    }
    if (config.model() == null) {
      throw ServerException.invalid("collection '" + config.name() + "' holds external vectors and has no model; leave"
          + " 'model' out and search by 'vector' or 'like'", "model");
    }
    if (!config.model().name().equals(model)) {
      throw ServerException.invalid("collection '" + config.name() + "' uses model " + config.model().name()
          + ", not " + model + "; its vectors compare only with that model's (leave 'model' out, or name "
          + config.model().name() + ")", "model");
    }
  }

  private static boolean withVectors(String value) {
    return booleanParam(value, "with_vectors");
  }

  /** A true/false query parameter. */
  private static boolean booleanParam(String value, String name) {
    if (value == null || value.equals("false")) {
      return false;
    }
    if (value.equals("true")) {
      return true;
    }
    throw ServerException.malformed("'" + name + "' must be true or false; got '" + value + "'", name);
  }

  private ObjectNode body(Context ctx) {
    return Json.objectBody(ctx, embeddings.limits().maxBodyBytes());
  }

  private static void documents(JsonGenerator json, List<StoredDocument> documents, boolean withVectors, String next,
      boolean paged) throws IOException {
    json.writeStartObject();
    json.writeFieldName("documents");
    DocumentJson.writeAll(json, documents, withVectors);
    if (paged) {
      json.writeStringField("next", next);
    }
    json.writeEndObject();
  }

  static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
