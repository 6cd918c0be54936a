package dev.embedkit.store.filter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import dev.embedkit.Named;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kinds of value each metadata field of a collection has held, so that a filter can be checked against the data
 * before it runs ({@link FilterValidator}). It only grows: a kind once seen stays, deletes do not shrink it.
 * Thread-safe.
 *
 * <pre>{@code
 * FieldKinds kinds = new FieldKinds();
 * kinds.observe(Map.of("year", 2020L, "lang", "en"));
 * kinds.kinds("year"); // [LONG]
 * FieldKinds.fromJson(kinds.toJson()).names(); // [lang, year]
 * }</pre>
 */
public final class FieldKinds {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The kinds of metadata value. */
  public enum Kind {
    STRING, LONG, DOUBLE, BOOLEAN;

    /** The kind of a normalised scalar value (see {@link dev.embedkit.store.Metadata#normalize}). */
    public static Kind of(Object value) {
      if (value instanceof String) {
        return STRING;
      } else if (value instanceof Long) {
        return LONG;
      } else if (value instanceof Double) {
        return DOUBLE;
      } else if (value instanceof Boolean) {
        return BOOLEAN;
      }
      throw EmbedkitException.invalidInput("a metadata value is a "
          + (value == null ? "null" : value.getClass().getSimpleName())
          + "; accepted: string, long, double, boolean (normalise metadata with Metadata.normalize first)");
    }

    public boolean isNumber() {
      return this == LONG || this == DOUBLE;
    }

    public String label() {
      return Named.of(this);
    }

    public static Kind fromString(String value) {
      return Named.parse(Kind.class, "metadata kind", value);
    }
  }

  /** Field name to a bit set of Kind ordinals; 0 for a field that held only empty lists. */
  private final Map<String, Integer> kinds = new ConcurrentHashMap<>();

  /** Records the kinds of one document's normalised metadata. */
  public void observe(Map<String, Object> metadata) {
    for (Map.Entry<String, Object> entry : metadata.entrySet()) {
      int bits = 0;
      if (entry.getValue() instanceof List<?> list) {
        for (Object element : list) {
          bits |= 1 << Kind.of(element).ordinal();
        }
      } else {
        bits = 1 << Kind.of(entry.getValue()).ordinal();
      }
      kinds.merge(entry.getKey(), bits, (a, b) -> a | b);
    }
  }

  /** Whether a document has held this field (possibly as an empty list only). */
  public boolean knows(String field) {
    return kinds.containsKey(field);
  }

  /** The kinds the field has held; empty for a field never seen or seen only as an empty list. */
  public Set<Kind> kinds(String field) {
    int bits = kinds.getOrDefault(field, 0);
    EnumSet<Kind> result = EnumSet.noneOf(Kind.class);
    for (Kind kind : Kind.values()) {
      if ((bits & (1 << kind.ordinal())) != 0) {
        result.add(kind);
      }
    }
    return result;
  }

  /** The field names seen, sorted. */
  public SortedSet<String> names() {
    return new TreeSet<>(kinds.keySet());
  }

  /** {@code {"lang":["string"],"year":["long","double"]}}, fields sorted. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    for (String name : names()) {
      ArrayNode array = root.putArray(name);
      kinds(name).forEach(kind -> array.add(kind.label()));
    }
    return root.toString();
  }

  /** Reads what {@link #toJson} wrote. */
  public static FieldKinds fromJson(String json) {
    FieldKinds result = new FieldKinds();
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || !root.isObject()) {
        throw EmbedkitException.invalidInput("field kinds must be a JSON object of field name to kind list");
      }
      for (Map.Entry<String, JsonNode> entry : (Iterable<Map.Entry<String, JsonNode>>) root::fields) {
        if (!entry.getValue().isArray()) {
          throw EmbedkitException.invalidInput("field kinds of '" + entry.getKey() + "' must be a list of: "
              + Named.valid(Kind.class));
        }
        int bits = 0;
        for (JsonNode kind : entry.getValue()) {
          bits |= 1 << Kind.fromString(kind.asText()).ordinal();
        }
        result.kinds.put(entry.getKey(), bits);
      }
    } catch (JsonProcessingException e) {
      throw EmbedkitException.invalidInput("field kinds are not valid JSON: " + e.getOriginalMessage());
    }
    return result;
  }

  @Override
  public String toString() {
    return toJson();
  }
}
