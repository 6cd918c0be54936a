package dev.embedkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One model used from several threads at once gives the same vectors as sequential use. */
class ConcurrentUseTest {
  @Test
  void parallelCallersGetTheSequentialResults() throws Exception {
    EmbeddingModel model = TestModels.get("all-minilm-l6-v2-int8");
    List<List<String>> requests = new ArrayList<>();
    for (int r = 0; r < 8; r++) {
      List<String> texts = new ArrayList<>();
      for (int i = 0; i <= r; i++) {
        texts.add("request " + r + " text " + i + " " + "about something ".repeat(i));
      }
      requests.add(texts);
    }
    List<List<float[]>> sequential = new ArrayList<>();
    for (List<String> texts : requests) {
      sequential.add(model.embed(texts).vectors());
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<float[]>>> futures = new ArrayList<>();
      for (List<String> texts : requests) {
        futures.add(pool.submit(() -> model.embed(texts).vectors()));
      }
      for (int r = 0; r < requests.size(); r++) {
        List<float[]> got = futures.get(r).get();
        for (int i = 0; i < got.size(); i++) {
          assertArrayEquals(sequential.get(r).get(i), got.get(i), "request " + r + " input " + i);
        }
      }
    } finally {
      pool.shutdown();
    }
  }
}
