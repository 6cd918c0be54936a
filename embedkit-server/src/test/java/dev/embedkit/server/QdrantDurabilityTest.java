package dev.embedkit.server;

import static dev.embedkit.server.QdrantHttp.result;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.embedkit.server.HttpTestClient.Reply;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code embedkit serve --qdrant-port} as a child process, killed with SIGKILL (Process.destroyForcibly on Linux)
 * while a thread upserts batches with {@code wait=true}; restarted on the same folder, it holds every point whose
 * upsert was answered, with its vector and payload, and the batch in flight wholly or not at all.
 */
class QdrantDurabilityTest {
  static final int DIMENSIONS = 16;
  static final int BATCH = 50;
  static final String KEY = "durable-key";

  @TempDir Path home;

  @Test
  void everyAnsweredUpsertSurvivesKillNine() throws Exception {
    Path collections = home.resolve("collections");
    Path log = home.resolve("serve.log");
    int port = ServeChild.freePort();
    int qdrantPort = ServeChild.freePort();
    String[] args = {"--port", Integer.toString(port), "--qdrant-port", Integer.toString(qdrantPort), "--collections",
        collections.toString(), "--api-key", KEY};
    QdrantHttp q = new QdrantHttp("http://127.0.0.1:" + qdrantPort, KEY, true);
    Map<Long, float[]> answered = new ConcurrentHashMap<>();
    AtomicInteger batches = new AtomicInteger();
    Process first = ServeChild.start(log, args);
    try {
      awaitReady(q, first, log);
      result(q.put("/collections/durable", "{\"vectors\": {\"size\": " + DIMENSIONS + ", \"distance\": \"Cosine\"}}"));
      Thread writer = new Thread(() -> {
        Random random = new Random(42);
        for (int b = 0; ; b++) {
          Map<Long, float[]> batch = new HashMap<>();
          StringBuilder body = new StringBuilder("{\"points\": [");
          for (int i = 0; i < BATCH; i++) {
            long id = (long) b * BATCH + i;
            float[] vector = new float[DIMENSIONS];
            for (int d = 0; d < DIMENSIONS; d++) {
              vector[d] = random.nextFloat() - 0.5f;
            }
            batch.put(id, vector);
            body.append(i == 0 ? "" : ",").append("{\"id\": ").append(id).append(", \"vector\": ")
                .append(java.util.Arrays.toString(vector)).append(", \"payload\": {\"batch\": ").append(b).append("}}");
          }
          Reply reply;
          try {
            reply = q.put("/collections/durable/points?wait=true", body.append("]}").toString());
          } catch (UncheckedIOException killed) {
            return; // the server died with this batch in flight
          }
          if (reply.status() != 200) {
            return;
          }
          answered.putAll(batch);
          batches.incrementAndGet();
        }
      }, "upserts");
      writer.start();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (batches.get() < 20 && System.nanoTime() < deadline && writer.isAlive()) {
        Thread.sleep(5);
      }
      assertTrue(batches.get() >= 20, "the writer answered only " + batches.get() + " batches");
      first.destroyForcibly(); // SIGKILL: no shutdown hook, no graceful close
      assertTrue(first.waitFor(30, TimeUnit.SECONDS));
      writer.join(30_000);
    } finally {
      first.destroyForcibly();
    }

    Process second = ServeChild.start(log, args);
    try {
      awaitReady(q, second, log);
      long count = result(q.post("/collections/durable/points/count", "{\"exact\": true}")).get("count").asLong();
      assertTrue(count >= answered.size(), count + " points after the restart, " + answered.size() + " answered");
      assertTrue(count <= answered.size() + BATCH, "at most the batch in flight more: " + count);
      assertEquals(0, count % BATCH, "a batch is written wholly or not at all: " + count);
      List<Long> ids = new ArrayList<>(answered.keySet());
      for (int from = 0; from < ids.size(); from += 500) {
        List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
        JsonNode records = result(q.post("/collections/durable/points", "{\"ids\": " + chunk + ", \"with_vector\": true}"));
        assertEquals(chunk.size(), records.size(), "answered points missing after kill -9");
        for (JsonNode record : records) {
          long id = record.get("id").asLong();
          assertArrayEquals(answered.get(id), ServerTestSupport.floats(record.get("vector")), 1e-6f, "point " + id);
          assertEquals(id / BATCH, record.at("/payload/batch").asLong());
        }
      }
    } finally {
      second.destroy();
      if (!second.waitFor(30, TimeUnit.SECONDS)) {
        second.destroyForcibly();
      }
    }
  }

  private static void awaitReady(QdrantHttp q, Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new AssertionError("embedkit serve exited " + process.exitValue() + ": " + Files.readString(log));
      }
      try {
        if (q.get("/collections").status() == 200) {
          return;
        }
      } catch (UncheckedIOException notYet) {
        // not listening yet
      }
      Thread.sleep(100);
    }
    throw new AssertionError("embedkit serve did not answer in 120 s: " + Files.readString(log));
  }
}
