package dev.embedkit;

import java.util.Collections;
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
   * @throws EmbedkitException INVALID_INPUT for bad options (dimensions out of range, unknown prompt name), a null
   *     list or text, or, with {@code truncate=false}, an input longer than the model's maximum (the errors about one
   *     input carry its {@link EmbedkitException#inputIndex()}); UNAVAILABLE after {@link #close()}
   */
  EmbeddingResult embed(List<String> texts, EmbedOptions options);

  default EmbeddingResult embed(List<String> texts) {
    return embed(texts, EmbedOptions.DEFAULTS);
  }

  /** One text's float vector with the default options. */
  default float[] embed(String text) {
    return embed(Collections.singletonList(text)).embeddings().get(0).vector();
  }

  /**
   * Token counts per text as {@link #embed(List, EmbedOptions)} would read them with these options (prompt and
   * special tokens included, after truncation), without running the model. With {@code truncate=false} it fails as
   * embed would on an input longer than the model's maximum, so a caller can validate a whole input before writing
   * any result.
   *
   * @throws EmbedkitException INVALID_INPUT as {@link #embed(List, EmbedOptions)}, with {@link
   *     EmbedkitException#inputIndex()} set when one input is at fault
   */
  int[] countTokens(List<String> texts, EmbedOptions options);

  /** Token counts with the default options. */
  default int[] countTokens(List<String> texts) {
    return countTokens(texts, EmbedOptions.DEFAULTS);
  }

  /** Releases the native resources, after calls in flight finish. Closing twice does nothing; a later call fails. */
  @Override
  void close();
}
