package dev.embedkit.store.spi;

import dev.embedkit.EmbedkitException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/** The {@link CollectionBackend}s on the class path, by name. */
public final class CollectionBackends {
  /** The name of the built-in engine (Lucene, in the collections folder). */
  public static final String EMBEDDED = "embedded";

  private CollectionBackends() {}

  /** The backend called {@code name}; an unknown name is refused with the ones available. */
  public static CollectionBackend find(String name) {
    List<String> names = new ArrayList<>(List.of(EMBEDDED));
    for (CollectionBackend backend : ServiceLoader.load(CollectionBackend.class)) {
      if (backend.name().equals(name)) {
        return backend;
      }
      names.add(backend.name());
    }
    throw EmbedkitException.invalidInput("unknown backend '" + name + "'; accepted: " + String.join(", ", names)
        + (names.size() == 1 ? " (others come with their modules, e.g. embedkit-solr for solr)" : ""));
  }
}
