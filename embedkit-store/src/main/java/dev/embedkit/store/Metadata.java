package dev.embedkit.store;

import dev.embedkit.EmbedkitException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The metadata value rules, in one place: which types a field may hold and how they are normalised. */
public final class Metadata {
  /** Longest field name. */
  public static final int MAX_NAME_LENGTH = 128;

  private Metadata() {}

  /**
   * A copy with values normalised: Integer/Short/Byte/BigInteger (in range) become Long, Float/BigDecimal become Double,
   * lists are copied; nulls are dropped (a null field is an absent field). Refuses NaN and infinities, nested maps,
   * nested lists, other types, blank names and names over {@value #MAX_NAME_LENGTH} chars or starting with '_'.
   */
  public static Map<String, Object> normalize(Map<String, ?> metadata) {
    if (metadata == null || metadata.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map.Entry<String, ?> entry : metadata.entrySet()) {
      String name = entry.getKey();
      checkName(name);
      Object value = entry.getValue();
      if (value == null) {
        continue;
      }
      if (value instanceof List<?> list) {
        List<Object> values = new ArrayList<>(list.size());
        for (Object element : list) {
          if (element == null) {
            continue;
          }
          if (element instanceof List<?> || element instanceof Map<?, ?>) {
            throw EmbedkitException.invalidInput("metadata field '" + name + "' holds a nested list or object;"
                + " accepted: string, long, double, boolean, or a flat list of them");
          }
          values.add(scalar(name, element));
        }
        result.put(name, Collections.unmodifiableList(values));
      } else {
        result.put(name, scalar(name, value));
      }
    }
    return Collections.unmodifiableMap(result);
  }

  /** Checks a field name as {@link #normalize} does. */
  public static void checkName(String name) {
    if (name == null || name.isBlank()) {
      throw EmbedkitException.invalidInput("metadata field names must not be blank");
    }
    if (name.length() > MAX_NAME_LENGTH) {
      throw EmbedkitException.invalidInput("metadata field name '" + name.substring(0, 32) + "...' is "
          + name.length() + " chars; the limit is " + MAX_NAME_LENGTH);
    }
    if (name.startsWith("_")) {
      throw EmbedkitException.invalidInput("metadata field name '" + name + "' starts with '_', which is reserved");
    }
  }

  /** One value normalised to String, Long, Double or Boolean. */
  public static Object scalar(String field, Object value) {
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger big) {
      if (big.bitLength() > 63) {
        throw EmbedkitException.invalidInput("metadata field '" + field + "' holds " + big
            + ", outside the 64-bit integer range");
      }
      return big.longValue();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      double d = ((Number) value).doubleValue();
      if (!Double.isFinite(d)) {
        throw EmbedkitException.invalidInput("metadata field '" + field + "' holds " + d
            + "; only finite numbers are accepted");
      }
      return d;
    }
    if (value instanceof java.util.UUID || value instanceof java.time.temporal.TemporalAccessor) {
      return value.toString();
    }
    throw EmbedkitException.invalidInput("metadata field '" + field + "' holds a " + value.getClass().getSimpleName()
        + "; accepted: string, long, double, boolean, or a list of them");
  }
}
