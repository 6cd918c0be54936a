package dev.embedkit.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.embedkit.ErrorKind;
import dev.embedkit.store.Document;
import dev.embedkit.store.remote.HttpCollection;
import dev.embedkit.store.remote.RemoteException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a real embedkit server will not do on demand, from a scripted JDK HTTP server: 503 with Retry-After, 502/504,
 * and no answer at all.
 */
class HttpCollectionTransportTest {
  private static final String CONFIG = "{\"result\":{\"config\":{\"name\":\"c\",\"dimensions\":3,"
      + "\"similarity\":\"cosine\",\"hnsw\":{\"m\":16,\"beam_width\":100},\"quantization\":\"none\","
      + "\"chunking\":{\"max_tokens\":0,\"overlap_tokens\":0,\"sentence_aware\":false},\"analyzer\":\"standard\"}},"
      + "\"status\":\"ok\"}";

  private HttpServer server;
  private final AtomicInteger writes = new AtomicInteger();
  private volatile int failFirst;
  private volatile int failStatus;
  private volatile long sleepMillis;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/collections/c", exchange -> {
      exchange.getRequestBody().readAllBytes();
      if (exchange.getRequestMethod().equals("GET")) {
        answer(exchange, 200, CONFIG);
        return;
      }
      int n = writes.incrementAndGet();
      if (sleepMillis > 0) {
        try {
          Thread.sleep(sleepMillis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      if (n <= failFirst) {
        exchange.getResponseHeaders().add("Retry-After", "0");
        answer(exchange, failStatus, "{\"status\":{\"error\":\"busy\"}}");
      } else {
        answer(exchange, 200, "{\"result\":{\"chunks\":1,\"deleted\":1},\"status\":\"ok\"}");
      }
    });
    server.start();
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private HttpCollection open(HttpCollection.Options options) {
    return HttpCollection.open(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "c", null, options);
  }

  private static List<Document> one() {
    return List.of(new Document("a", null, Map.of(), new float[] {1, 0, 0}, null));
  }

  @Test
  void idempotentCallsAreRetriedOn503AfterRetryAfterButAddIsNot() {
    failFirst = 2;
    failStatus = 503;
    HttpCollection collection = open(HttpCollection.Options.DEFAULTS);
    assertThat(collection.upsert(one())).isEqualTo(1);
    assertThat(writes.get()).isEqualTo(3);

    writes.set(0);
    assertThat(collection.delete(List.of("a"))).isEqualTo(1);
    assertThat(writes.get()).isEqualTo(3);

    writes.set(0);
    assertThatThrownBy(() -> collection.add(one()))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        });
    assertThat(writes.get()).isEqualTo(1);

    writes.set(0);
    failFirst = 10;
    failStatus = 429;
    assertThatThrownBy(() -> open(HttpCollection.Options.DEFAULTS.withRetries(1)).upsert(one()))
        .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.OVERLOADED));
    assertThat(writes.get()).isEqualTo(2);
  }

  @Test
  void badGatewaysAreUnavailable() {
    for (int status : new int[] {502, 504}) {
      writes.set(0);
      failFirst = 1;
      failStatus = status;
      assertThatThrownBy(() -> open(HttpCollection.Options.DEFAULTS).add(one()))
          .isInstanceOfSatisfying(RemoteException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE))
          .hasMessageContaining("HTTP " + status);
    }
  }

  @Test
  void aTimeoutSaysTheWriteMayOrMayNotHaveBeenApplied() {
    sleepMillis = 3_000;
    HttpCollection collection = open(HttpCollection.Options.DEFAULTS.withTimeout(Duration.ofSeconds(1)));
    assertThatThrownBy(() -> collection.upsert(one()))
        .isInstanceOfSatisfying(RemoteException.class, e -> {
          assertThat(e.timedOut()).isTrue();
          assertThat(e.kind()).isEqualTo(ErrorKind.UNAVAILABLE);
        })
        .hasMessageStartingWith("no answer within 1s")
        .hasMessageEndingWith("the write may or may not have been applied");
    assertThatThrownBy(() -> EmbedkitEmbeddingStore.of(collection).removeAll(List.of("a")))
        .isInstanceOf(dev.langchain4j.exception.TimeoutException.class);
  }
}
