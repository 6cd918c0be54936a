package dev.embedkit.langchain4j;

import dev.langchain4j.data.document.Metadata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * LangChain4j metadata in an embedkit collection, with its Java types kept. A collection holds String, Long, Double
 * and Boolean (it stores ints as longs and floats as doubles, UUIDs as strings), so the keys whose values were
 * Integer, Float or UUID are listed in reserved fields, {@value #INTS}, {@value #FLOATS} and {@value #UUIDS}, and read
 * back as those types. A float widened to a double and narrowed again is the same float (Float.MIN_VALUE included), and
 * longs are stored as longs, never rounded through a double (1746714878034235396 survives). A document stored
 * without a segment has no text (LangChain4j segments always have non-blank text), so it reads back with
 * {@code embedded()} null. The reserved names cannot be used as LangChain4j metadata keys, and neither can keys starting with '_'
 * (the collection reserves those).
 */
final class SegmentMetadata {
  static final String INTS = "langchain4j.int";
  static final String FLOATS = "langchain4j.float";
  static final String UUIDS = "langchain4j.uuid";
  static final Set<String> RESERVED = Set.of(INTS, FLOATS, UUIDS);

  private SegmentMetadata() {}

  /** A segment's metadata as a collection document's metadata, with the type fields. */
  static Map<String, Object> encode(Metadata metadata) {
    Map<String, Object> out = new LinkedHashMap<>();
    List<String> ints = new ArrayList<>();
    List<String> floats = new ArrayList<>();
    List<String> uuids = new ArrayList<>();
    for (Map.Entry<String, Object> entry : metadata.toMap().entrySet()) {
      String key = entry.getKey();
      if (RESERVED.contains(key)) {
        throw new IllegalArgumentException("metadata key '" + key + "' is reserved by EmbedkitEmbeddingStore (it keeps"
            + " the values' Java types); reserved: " + String.join(", ", RESERVED.stream().sorted().toList()));
      }
      Object value = entry.getValue();
      if (value instanceof Integer) {
        ints.add(key);
      } else if (value instanceof Float) {
        floats.add(key);
      } else if (value instanceof UUID uuid) {
        uuids.add(key);
        value = uuid.toString();
      }
      out.put(key, value);
    }
    if (!ints.isEmpty()) {
      out.put(INTS, ints);
    }
    if (!floats.isEmpty()) {
      out.put(FLOATS, floats);
    }
    if (!uuids.isEmpty()) {
      out.put(UUIDS, uuids);
    }
    return out;
  }

  /** A stored document's metadata as LangChain4j metadata, each value with the type it was given as. */
  static Metadata decode(Map<String, Object> stored) {
    List<?> ints = list(stored.get(INTS));
    List<?> floats = list(stored.get(FLOATS));
    List<?> uuids = list(stored.get(UUIDS));
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : stored.entrySet()) {
      String key = entry.getKey();
      if (RESERVED.contains(key)) {
        continue;
      }
      Object value = entry.getValue();
      if (ints.contains(key) && value instanceof Number n) {
        value = n.intValue();
      } else if (floats.contains(key) && value instanceof Number n) {
        value = n.floatValue();
      } else if (uuids.contains(key) && value instanceof String s) {
        value = UUID.fromString(s);
      } else if (value instanceof Boolean || value instanceof List<?>) {
        // Written by other embedkit clients: LangChain4j metadata has no booleans or lists, so they read as text.
        value = String.valueOf(value);
      }
      out.put(key, value);
    }
    return Metadata.from(out);
  }

  private static List<?> list(Object value) {
    if (value instanceof List<?> l) {
      return l;
    }
    return value == null ? List.of() : List.of(value);
  }

  /** A filter literal as the collection stores the value: UUIDs as strings, the rest as they are. */
  static Object literal(Object value) {
    return value instanceof UUID uuid ? uuid.toString() : value;
  }
}
