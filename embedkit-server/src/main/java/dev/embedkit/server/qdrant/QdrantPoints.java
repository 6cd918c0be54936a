package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import dev.embedkit.store.CollectionConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the points of an upsert ({@code {"points": [{"id", "vector", "payload"}]}} or {@code {"batch": {"ids",
 * "vectors", "payloads"}}}) and vectors wherever Qdrant takes one: a list of numbers, or a Document
 * {@code {"text", "model"}} that the server embeds. Named, sparse and multi-vectors are refused with a 400 that says
 * what is supported.
 */
final class QdrantPoints {
  private QdrantPoints() {}

  /** Text for the server to embed with the named model (Qdrant's inference object). */
  record DocumentVector(String text, String model) {}

  /** A picture for the server to embed with the named image model (an http(s) URL, a data URI or base64). */
  record ImageVector(String image, String model) {}

  /** A vector as given: numbers, a document or an image to embed (exactly one is set). */
  record VectorInput(float[] vector, DocumentVector document, ImageVector image) {}

  /** One point to write; a repeated id in one request keeps its last point, as Qdrant does. */
  record Point(String id, VectorInput vector, Map<String, Object> payload) {}

  /** The points of an upsert body, later ones replacing earlier ones of the same id. */
  static List<Point> upsert(ObjectNode body) {
    QdrantFilter.onlyKeys(body, "the upsert", "points", "batch", "shard_key", "update_filter");
    for (String refused : List.of("shard_key", "update_filter")) {
      if (body.hasNonNull(refused)) {
        throw ServerException.invalid("'" + refused + "' is not supported (one node, no conditional updates); send"
            + " {\"points\": [...]} or {\"batch\": {...}}", refused);
      }
    }
    boolean points = body.hasNonNull("points");
    boolean batch = body.hasNonNull("batch");
    if (points == batch) {
      throw ServerException.malformed("give 'points' (a list of {\"id\", \"vector\", \"payload\"}) or 'batch' ({\"ids\","
          + " \"vectors\", \"payloads\"}), one of them", "points");
    }
    List<Point> read = points ? points(body.get("points")) : batch(body.get("batch"));
    Map<String, Point> last = new LinkedHashMap<>();
    for (Point point : read) {
      last.remove(point.id());
      last.put(point.id(), point);
    }
    return new ArrayList<>(last.values());
  }

