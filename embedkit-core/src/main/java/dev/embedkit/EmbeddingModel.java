package dev.embedkit;

import java.util.List;

/**
 * A loaded embedding model. Thread-safe: many threads may call {@link #embed} at once. Holds native resources
 * (ONNX Runtime session, tokenizer): close it when done.
 *
 * <pre>{@code
 * try (EmbeddingModel model = Embedkit.load("all-minilm-l6-v2")) {
 *   List<float[]> vectors = model.embed(List.of("The weather is lovely today.", "It's so sunny outside!")).vectors();
 *   float cosine = Metric.COSINE.compute(vectors.get(0), vectors.get(1)); // 0.6660
 * }
 * }</pre>
 */
public interface EmbeddingModel extends AutoCloseable {
  ModelInfo info();

  /**
   * Embeds texts. An input's embedding does not depend on the other inputs of the call.
   *
   * @throws EmbedkitException INVALID_INPUT for bad options (dimensions out of range, unknown prompt name) or, with
   *     {@code truncate=false}, an input longer than the model's maximum
   */
  EmbeddingResult embed(List<String> texts, EmbedOptions options);

  default EmbeddingResult embed(List<String> texts) {
    return embed(texts, EmbedOptions.DEFAULTS);
  }

  /** One text's float vector with the default options. */
  default float[] embed(String text) {
    return embed(List.of(text)).embeddings().get(0).vector();
  }

  /** Token counts per text as the model would read them (special tokens included, after truncation). */
  int[] countTokens(List<String> texts);

  @Override
  void close();
}
