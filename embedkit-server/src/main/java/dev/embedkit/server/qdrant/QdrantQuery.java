package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.server.service.Admission;
import dev.embedkit.store.Collection;
import dev.embedkit.store.CollectionConfig;
import dev.embedkit.store.Granularity;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchHit;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.StoredDocument;
import dev.embedkit.vector.Metric;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST .../points/query} (and the legacy {@code points/search}) in the store's terms. A query node has a
 * {@code query}, its own {@code filter} and {@code limit}, and {@code prefetch} nodes whose results it works on:
 * <ul>
 *   <li>without query and prefetch, the points in id order, scored 0 (Qdrant's rule); without query over one
 *       prefetch, that prefetch's results;</li>
 *   <li>without prefetch, the node is one store search: a vector, a point id (that point's vector, the point left
 *       out), a Document embedded by the server, or a Document of model {@code qdrant/bm25} (BM25 over the points'
 *       text);</li>
 *   <li>with prefetch, {@code {"fusion": "rrf"}} (or {@code {"rrf": {"k"}}}) fuses the prefetches' rankings by
 *       reciprocal rank as Qdrant does: {@code sum 1 / (k + position)}, positions from 0, k = 2 unless given; a vector
 *       query rescores the prefetched points by the collection's metric.</li>
 * </ul>
 * A node's filter applies to its prefetches too. Scores are Qdrant's: the metric's value (raw cosine for Cosine,
 * the distance for Euclid and Manhattan, where smaller is closer and score_threshold is an upper bound), BM25, or the
 * fused score.
 */
final class QdrantQuery {
  /** Qdrant's default result count. */
  static final int DEFAULT_LIMIT = 10;
  /** Qdrant's default RRF constant. */
  static final int DEFAULT_RRF_K = 2;
  /** The deepest prefetch nesting taken (Qdrant's own cap). */
  static final int MAXIMUM_PREFETCH_DEPTH = 64;
  /** The most prefetches one query holds, at every depth together. */
  static final int MAXIMUM_PREFETCHES = 100;

  private static final String SUPPORTED = "supported queries: a vector, a point id, a Document {\"text\", \"model\"}"
      + " (model \"qdrant/bm25\" for keywords), an Image {\"image\", \"model\"}, {\"nearest\": ...}, and"
      + " {\"fusion\": \"rrf\"} or {\"rrf\": {\"k\"}} over prefetch";

  /** What a node looks for. */
  sealed interface Target {}

  record VectorTarget(float[] vector) implements Target {}

  record PointTarget(String id) implements Target {}

  record DocumentTarget(QdrantPoints.DocumentVector document) implements Target {}

  record KeywordsTarget(String text) implements Target {}

  record ImageTarget(QdrantPoints.ImageVector image) implements Target {}

  record FusionTarget(int k) implements Target {}

  /** No query and no prefetch: the points in id order (Qdrant's rule), scored 0. */
  record IdOrderTarget() implements Target {}

  /** No query over one prefetch: its results as they are. */
  record PrefetchTarget() implements Target {}

  /** One query node (the request, or one of its prefetches). */
  record Node(Target target, List<Node> prefetch, QdrantFilter filter, int limit, Double threshold, boolean exact,
      int efSearch) {}

  /** A point found and its score. */
  record Scored(String id, double score) {}

  /** The parsed request: its root node and what the answer shows. */
  record Request(Node root, int offset, QdrantPayload.Selector payload, boolean withVector) {}

  private QdrantQuery() {}

  /** {@code points/query}. */
  static Request query(ObjectNode body) {
    QdrantFilter.onlyKeys(body, "the query", "query", "prefetch", "filter", "limit", "offset", "with_payload",
        "with_vector", "score_threshold", "using", "params", "lookup_from", "shard_key");
    int offset = nonNegative(body, "offset", 0);
    return new Request(node(body, "query", true, 0, new int[1]), offset,
        QdrantPayload.selector(body.get("with_payload"), QdrantPayload.Selector.NONE, "with_payload"),
        QdrantPayload.withVector(body.get("with_vector"), false, "with_vector"));
  }

