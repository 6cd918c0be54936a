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
 * flat lists of them (a null is dropped: an absent field). A nested object or list is refused with a 400 naming the
 * field; Qdrant would keep it, but the store cannot filter on it, and silently flattening it would change it.
 *
 * <p>Which payload an answer carries: {@code with_payload} true, false, a list of keys, {@code {"include": [...]}}
 * or {@code {"exclude": [...]}}.
 */
final class QdrantPayload {
  private static final String ACCEPTED = "accepted: string, integer, float, bool, null, or a flat list of them";

  /** Which fields to show: none, all, or those included and not excluded. */
  record Selector(boolean any, Set<String> include, Set<String> exclude) {
    static final Selector NONE = new Selector(false, null, Set.of());
    static final Selector ALL = new Selector(true, null, Set.of());

    boolean shows(String key) {
      return any && (include == null || include.contains(key)) && !exclude.contains(key);
    }
  }

  private QdrantPayload() {}

  /** A payload object as store metadata. */
  static Map<String, Object> metadata(JsonNode payload, String path) {
    if (payload == null || payload.isNull()) {
      return Map.of();
    }
    if (!payload.isObject()) {
      throw ServerException.malformed("'" + path + "' must be an object of fields; got " + Json.kind(payload), path);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = payload.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      String name = field.getKey();
      if (value.isArray()) {
        List<Object> values = new ArrayList<>(value.size());
        for (JsonNode element : value) {
          if (element.isContainerNode()) {
            throw nested(path, name, element.isObject() ? "a list holding an object" : "a list holding a list");
          }
          values.add(scalar(element));
        }
        out.put(name, values);
      } else if (value.isObject()) {
        throw nested(path, name, "an object");
      } else {
        out.put(name, scalar(value));
      }
    }
    return out;
  }

  private static ServerException nested(String path, String name, String what) {
    return ServerException.invalid("payload field '" + name + "' of '" + path + "' holds " + what + "; embedkit"
        + " payloads are flat (" + ACCEPTED + "): store nested values under their own keys, e.g. \"" + name
        + ".city\"", path);
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

  /** Writes the selected fields of a point's metadata as its payload object. */
  static void write(JsonGenerator json, Map<String, Object> metadata, Selector selector) throws IOException {
    json.writeStartObject();
    if (metadata != null) {
      for (Map.Entry<String, Object> field : metadata.entrySet()) {
        if (selector.shows(field.getKey())) {
          json.writeFieldName(field.getKey());
          json.writeObject(field.getValue());
        }
      }
    }
    json.writeEndObject();
  }
}
