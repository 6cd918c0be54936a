package dev.embedkit.server.api;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.server.Problem;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Fields;
import dev.embedkit.server.http.Json;
import dev.embedkit.store.ChunkSettings;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.Document;
import dev.embedkit.store.Field;
import dev.embedkit.store.Granularity;
import dev.embedkit.store.HnswSettings;
import dev.embedkit.store.Hybrid;
import dev.embedkit.store.Quantization;
import dev.embedkit.store.Query;
import dev.embedkit.store.SearchRequest;
import dev.embedkit.store.filter.Filter;
import dev.embedkit.store.filter.FilterJson;
import dev.embedkit.store.filter.FilterParser;
import dev.embedkit.vector.Metric;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the collections API's request bodies into the store's records. Strict: an unknown field is an error naming
 * the fields accepted (nothing the caller asked for is silently ignored), a wrong type is MALFORMED naming the field by
 * its JSON path ({@code documents[2].vector[5]}), and the store's own checks (ranges, names, dimensions) give the rest.
 */
final class CollectionBodies {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final List<String> QUERY_KINDS = List.of("query", "vector", "image", "like");

  private CollectionBodies() {}

  /** A search and the model the caller expects the collection to use (null: whatever it uses). */
  record Search(SearchRequest request, String model) {}

  /** {@code PUT /collections/NAME}. */
  static CollectionSpec spec(String name, ObjectNode body) {
    onlyKeys(body, "a collection", "model", "dimensions", "similarity", "hnsw", "quantization", "chunking", "analyzer");
    String similarity = Fields.string(body, "similarity");
    String quantization = Fields.string(body, "quantization");
    return new CollectionSpec(name, Fields.string(body, "model"), Fields.dimensions(body, "dimensions"),
        similarity == null ? null : Metric.fromString(similarity), hnsw(object(body, "hnsw")),
        quantization == null ? null : Quantization.fromString(quantization), chunking(object(body, "chunking")),
        Fields.string(body, "analyzer"));
  }

  private static HnswSettings hnsw(ObjectNode node) {
    if (node == null) {
      return null;
    }
    onlyKeys(node, "'hnsw'", "m", "beam_width");
    HnswSettings defaults = HnswSettings.DEFAULTS;
    Integer m = Fields.integer(node, "m");
    Integer beamWidth = Fields.integer(node, "beam_width");
    return new HnswSettings(m == null ? defaults.m() : m, beamWidth == null ? defaults.beamWidth() : beamWidth);
  }

  private static ChunkSettings chunking(ObjectNode node) {
    if (node == null) {
      return null;
    }
    onlyKeys(node, "'chunking'", "max_tokens", "overlap_tokens", "sentence_aware");
    ChunkSettings defaults = ChunkSettings.DEFAULTS;
    Integer max = Fields.integer(node, "max_tokens");
    Integer overlap = Fields.integer(node, "overlap_tokens");
    Boolean sentences = Fields.bool(node, "sentence_aware");
    return new ChunkSettings(max == null ? defaults.maxTokens() : max,
        overlap == null ? defaults.overlapTokens() : overlap,
        sentences == null ? defaults.sentenceAware() : sentences);
  }

