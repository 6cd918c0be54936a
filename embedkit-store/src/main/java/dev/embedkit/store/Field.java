package dev.embedkit.store;

import dev.embedkit.Named;
import java.util.EnumSet;
import java.util.Set;

/** Parts of a document a search or a read returns besides its id and score. */
public enum Field {
  TEXT, METADATA, VECTOR, CHUNK, IMAGE;

  /** What is returned when the caller names nothing: everything but the vector. */
  public static final Set<Field> DEFAULT = Set.copyOf(EnumSet.of(TEXT, METADATA, CHUNK, IMAGE));

  public static Field fromString(String value) {
    return Named.parse(Field.class, "field", value);
  }
}