  private static List<Point> points(JsonNode array) {
    if (!array.isArray()) {
      throw ServerException.malformed("'points' must be a list of {\"id\", \"vector\", \"payload\"}; got "
          + Json.kind(array), "points");
    }
    List<Point> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode node = array.get(i);
      String path = "points[" + i + "]";
      if (!node.isObject()) {
        throw ServerException.malformed("'" + path + "' must be an object {\"id\", \"vector\", \"payload\"}; got "
            + Json.kind(node), "points");
      }
      QdrantFilter.onlyKeys((ObjectNode) node, path, "id", "vector", "payload");
      out.add(new Point(QdrantIds.parse(node.get("id")), vector(node.get("vector"), path + ".vector"),
          QdrantPayload.metadata(node.get("payload"), path + ".payload")));
    }
    return out;
  }

  private static List<Point> batch(JsonNode node) {
    if (!node.isObject()) {
      throw ServerException.malformed("'batch' must be {\"ids\", \"vectors\", \"payloads\"}; got " + Json.kind(node),
          "batch");
    }
    QdrantFilter.onlyKeys((ObjectNode) node, "batch", "ids", "vectors", "payloads");
    JsonNode ids = node.get("ids");
    JsonNode vectors = node.get("vectors");
    JsonNode payloads = node.get("payloads");
    if (ids == null || !ids.isArray() || vectors == null || !vectors.isArray()) {
      throw ServerException.malformed("'batch' needs 'ids' and 'vectors', lists of the same length", "batch");
    }
    if (vectors.size() != ids.size() || payloads != null && !payloads.isNull()
        && (!payloads.isArray() || payloads.size() != ids.size())) {
      throw ServerException.invalid("'batch' has " + ids.size() + " ids, " + vectors.size() + " vectors"
          + (payloads != null && payloads.isArray() ? " and " + payloads.size() + " payloads" : "")
          + "; the lists must be of the same length", "batch");
    }
    List<Point> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      JsonNode payload = payloads == null || payloads.isNull() ? null : payloads.get(i);
      out.add(new Point(QdrantIds.parse(ids.get(i)), vector(vectors.get(i), "batch.vectors[" + i + "]"),
          QdrantPayload.metadata(payload, "batch.payloads[" + i + "]")));
    }
    return out;
  }

  /** A vector: numbers or a Document; anything else is refused, saying what is taken. */
  static VectorInput vector(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      throw ServerException.malformed("'" + path + "' is missing; give a list of numbers or a Document {\"text\","
          + " \"model\"}", path);
    }
    if (node.isArray()) {
      if (!node.isEmpty() && node.get(0).isArray()) {
        throw ServerException.invalid("'" + path + "' is a multi-vector (a list of lists); a point here has one dense"
            + " vector: a list of numbers, or a Document {\"text\", \"model\"}", path);
      }
      return new VectorInput(floats(node, path), null, null);
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      if (object.has("text")) {
        return new VectorInput(null, document(object, path), null);
      }
      if (object.has("indices") || object.has("values")) {
        throw ServerException.invalid("'" + path + "' is a sparse vector, which embedkit does not store; keyword"
            + " search runs over the text of Documents: query it with {\"text\": ..., \"model\": \"qdrant/bm25\"}",
            path);
      }
      if (object.has("image")) {
        return new VectorInput(null, null, image(object, path));
      }
      if (object.has("object")) {
        throw ServerException.invalid("'" + path + "': Object inference objects are not supported; give a list of"
            + " numbers, a Document {\"text\", \"model\"} or an Image {\"image\", \"model\"}", path);
      }
      throw ServerException.invalid("'" + path + "' looks like named vectors (" + String.join(", ", names(object))
          + "); embedkit collections have one unnamed vector: give a list of numbers or a Document {\"text\","
          + " \"model\"}", path);
    }
    throw ServerException.malformed("'" + path + "' must be a list of numbers or a Document {\"text\", \"model\"}; got "
        + Json.kind(node), path);
  }

  static DocumentVector document(ObjectNode object, String path) {
    QdrantFilter.onlyKeys(object, path, "text", "model", "options");
    JsonNode text = object.get("text");
    JsonNode model = object.get("model");
    JsonNode options = object.get("options");
    if (text == null || !text.isTextual()) {
      throw ServerException.malformed("'" + path + ".text' must be a string; got " + Json.kind(text), path);
    }
    if (model == null || !model.isTextual() || model.textValue().isBlank()) {
      throw ServerException.malformed("'" + path + ".model' must name a model the server serves (a Document needs"
          + " one, as in Qdrant 1.13+); got " + Json.kind(model), path);
    }
    if (options != null && !options.isNull() && !(options.isObject() && options.isEmpty())) {
      throw ServerException.invalid("'" + path + ".options' is not supported; the model's own settings apply", path);
    }
    if (text.textValue().isBlank()) {
      throw ServerException.invalid("'" + path + ".text' is empty; give some text to embed", path);
    }
    return new DocumentVector(text.textValue(), model.textValue());
  }

  static ImageVector image(ObjectNode object, String path) {
    QdrantFilter.onlyKeys(object, path, "image", "model", "options");
    JsonNode image = object.get("image");
    JsonNode model = object.get("model");
    JsonNode options = object.get("options");
    if (image == null || !image.isTextual() || image.textValue().isBlank()) {
      throw ServerException.malformed("'" + path + ".image' must be an http(s) URL, a data URI or base64 image bytes;"
          + " got " + Json.kind(image), path);
    }
    if (model == null || !model.isTextual() || model.textValue().isBlank()) {
      throw ServerException.malformed("'" + path + ".model' must name an image model the server serves (e.g. a CLIP"
          + " model); got " + Json.kind(model), path);
    }
    if (options != null && !options.isNull() && !(options.isObject() && options.isEmpty())) {
      throw ServerException.invalid("'" + path + ".options' is not supported; the model's own settings apply", path);
    }
    return new ImageVector(image.textValue(), model.textValue());
  }

  static float[] floats(JsonNode node, String path) {
    float[] out = new float[node.size()];
    for (int i = 0; i < out.length; i++) {
      JsonNode value = node.get(i);
      if (!value.isNumber()) {
        throw ServerException.malformed("'" + path + "[" + i + "]' must be a number; got " + Json.kind(value), path);
      }
      out[i] = (float) value.doubleValue();
      if (!Float.isFinite(out[i])) {
        throw ServerException.invalid("'" + path + "[" + i + "]' is " + value.asText() + ", outside the float range",
            path);
      }
    }
    if (out.length == 0) {
      throw ServerException.invalid("'" + path + "' is empty; give the vector's numbers", path);
    }
    return out;
  }

  private static List<String> names(ObjectNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(n -> names.add("'" + n + "'"));
    return names;
  }

  /** Qdrant's words for a vector of the wrong length. */
  static float[] checkDimensions(CollectionConfig config, float[] vector, String path) {
    if (vector.length != config.dimensions()) {
      throw ServerException.invalid("Wrong input: Vector dimension error: expected dim: " + config.dimensions()
          + ", got " + vector.length + " (" + path + ")", path);
    }
    return vector;
  }
}
