package dev.embedkit.spring.ai;

import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;

/** all-minilm-l6-v2 loaded once per test JVM (the built-in pack from embedkit-packs); released when the JVM exits. */
final class SharedModel {
  private static EmbeddingModel library;

  private SharedModel() {}

  static synchronized EmbeddingModel library() {
    if (library == null) {
      library = Embedkit.load("all-minilm-l6-v2");
    }
    return library;
  }

  /** A Spring AI adapter over the shared model; closing it leaves the model open. */
  static EmbedkitEmbeddingModel spring() {
    return new EmbedkitEmbeddingModel(library());
  }
}
