package dev.embedkit.langchain4j;

/**
 * The real all-MiniLM-L6-v2 (built-in pack from embedkit-packs), loaded once per test JVM and shared by the suites:
 * loading it per test would dominate the run. It is closed when the JVM exits.
 */
final class SharedModel {
  static final String NAME = "all-minilm-l6-v2";
  private static EmbedkitEmbeddingModel model;

  private SharedModel() {}

  static synchronized EmbedkitEmbeddingModel get() {
    if (model == null) {
      model = EmbedkitEmbeddingModel.of(NAME);
    }
    return model;
  }
}
