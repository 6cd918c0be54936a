package dev.embedkit.langchain4j;

import dev.embedkit.server.EmbedkitServer;
import dev.embedkit.server.ServerConfig;
import dev.embedkit.store.CollectionSpec;
import dev.embedkit.store.remote.HttpCollection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real embedkit server (all-MiniLM-L6-v2, an API key) on a free 127.0.0.1 port, started once per test JVM for the
 * suites over HTTP, each test getting a fresh collection of its own. Stopped when the JVM exits.
 */
final class SharedServer {
  static final String KEY = "langchain4j-suite-key";
  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbedkitServer server;

  private SharedServer() {}

  static synchronized URI uri() {
    if (server == null) {
      Path root;
      try {
        root = Files.createTempDirectory("embedkit-lc4j-server");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server = EmbedkitServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
          .withModels(List.of(SharedModel.NAME)).withApiKey(KEY).withCollectionsRoot(root.resolve("collections")));
      EmbedkitServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return URI.create(server.baseUrl());
  }

  /** A new, empty collection of external 384-d vectors on the server. */
  static HttpCollection freshCollection() {
    return HttpCollection.create(uri(), CollectionSpec.external("suite-" + NEXT.incrementAndGet(), 384), KEY);
  }
}