  /** The legacy {@code points/search}: {"vector", "filter", "limit", "offset", ...}. */
  static Request search(ObjectNode body) {
    QdrantFilter.onlyKeys(body, "the search", "vector", "filter", "limit", "offset", "with_payload", "with_vector",
        "score_threshold", "params", "shard_key");
    refuse(body, "shard_key", "one node, no shards");
    JsonNode vector = body.get("vector");
    if (vector == null || !vector.isArray()) {
      throw ServerException.malformed("'vector' must be a list of numbers (named vectors are not supported); got "
          + Json.kind(vector), "vector");
    }
    int[] params = params(body.get("params"));
    Node root = new Node(new VectorTarget(QdrantPoints.floats(vector, "vector")), List.of(),
        QdrantFilter.of(body.get("filter"), "filter"), positive(body, "limit", DEFAULT_LIMIT), threshold(body),
        params[0] == 1, params[1]);
    return new Request(root, nonNegative(body, "offset", 0),
        QdrantPayload.selector(body.get("with_payload"), QdrantPayload.Selector.NONE, "with_payload"),
        QdrantPayload.withVector(body.get("with_vector"), false, "with_vector"));
  }

  /** A query node; depth counts the prefetches above it, and prefetches those met so far in the whole request. */
  private static Node node(ObjectNode body, String path, boolean root, int depth, int[] prefetches) {
    if (!root) {
      QdrantFilter.onlyKeys(body, path, "query", "prefetch", "filter", "limit", "score_threshold", "using", "params",
          "lookup_from");
    }
    refuse(body, "lookup_from", "vectors come from the collection queried");
    refuse(body, "shard_key", "one node, no shards");
    List<Node> prefetch = new ArrayList<>();
    JsonNode pre = body.get("prefetch");
    if (pre != null && !pre.isNull()) {
      List<JsonNode> list = new ArrayList<>();
      if (pre.isArray()) {
        pre.forEach(list::add);
      } else {
        list.add(pre);
      }
      if (!list.isEmpty() && depth == MAXIMUM_PREFETCH_DEPTH) {
        throw ServerException.invalid("'prefetch' nests more than " + MAXIMUM_PREFETCH_DEPTH + " levels deep;"
            + " accepted: at most " + MAXIMUM_PREFETCH_DEPTH + ", as in Qdrant", "prefetch");
      }
      prefetches[0] += list.size();
      if (prefetches[0] > MAXIMUM_PREFETCHES) {
        throw ServerException.invalid("the query holds more than " + MAXIMUM_PREFETCHES + " prefetches; accepted: at"
            + " most " + MAXIMUM_PREFETCHES + " in one query, at every depth together", "prefetch");
      }
      for (int i = 0; i < list.size(); i++) {
        JsonNode p = list.get(i);
        String at = (root ? "" : path + ".") + "prefetch" + (pre.isArray() ? "[" + i + "]" : "");
        if (!p.isObject()) {
          throw ServerException.malformed("'" + at + "' must be an object {\"query\", \"filter\", \"limit\"}; got "
              + Json.kind(p), "prefetch");
        }
        prefetch.add(node((ObjectNode) p, at, false, depth + 1, prefetches));
      }
    }
    String queryPath = root ? "query" : path + ".query";
    Target target;
    if (body.hasNonNull("query")) {
      target = target(body.get("query"), queryPath);
    } else if (prefetch.isEmpty()) {
      target = new IdOrderTarget();
    } else if (prefetch.size() == 1) {
      target = new PrefetchTarget();
    } else {
      throw ServerException.invalid("'" + queryPath + "' is missing over " + prefetch.size() + " prefetches; say how"
          + " to combine them, e.g. {\"fusion\": \"rrf\"}; " + SUPPORTED, "query");
    }
    String using = body.hasNonNull("using") ? body.get("using").asText() : "";
    if (!using.isEmpty() && !(target instanceof KeywordsTarget)) {
      throw ServerException.invalid("'" + (root ? "" : path + ".") + "using' names vector '" + using + "'; embedkit"
          + " collections have one unnamed vector (leave 'using' out); " + SUPPORTED, "using");
    }
    if (target instanceof FusionTarget && prefetch.isEmpty()) {
      throw ServerException.invalid("'" + queryPath + "' fuses prefetch results, but there is no 'prefetch'; "
          + SUPPORTED, "query");
    }
    if (target instanceof KeywordsTarget && !prefetch.isEmpty()) {
      throw ServerException.invalid("'" + queryPath + "': a qdrant/bm25 query cannot rescore prefetch results; use it"
          + " as a prefetch under {\"fusion\": \"rrf\"}", "query");
    }
    int[] params = params(body.get("params"));
    return new Node(target, prefetch, QdrantFilter.of(body.get("filter"), (root ? "" : path + ".") + "filter"),
        positive(body, "limit", DEFAULT_LIMIT), threshold(body), params[0] == 1, params[1]);
  }

