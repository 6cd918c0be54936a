package dev.embedkit.spark;

import dev.embedkit.EmbedkitException;
import dev.embedkit.store.spi.CollectionBackend;
import java.util.ServiceLoader;
import java.util.TreeSet;

/** Collection backends on the class path, by name. */
final class SinkBackends {
  private SinkBackends() {}

  static CollectionBackend find(String name) {
    TreeSet<String> known = new TreeSet<>();
    for (CollectionBackend backend : ServiceLoader.load(CollectionBackend.class, SinkBackends.class.getClassLoader())) {
      if (backend.name().equals(name)) {
        return backend;
      }
      known.add(backend.name());
    }
    throw EmbedkitException.notFound("no collection backend named '" + name + "' on the class path; found: "
        + (known.isEmpty() ? "none (add embedkit-solr's jar for solr)" : String.join(", ", known)));
  }
}
