package dev.embedkit.server;

import static dev.embedkit.server.ServerTestSupport.floats;
import static dev.embedkit.server.ServerTestSupport.get;
import static dev.embedkit.server.ServerTestSupport.json;
import static dev.embedkit.server.ServerTestSupport.post;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.server.ServerTestSupport.Answer;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batcher: concurrent requests merge into few inference calls without changing a vector; admission is bounded. */
class BatchingTest {
  static EmbeddingModel library;

  @BeforeAll
  static void load() {
    library = Embedkit.load("all-minilm-l6-v2");
  }

  @AfterAll
  static void close() {
    library.close();
  }

  static List<String> texts(int request, int count) {
    return IntStream.range(0, count).mapToObj(i -> "request " + request + " sentence " + i + " about " + (request * 7 + i) % 13 + " cats").toList();
  }

  /** A counter or histogram count from /metrics, summed over its series for the model. */
  static double metric(EmbedkitServer server, String name) {
    String text = get(server, "/metrics").text();
    Matcher m = Pattern.compile("(?m)^" + name + "\\{[^}]*model=\"all-minilm-l6-v2\"[^}]*} ([0-9.eE+-]+)$").matcher(text);
    double sum = 0;
    while (m.find()) {
      sum += Double.parseDouble(m.group(1));
    }
    return sum;
  }

  @Test
  void concurrentRequestsMergeIntoFewerInferenceCallsAndKeepTheirVectors() throws Exception {
    try (EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0))) {
      int requests = 64;
      ExecutorService clients = Executors.newFixedThreadPool(requests);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Answer>> answers = new ArrayList<>();
      for (int r = 0; r < requests; r++) {
        List<String> mine = texts(r, 1 + r % 4);
        answers.add(clients.submit(() -> {
          go.await();
          return post(server, "/v1/embeddings", json(Map.of("model", "all-minilm-l6-v2", "input", mine)));
        }));
      }
      go.countDown();
      int inputs = 0;
      for (int r = 0; r < requests; r++) {
        Answer answer = answers.get(r).get();
        assertEquals(200, answer.status(), answer.text());
        List<String> mine = texts(r, 1 + r % 4);
        List<float[]> expected = library.embed(mine).vectors();
        for (int i = 0; i < mine.size(); i++) {
          assertArrayEquals(expected.get(i), floats(answer.json().get("data").get(i).get("embedding")), "request " + r + " input " + i);
        }
        inputs += mine.size();
      }
      clients.shutdown();
      double calls = metric(server, "embedkit_batch_inputs_count");
      assertEquals(inputs, metric(server, "embedkit_batch_inputs_sum"));
      assertTrue(calls <= requests / 2.0, "64 concurrent requests ran as " + calls + " inference calls");
    }
  }

  @Test
  void anInputOverTheTokenBudgetStillRunsAlone() {
    try (EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withMaxBatchTokens(8))) {
      String longText = "word ".repeat(300);
      Answer answer = post(server, "/v1/embeddings", json(Map.of("input", List.of(longText, "short"))));
      assertEquals(200, answer.status(), answer.text());
      assertArrayEquals(library.embed(longText), floats(answer.json().get("data").get(0).get("embedding")));
      assertEquals("1", answer.header("X-Truncated-Inputs"));
    }
  }

  @Test
  void beyondTheConcurrencyLimitRequestsGet429WithRetryAfterAtOnce() throws Exception {
    try (EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0).withMaxConcurrentRequests(2))) {
      int requests = 24;
      ExecutorService clients = Executors.newFixedThreadPool(requests);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<long[]>> results = new ArrayList<>();
      for (int r = 0; r < requests; r++) {
        List<String> mine = texts(r, 256);
        results.add(clients.submit(() -> {
          go.await();
          long start = System.nanoTime();
          Answer answer = post(server, "/embed", json(Map.of("inputs", mine)));
          long millis = (System.nanoTime() - start) / 1_000_000;
          if (answer.status() == 429) {
            assertEquals("1", answer.header("Retry-After"));
            assertEquals("Overloaded", answer.json().get("error_type").asText());
          }
          return new long[] {answer.status(), millis};
        }));
      }
      go.countDown();
      int ok = 0;
      int refused = 0;
      for (Future<long[]> f : results) {
        long[] result = f.get();
        if (result[0] == 200) {
          ok++;
        } else {
          assertEquals(429, result[0]);
          assertTrue(result[1] < 1000, "a 429 took " + result[1] + " ms");
          refused++;
        }
      }
      clients.shutdown();
      assertTrue(ok >= 2 && refused > 0, ok + " answered, " + refused + " refused");
      assertEquals(200, post(server, "/embed", json(Map.of("inputs", "still serving"))).status());
    }
  }

  @Test
  void aClientThatDisconnectsHasItsQueuedInputsDropped() throws Exception {
    try (EmbedkitServer server = EmbedkitServer.start(ServerConfig.defaults().withPort(0))) {
      List<String> busy = texts(1, 800);
      ExecutorService client = Executors.newSingleThreadExecutor();
      Future<Answer> first = client.submit(() -> post(server, "/embed", json(Map.of("inputs", busy))));
      Thread.sleep(300); // the batcher is now busy with the first request
      String body = json(Map.of("inputs", texts(2, 50)));
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /embed HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
            + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
        out.flush();
        Thread.sleep(100); // admitted and queued behind the first
      } // closed: the client is gone
      assertEquals(200, first.get().status());
      client.shutdown();
      Thread.sleep(300);
      assertEquals(busy.size(), metric(server, "embedkit_embeddings_total"), "the gone client's 50 inputs were not embedded");
    }
  }
}
