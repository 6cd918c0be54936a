package dev.embedkit.server.clients;

import dev.embedkit.server.EmbedkitServer;
import dev.embedkit.server.ServerConfig;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * One embedkit server per test class (port 0, API key {@value #API_KEY}), a {@link WireTap} in front of it that
 * records what the client sends and gets, and the library's reference model. Clients under test talk to
 * {@link #base()}, the relay, which forwards every byte unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ServerFixture {
  static final String MODEL = "all-minilm-l6-v2";
  static final String API_KEY = "sk-test";

  /** Texts every client sends: plain, punctuation, non-ASCII (accents, CJK, emoji), and one over 256 tokens. */
  static final List<String> TEXTS = List.of(
      "The weather is lovely today.",
      "It's so sunny outside!",
      "He drove to the stadium.",
      "Café, naïve, Straße: 東京の天気は晴れ 🌞 \"quoted\" \\ back\\slash\ttab",
      "A long text that the model truncates at 256 tokens: " + "lorem ipsum dolor sit amet ".repeat(80).trim());

  EmbedkitServer server;
  WireTap tap;
  LibraryReference library;

  /** The key the server is started with; null starts it without authentication. */
  String serverApiKey() {
    return API_KEY;
  }

  @BeforeAll
  void startServer() {
    library = new LibraryReference(MODEL);
    ServerConfig config = ServerConfig.defaults().withPort(0).withModels(List.of(MODEL)).withApiKey(serverApiKey());
    server = EmbedkitServer.start(config);
    tap = WireTap.in(server.baseUrl());
  }

  @AfterAll
  void stopServer() {
    if (tap != null) {
      tap.close();
    }
    if (server != null) {
      server.close();
    }
    if (library != null) {
      library.close();
    }
  }

  @BeforeEach
  void clearTap() {
    tap.clear();
  }

  /** The address clients are given: the relay in front of the server. */
  String base() {
    return tap.baseUrl();
  }
}
