package dev.embedkit.store.filter;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** TEMPORARY stub until the filter branch lands. */
public final class FieldKinds {
  public enum Kind { STRING, LONG, DOUBLE, BOOLEAN }

  private final Map<String, Set<Kind>> kinds = new TreeMap<>();

  public synchronized void observe(Map<String, Object> metadata) {
  }

  public synchronized Set<Kind> kinds(String field) {
    return kinds.getOrDefault(field, Set.of());
  }

  public synchronized Set<String> names() {
    return new TreeSet<>(kinds.keySet());
  }

  public synchronized String toJson() {
    return "{}";
  }

  public static FieldKinds fromJson(String json) {
    return new FieldKinds();
  }
}
