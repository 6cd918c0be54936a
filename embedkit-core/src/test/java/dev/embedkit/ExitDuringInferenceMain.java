package dev.embedkit;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Child process for {@link pipeline.ExitDuringInferenceTest}: embeds on two threads without pause and calls
 * System.exit(7) while they are inside ONNX Runtime.
 */
public final class ExitDuringInferenceMain {
  private ExitDuringInferenceMain() {}

  public static void main(String[] args) throws Exception {
    EmbeddingModel model = Embedkit.load("all-minilm-l6-v2");
    List<String> texts = IntStream.range(0, 256).mapToObj(i -> "sentence number " + i + " of a long input that takes a while").toList();
    for (int t = 0; t < 2; t++) {
      Thread worker = new Thread(() -> {
        while (true) {
          try {
            model.embed(texts);
          } catch (EmbedkitException closedAtExit) {
            return;
          }
        }
      });
      worker.setDaemon(true);
      worker.start();
    }
    Thread.sleep(Long.parseLong(args[0]));
    System.exit(7);
  }
}