  private static Target target(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      throw ServerException.invalid("'" + path + "' is missing; " + SUPPORTED, "query");
    }
    if (node.isArray()) {
      if (!node.isEmpty() && node.get(0).isArray()) {
        throw ServerException.invalid("'" + path + "' is a multi-vector; " + SUPPORTED, "query");
      }
      return new VectorTarget(QdrantPoints.floats(node, path));
    }
    if (node.isNumber() || node.isTextual()) {
      return new PointTarget(QdrantIds.parse(node));
    }
    if (!node.isObject()) {
      throw ServerException.malformed("'" + path + "' holds " + Json.kind(node) + "; " + SUPPORTED, "query");
    }
    ObjectNode object = (ObjectNode) node;
    if (object.has("nearest")) {
      QdrantFilter.onlyKeys(object, path, "nearest", "mmr");
      refuse(object, "mmr", "maximal marginal relevance is not implemented");
      return target(object.get("nearest"), path + ".nearest");
    }
    if (object.has("fusion")) {
      QdrantFilter.onlyKeys(object, path, "fusion");
      String fusion = object.get("fusion").asText();
      if (!fusion.equals("rrf")) {
        throw ServerException.invalid("'" + path + ".fusion' is " + object.get("fusion") + "; supported: \"rrf\"",
            "query");
      }
      return new FusionTarget(DEFAULT_RRF_K);
    }
    if (object.has("rrf")) {
      QdrantFilter.onlyKeys(object, path, "rrf");
      JsonNode rrf = object.get("rrf");
      if (!rrf.isObject()) {
        throw ServerException.malformed("'" + path + ".rrf' must be {\"k\": n}; got " + Json.kind(rrf), "query");
      }
      QdrantFilter.onlyKeys((ObjectNode) rrf, path + ".rrf", "k");
      return new FusionTarget(positive((ObjectNode) rrf, "k", DEFAULT_RRF_K));
    }
    if (object.has("text")) {
      QdrantPoints.DocumentVector document = QdrantPoints.document(object, path);
      return QdrantEmbedder.isBm25(document.model()) ? new KeywordsTarget(document.text())
          : new DocumentTarget(document);
    }
    if (object.has("image")) {
      return new ImageTarget(QdrantPoints.image(object, path));
    }
    if (object.has("indices") || object.has("values")) {
      throw ServerException.invalid("'" + path + "' is a sparse vector, which embedkit does not store; for keywords"
          + " query {\"text\": ..., \"model\": \"qdrant/bm25\"}; " + SUPPORTED, "query");
    }
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    throw ServerException.invalid("'" + path + "' (" + String.join(", ", names) + ") is not supported; " + SUPPORTED,
        "query");
  }

  /** Runs a request on a collection: the ranked points, after offset, limit and score threshold. */
  static List<Scored> run(Collection collection, Request request, QdrantEmbedder embedder, Admission.Ticket ticket) {
    Context context = new Context(collection, embedder, ticket, collection.info().fields());
    return context.run(request.root(), QdrantFilter.ALL, request.offset());
  }

  /** What one request's nodes share. */
  private static final class Context {
    final Collection collection;
    final CollectionConfig config;
    final QdrantEmbedder embedder;
    final Admission.Ticket ticket;
    final Map<String, Set<String>> fields;

    Context(Collection collection, QdrantEmbedder embedder, Admission.Ticket ticket, Map<String, Set<String>> fields) {
      this.collection = collection;
      this.config = collection.config();
      this.embedder = embedder;
      this.ticket = ticket;
      this.fields = fields;
    }

    List<Scored> run(Node node, QdrantFilter outer, int offset) {
      QdrantFilter filter = outer.and(node.filter()).resolve(fields);
      if (filter == null) {
        return List.of(); // a condition no point can meet
      }
      boolean higherBetter = higherBetter(node);
      List<Scored> ranked;
      if (!node.prefetch().isEmpty()) {
        List<List<Scored>> lists = new ArrayList<>();
        for (Node prefetch : node.prefetch()) {
          lists.add(run(prefetch, filter, 0));
        }
        ranked = node.target() instanceof FusionTarget fusion ? rrf(lists, fusion.k())
            : node.target() instanceof PrefetchTarget ? lists.get(0) : rescore(node, lists, filter);
      } else if (node.target() instanceof IdOrderTarget) {
        ranked = QdrantScroll.scroll(collection, filter, null, Math.min(SearchRequest.MAX_TOP_K, offset + node.limit()),
            false).stream().map(d -> new Scored(d.id(), 0)).toList();
      } else if (filter.ids() != null) {
        ranked = inMemory(node, filter.ids(), filter);
      } else {
        ranked = stored(node, filter, offset);
      }
      List<Scored> out = new ArrayList<>();
      for (int i = offset; i < ranked.size() && out.size() < node.limit(); i++) {
        Scored scored = ranked.get(i);
        if (node.threshold() != null && (higherBetter ? scored.score() < node.threshold()
            : scored.score() > node.threshold())) {
          break; // ranked best first, so the rest are past the threshold too
        }
        out.add(scored);
      }
      return out;
    }

    /**
     * Whether the node's scores rank higher first: similarities, BM25 and fused scores do, Euclid and Manhattan
     * distances do not. A node with no query and one prefetch passes its prefetch's scores on, so its direction.
     */
    private boolean higherBetter(Node node) {
      Target target = node.target();
      if (target instanceof PrefetchTarget) {
        return higherBetter(node.prefetch().get(0));
      }
      return !(target instanceof VectorTarget || target instanceof PointTarget || target instanceof DocumentTarget
          || target instanceof ImageTarget) || config.similarity().isSimilarity();
    }

    /** One store search; the has_id exclusions are asked for on top and dropped. */
    private List<Scored> stored(Node node, QdrantFilter filter, int offset) {
      Set<String> excluded = new LinkedHashSet<>(filter.excluded());
      Query query;
      Target target = node.target();
      if (target instanceof VectorTarget vector) {
        query = Query.vector(checked(vector.vector(), "query"));
      } else if (target instanceof PointTarget point) {
        query = Query.vector(pointVector(point.id()));
        excluded.add(point.id());
      } else if (target instanceof KeywordsTarget keywords) {
        query = Query.keywords(keywords.text());
      } else if (target instanceof ImageTarget image) {
        QdrantPoints.ImageVector picture = image.image();
        boolean own = embedder.collectionEmbeds(config, picture.model(), "query") && !embedder.serves(picture.model());
        if (own && !QdrantEmbedder.reference(picture.image())) {
          throw ServerException.invalid("'query.image': the collection's model " + picture.model() + " is not"
              + " served here, so the picture must be an http(s) URL or a data URI (or serve the model)", "query");
        }
        query = own ? Query.image(picture.image()) : Query.vector(checked(embedImage(picture), "query"));
      } else {
        QdrantPoints.DocumentVector document = ((DocumentTarget) target).document();
        query = embedder.collectionEmbeds(config, document.model(), "query") && !embedder.serves(document.model())
            ? Query.text(document.text()) : Query.vector(checked(embed(document), "query"));
      }
      int wanted = Math.min(SearchRequest.MAX_TOP_K, node.limit() + offset + excluded.size());
      SearchRequest request = new SearchRequest(query, wanted, 0, filter.filter(), null, node.exact(), null,
          node.efSearch(), Granularity.DOCUMENTS, Set.of());
      List<Scored> out = new ArrayList<>();
      for (SearchHit hit : collection.search(request)) {
        if (!excluded.contains(hit.id())) {
          out.add(new Scored(hit.id(), hit.score()));
        }
      }
      return out;
    }

    /** The points named by has_id, matched and scored here (they are few): exact scores by the metric. */
    private List<Scored> inMemory(Node node, Set<String> ids, QdrantFilter filter) {
      if (node.target() instanceof KeywordsTarget) {
        throw ServerException.invalid("a qdrant/bm25 query cannot be combined with has_id in 'must'; filter by"
            + " payload instead", "filter");
      }
      Set<String> excluded = new LinkedHashSet<>(filter.excluded());
      float[] vector = vector(node.target(), excluded);
      List<StoredDocument> documents = new ArrayList<>();
      for (StoredDocument document : collection.get(List.copyOf(ids), true)) {
        if (filter.matches(document) && !excluded.contains(document.id())) {
          documents.add(document);
        }
      }
      return scored(vector, documents);
    }

    /** A vector query over the prefetched points: each rescored by the collection's metric. */
    private List<Scored> rescore(Node node, List<List<Scored>> lists, QdrantFilter filter) {
      Set<String> excluded = new LinkedHashSet<>();
      float[] vector = vector(node.target(), excluded);
      Set<String> ids = new LinkedHashSet<>();
      lists.forEach(list -> list.forEach(s -> ids.add(s.id())));
      ids.removeAll(excluded);
      if (ids.isEmpty()) {
        return List.of();
      }
      return scored(vector, collection.get(List.copyOf(ids), true));
    }

    private List<Scored> scored(float[] vector, List<StoredDocument> documents) {
      Metric metric = config.similarity();
      List<Scored> out = new ArrayList<>();
      for (StoredDocument document : documents) {
        float[] stored = document.vector();
        if (stored != null) {
          out.add(new Scored(document.id(), metric.compute(vector, stored)));
        }
      }
      Comparator<Scored> byScore = Comparator.comparingDouble(Scored::score);
      out.sort(metric.isSimilarity() ? byScore.reversed() : byScore);
      return out;
    }

    /** The vector of a vector, point or Document target (a point target's id is added to the exclusions). */
    private float[] vector(Target target, Set<String> excluded) {
      if (target instanceof VectorTarget vector) {
        return checked(vector.vector(), "query");
      }
      if (target instanceof PointTarget point) {
        excluded.add(point.id());
        return pointVector(point.id());
      }
      if (target instanceof DocumentTarget document) {
        embedder.collectionEmbeds(config, document.document().model(), "query");
        return checked(embed(document.document()), "query");
      }
      if (target instanceof ImageTarget image) {
        embedder.collectionEmbeds(config, image.image().model(), "query");
        return checked(embedImage(image.image()), "query");
      }
      throw ServerException.invalid("this query cannot rescore prefetch results; " + SUPPORTED, "query");
    }

    private float[] embedImage(QdrantPoints.ImageVector image) {
      return embedder.embedImages(ticket, image.model(), List.of(image.image()), "query").get(0);
    }

    private float[] embed(QdrantPoints.DocumentVector document) {
      return embedder.embed(ticket, document.model(), List.of(document.text()), true, "query").get(0);
    }

    private float[] pointVector(String id) {
      StoredDocument point = collection.get(id, true).orElseThrow(() -> new ServerException(Problem.MODEL_NOT_FOUND,
          "Not found: No point with id " + QdrantIds.shown(id) + " found", "query"));
      float[] vector = point.vector();
      if (vector == null) {
        throw new ServerException(Problem.MODEL_NOT_FOUND, "Not found: point " + QdrantIds.shown(id) + " has no"
            + " vector", "query");
      }
      return vector;
    }

    private float[] checked(float[] vector, String path) {
      return QdrantPoints.checkDimensions(config, vector, path);
    }
  }

  /** Reciprocal rank fusion as Qdrant computes it: each list adds 1 / (k + position), positions from 0. */
  static List<Scored> rrf(List<List<Scored>> lists, int k) {
    Map<String, Double> scores = new LinkedHashMap<>();
    for (List<Scored> list : lists) {
      for (int position = 0; position < list.size(); position++) {
        scores.merge(list.get(position).id(), 1.0 / (k + position), Double::sum);
      }
    }
    Map<String, Integer> firstSeen = new HashMap<>();
    int i = 0;
    for (String id : scores.keySet()) {
      firstSeen.put(id, i++);
    }
    List<Scored> out = new ArrayList<>();
    scores.forEach((id, score) -> out.add(new Scored(id, score)));
    out.sort(Comparator.comparingDouble(Scored::score).reversed()
        .thenComparingInt(s -> firstSeen.get(s.id())));
    return out;
  }

  private static int[] params(JsonNode node) {
    if (node == null || node.isNull()) {
      return new int[] {0, 0};
    }
    if (!node.isObject()) {
      throw ServerException.malformed("'params' must be {\"hnsw_ef\", \"exact\"}; got " + Json.kind(node), "params");
    }
    QdrantFilter.onlyKeys((ObjectNode) node, "params", "hnsw_ef", "exact", "indexed_only", "quantization");
    JsonNode exact = node.get("exact");
    JsonNode ef = node.get("hnsw_ef");
    if (exact != null && !exact.isNull() && !exact.isBoolean()) {
      throw ServerException.malformed("'params.exact' must be true or false; got " + Json.kind(exact), "params");
    }
    if (ef != null && !ef.isNull() && (!ef.canConvertToInt() || ef.intValue() < 0)) {
      throw ServerException.malformed("'params.hnsw_ef' must be a non-negative integer; got " + Json.kind(ef), "params");
    }
    return new int[] {exact != null && exact.asBoolean() ? 1 : 0,
        ef == null || ef.isNull() ? 0 : Math.min(ef.intValue(), SearchRequest.MAX_TOP_K)};
  }

  private static Double threshold(ObjectNode body) {
    JsonNode value = body.get("score_threshold");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw ServerException.malformed("'score_threshold' must be a number; got " + Json.kind(value), "score_threshold");
    }
    return value.doubleValue();
  }

  static int positive(ObjectNode body, String name, int fallback) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 1
        || value.intValue() > SearchRequest.MAX_TOP_K) {
      throw ServerException.invalid("'" + name + "' must be an integer from 1 to " + SearchRequest.MAX_TOP_K + "; got "
          + value, name);
    }
    return value.intValue();
  }

  static int nonNegative(ObjectNode body, String name, int fallback) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0
        || value.intValue() > SearchRequest.MAX_TOP_K) {
      throw ServerException.invalid("'" + name + "' must be an integer from 0 to " + SearchRequest.MAX_TOP_K + "; got "
          + value, name);
    }
    return value.intValue();
  }

  private static void refuse(ObjectNode body, String field, String why) {
    if (body.hasNonNull(field)) {
      throw ServerException.invalid("'" + field + "' is not supported (" + why + "); " + SUPPORTED, field);
    }
  }
}