  /** {@code {"documents": [{"id", "text", "metadata", "vector", "image"}]}}, at most {@code maxDocuments}. */
  static List<Document> documents(ObjectNode body, int maxDocuments) {
    onlyKeys(body, "a documents request", "documents");
    JsonNode array = body.get("documents");
    if (array == null || array.isNull()) {
      throw ServerException.malformed("'documents' is missing; send {\"documents\": [{\"id\": \"1\","
          + " \"text\": \"...\"}]}", "documents");
    }
    if (!array.isArray()) {
      throw ServerException.malformed("'documents' must be an array of objects; got " + Json.kind(array), "documents");
    }
    if (array.isEmpty()) {
      throw new ServerException(Problem.EMPTY, "'documents' is empty; give at least one document", "documents");
    }
    if (array.size() > maxDocuments) {
      throw ServerException.invalid("'documents' has " + array.size() + " documents, more than the limit of "
          + maxDocuments + " per request (the server's --max-inputs); send them in several requests", "documents");
    }
    List<Document> documents = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      documents.add(document(array.get(i), "documents[" + i + "]"));
    }
    return documents;
  }

  private static Document document(JsonNode node, String path) {
    if (!node.isObject()) {
      throw ServerException.malformed("'" + path + "' must be an object with an id; got " + Json.kind(node),
          "documents");
    }
    ObjectNode object = (ObjectNode) node;
    onlyKeys(object, "'" + path + "'", "id", "text", "metadata", "vector", "image");
    JsonNode id = object.get("id");
    if (id == null || !id.isTextual()) {
      throw ServerException.malformed("'" + path + ".id' must be a string; got " + Json.kind(id), "documents");
    }
    String text = string(object, "text", path);
    String image = remoteImage(string(object, "image", path), path + ".image");
    JsonNode vector = object.get("vector");
    float[] floats = vector == null || vector.isNull() ? null : floats(vector, path + ".vector");
    Map<String, Object> metadata = null;
    ObjectNode meta = object(object, "metadata", path);
    if (meta != null) {
      metadata = Json.MAPPER.convertValue(meta, MAP);
    }
    try {
      return new Document(id.textValue(), text, metadata, floats, image);
    } catch (EmbedkitException e) {
      throw ServerException.invalid("'" + path + "' (id '" + id.textValue() + "'): " + e.getMessage(), "documents");
    }
  }

  /** {@code POST /collections/NAME/search}. */
  /**
   * An image named over HTTP: an http(s) URL or a data URI. A file path would make the server read its own disk for
   * whoever holds the key (and serve the picture back as a thumbnail); local files are indexed with the CLI
   * ({@code embedkit index NAME --image DIR}), whose documents keep their paths.
   */
  static String remoteImage(String image, String field) {
    if (image == null) {
      return null;
    }
    String lower = image.toLowerCase(java.util.Locale.ROOT);
    if (lower.startsWith("http://") || lower.startsWith("https://") || lower.startsWith("data:")) {
      return image;
    }
    String shown = image.length() > 60 ? image.substring(0, 60) + "..." : image;
    throw ServerException.invalid("'" + field + "' must be an http(s) URL or a data URI (data:image/png;base64,...);"
        + " got \"" + shown + "\". The server does not read its own files for HTTP clients: index local pictures with"
        + " embedkit index NAME --image DIR", field);
  }

  static Search search(ObjectNode body) {
    onlyKeys(body, "a search", "query", "vector", "image", "like", "top_k", "offset", "filter", "hybrid", "exact",
        "min_score", "ef_search", "granularity", "fields", "model");
    List<String> given = QUERY_KINDS.stream().filter(k -> Fields.has(body, k)).toList();
    if (given.size() != 1) {
      throw new ServerException(given.isEmpty() ? Problem.EMPTY : Problem.INVALID_INPUT, "give exactly one of 'query'"
          + " (text), 'vector', 'image' or 'like' (a document id); got " + (given.isEmpty() ? "none"
          : String.join(" and ", given)), given.isEmpty() ? "query" : given.get(1));
    }
    Query query = switch (given.get(0)) {
      case "query" -> Query.text(nonBlank(body, "query", "some words to search for"));
      case "vector" -> Query.vector(floats(body.get("vector"), "vector"));
      case "image" -> Query.image(remoteImage(nonBlank(body, "image", "an image URL or data URI"), "image"));
      default -> Query.like(nonBlank(body, "like", "the id of a document in the collection"));
    };
    Integer topK = Fields.integer(body, "top_k");
    Integer offset = Fields.integer(body, "offset");
    Integer efSearch = Fields.integer(body, "ef_search");
    Boolean exact = Fields.bool(body, "exact");
    String granularity = Fields.string(body, "granularity");
    SearchRequest request = new SearchRequest(query, topK == null ? SearchRequest.DEFAULT_TOP_K : topK,
        offset == null ? 0 : offset, filter(body), hybrid(body.get("hybrid")), exact != null && exact,
        number(body, "min_score", "min_score"), efSearch == null ? 0 : efSearch,
        granularity == null ? Granularity.DOCUMENTS : Granularity.fromString(granularity), fields(body.get("fields")));
    return new Search(request, Fields.string(body, "model"));
  }

  private static Hybrid hybrid(JsonNode node) {
    if (node == null || node.isNull() || node.isBoolean() && !node.booleanValue()) {
      return null;
    }
    if (node.isBoolean()) {
      return Hybrid.DEFAULTS;
    }
    if (!node.isObject()) {
      throw ServerException.malformed("'hybrid' must be true, false or {\"vector_weight\", \"keyword_weight\","
          + " \"rrf_k\"}; got " + Json.kind(node), "hybrid");
    }
    ObjectNode object = (ObjectNode) node;
    onlyKeys(object, "'hybrid'", "vector_weight", "keyword_weight", "rrf_k");
    Double vector = number(object, "vector_weight", "hybrid.vector_weight");
    Double keyword = number(object, "keyword_weight", "hybrid.keyword_weight");
    Integer rrfK = Fields.integer(object, "rrf_k");
    Hybrid defaults = Hybrid.DEFAULTS;
    return new Hybrid(vector == null ? defaults.vectorWeight() : vector,
        keyword == null ? defaults.keywordWeight() : keyword, rrfK == null ? defaults.rrfK() : rrfK);
  }

  private static Set<Field> fields(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw ServerException.malformed("'fields' must be an array of text, metadata, chunk, vector, image; got "
          + Json.kind(node), "fields");
    }
    Set<Field> fields = EnumSet.noneOf(Field.class);
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw ServerException.malformed("'fields' holds " + Json.kind(element) + "; each must be one of text,"
            + " metadata, chunk, vector, image", "fields");
      }
      fields.add(Field.fromString(element.textValue()));
    }
    return fields;
  }

  /**
   * The request's {@code filter}: the JSON tree ({@link FilterJson}) or a string in the filter language
   * ({@link FilterParser}: {@code lang = 'en' AND year >= 2020}); null when absent.
   */
  static Filter filter(ObjectNode body) {
    JsonNode node = body.get("filter");
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return FilterParser.parse(node.textValue());
    }
    if (node.isObject()) {
      return FilterJson.parse(node, "filter");
    }
    throw ServerException.malformed("'filter' must be a filter object ({\"field\": \"lang\", \"op\": \"eq\","
        + " \"value\": \"en\"}) or a string (\"lang = 'en'\"); got " + Json.kind(node), "filter");
  }

  /** {@code "ids": [...]}: strings; null when absent. */
  static List<String> ids(ObjectNode body) {
    JsonNode node = body.get("ids");
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isArray()) {
      throw ServerException.malformed("'ids' must be an array of strings; got " + Json.kind(node), "ids");
    }
    List<String> ids = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      if (!node.get(i).isTextual()) {
        throw ServerException.malformed("'ids[" + i + "]' must be a string; got " + Json.kind(node.get(i)), "ids");
      }
      ids.add(node.get(i).textValue());
    }
    return ids;
  }

  /** Refuses fields this request does not take, listing those it does. */
  static void onlyKeys(ObjectNode node, String what, String... accepted) {
    Set<String> known = Set.of(accepted);
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        throw ServerException.invalid("unknown field '" + name + "' in " + what + "; accepted: "
            + String.join(", ", new TreeSet<>(known)), name);
      }
    }
  }

  /** A JSON array of numbers as floats; a number past the float range becomes infinite (the store refuses it). */
  private static float[] floats(JsonNode node, String path) {
    if (!node.isArray()) {
      throw ServerException.malformed("'" + path + "' must be an array of numbers; got " + Json.kind(node), path);
    }
    float[] out = new float[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode value = node.get(i);
      if (!value.isNumber()) {
        throw ServerException.malformed("'" + path + "[" + i + "]' must be a number; got " + Json.kind(value), path);
      }
      out[i] = (float) value.doubleValue();
    }
    return out;
  }

  private static String nonBlank(ObjectNode body, String name, String what) {
    String value = Fields.string(body, name);
    if (value.isBlank()) {
      throw new ServerException(Problem.EMPTY, "'" + name + "' is empty; give " + what, name);
    }
    return value;
  }

  private static String string(ObjectNode node, String name, String path) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ServerException.malformed("'" + path + "." + name + "' must be a string; got " + Json.kind(value), name);
    }
    return value.textValue();
  }

  private static ObjectNode object(ObjectNode node, String name) {
    return object(node, name, null);
  }

  private static ObjectNode object(ObjectNode node, String name, String path) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      String shown = path == null ? name : path + "." + name;
      throw ServerException.malformed("'" + shown + "' must be an object; got " + Json.kind(value), name);
    }
    return (ObjectNode) value;
  }

  private static Double number(ObjectNode node, String name, String path) {
    JsonNode value = node.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber()) {
      throw ServerException.malformed("'" + path + "' must be a number; got " + Json.kind(value), name);
    }
    return value.doubleValue();
  }
}
