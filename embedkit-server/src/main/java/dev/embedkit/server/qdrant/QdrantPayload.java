package dev.embedkit.server.qdrant;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.server.ServerException;
import dev.embedkit.server.http.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Payloads: a point's payload is its store document's metadata, whose values are strings, integers, floats, bools or
 * flat lists of them (a null is dropped: an absent field). A nested object is kept as dotted keys, the path syntax of
 * Qdrant's filters: {@code {"metadata": {"source": "a"}}} is stored as the field {@code metadata.source} (so a
 * condition on {@code "key": "metadata.source"} filters on it, as in Qdrant) and written back as the same object. A
 * key holding a dot is therefore refused (it would come back nested), as is a list holding objects or lists (Qdrant's
 * {@code a[].b} paths have no counterpart in the store); an empty object is dropped like a null.
 *
 * <p>Which payload an answer carries: {@code with_payload} true, false, a list of keys, {@code {"include": [...]}}
 * or {@code {"exclude": [...]}}; a key selects its nested fields too.
 */
final class QdrantPayload {
  private static final String ACCEPTED =
      "accepted: string, integer, float, bool, null, a list of those, or an object of them";

  /** Which fields to show: none, all, or those included and not excluded. */
  record Selector(boolean any, Set<String> include, Set<String> exclude) {
    static final Selector NONE = new Selector(false, null, Set.of());
    static final Selector ALL = new Selector(true, null, Set.of());

    boolean shows(String key) {
      return any && (include == null || covers(include, key)) && !covers(exclude, key);
    }

    /** A selected key names the field or an object above it ({@code metadata} selects {@code metadata.source}). */
    private static boolean covers(Set<String> keys, String field) {
      if (keys.contains(field)) {
        return true;
      }
      for (int dot = field.indexOf('.'); dot > 0; dot = field.indexOf('.', dot + 1)) {
        if (keys.contains(field.substring(0, dot))) {
          return true;
        }
      }
      return false;
    }
  }

  private QdrantPayload() {}

  /** A payload object as store metadata (nested objects as dotted keys). */
  static Map<String, Object> metadata(JsonNode payload, String path) {
    if (payload == null || payload.isNull()) {
      return Map.of();
    }
    if (!payload.isObject()) {
      throw ServerException.malformed("'" + path + "' must be an object of fields; got " + Json.kind(payload), path);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    flatten(payload, "", path, out);
    return out;
  }

  private static void flatten(JsonNode object, String prefix, String path, Map<String, Object> out) {
    for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      String name = field.getKey();
      if (name.isEmpty() || name.indexOf('.') >= 0) {
        throw ServerException.invalid("payload key '" + prefix + name + "' of '" + path + "' is empty or holds a"
            + " dot; accepted: keys without dots (nested values go in nested objects, stored as dotted paths)", path);
      }
      String key = prefix + name;
      if (value.isArray()) {
        List<Object> values = new ArrayList<>(value.size());
        for (JsonNode element : value) {
          if (element.isContainerNode()) {
            throw ServerException.invalid("payload field '" + key + "' of '" + path + "' holds a list holding "
                + (element.isObject() ? "an object" : "a list") + "; " + ACCEPTED, path);
          }
          values.add(scalar(element));
        }
        out.put(key, values);
      } else if (value.isObject()) {
        flatten(value, key + ".", path, out);
      } else {
        out.put(key, scalar(value));
      }
    }
  }

  /** Removes a payload key from stored metadata: the field itself and, for a nested object, every field under it. */
  static void remove(Map<String, Object> metadata, String key) {
    metadata.keySet().removeIf(name -> name.equals(key) || name.startsWith(key + "."));
  }

  /** The top-level keys of flattened metadata (what a set-payload replaces). */
  static Set<String> topLevel(Map<String, Object> metadata, String prefix) {
    Set<String> keys = new java.util.LinkedHashSet<>();
    for (String name : metadata.keySet()) {
      int dot = name.indexOf('.', prefix.length());
      keys.add(dot < 0 ? name : name.substring(0, dot));
    }
    return keys;
  }

  private static Object scalar(JsonNode value) {
    if (value.isNull()) {
      return null;
    }
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue();
    }
    return value.doubleValue();
  }

  /** {@code with_payload}; {@code fallback} when absent. */
  static Selector selector(JsonNode node, Selector fallback, String path) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? Selector.ALL : Selector.NONE;
    }
    if (node.isArray()) {
      return new Selector(true, keys(node, path), Set.of());
    }
    if (node.isObject() && node.size() == 1 && (node.has("include") || node.has("exclude"))) {
      return node.has("include") ? new Selector(true, keys(node.get("include"), path + ".include"), Set.of())
          : new Selector(true, null, keys(node.get("exclude"), path + ".exclude"));
    }
    throw ServerException.malformed("'" + path + "' must be true, false, a list of payload keys, {\"include\": [...]}"
        + " or {\"exclude\": [...]}; got " + Json.kind(node), path);
  }

  private static Set<String> keys(JsonNode node, String path) {
    if (!node.isArray()) {
      throw ServerException.malformed("'" + path + "' must be a list of payload keys; got " + Json.kind(node), path);
    }
    Set<String> keys = new java.util.LinkedHashSet<>();
    for (JsonNode key : node) {
      if (!key.isTextual()) {
        throw ServerException.malformed("'" + path + "' holds " + Json.kind(key) + "; each key is a string", path);
      }
      keys.add(key.textValue());
    }
    return keys;
  }

  /** {@code with_vector}: true or false (a point has one unnamed vector here); {@code fallback} when absent. */
  static boolean withVector(JsonNode node, boolean fallback, String path) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    throw ServerException.invalid("'" + path + "' must be true or false; named vectors are not supported (a point"
        + " has one unnamed vector); got " + Json.kind(node), path);
  }

  /** Writes the selected fields of a point's metadata as its payload object, dotted keys as nested objects. */
  static void write(JsonGenerator json, Map<String, Object> metadata, Selector selector) throws IOException {
    Map<String, Object> tree = new LinkedHashMap<>();
    if (metadata != null) {
      for (Map.Entry<String, Object> field : metadata.entrySet()) {
        if (selector.shows(field.getKey())) {
          place(tree, field.getKey(), field.getValue());
        }
      }
    }
    json.writeObject(tree);
  }

  @SuppressWarnings("unchecked")
  private static void place(Map<String, Object> tree, String key, Object value) {
    Map<String, Object> node = tree;
    int start = 0;
    for (int dot = key.indexOf('.'); dot > 0; dot = key.indexOf('.', start)) {
      Object child = node.computeIfAbsent(key.substring(start, dot), k -> new LinkedHashMap<String, Object>());
      if (!(child instanceof Map)) {
        // a field written by embedkit's own API with a dot beside a plain field of the same name: keep it flat
        tree.put(key, value);
        return;
      }
      node = (Map<String, Object>) child;
      start = dot + 1;
    }
    node.put(key.substring(start), value);
  }
}
