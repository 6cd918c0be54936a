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

  /**
   * Reads texts once for a later {@link #embed(PreparedTexts)}, with their token counts, failing as {@link
   * #countTokens} would. A model that can keeps their tokens, so embedding them later does not tokenise again.
   */
  default PreparedTexts prepare(List<String> texts, EmbedOptions options) {
    return new PreparedTexts(texts, options, countTokens(texts, options), this, null);
  }

  /** Embeds prepared texts: the same result as {@code embed(prepared.texts(), prepared.options())}. */
  default EmbeddingResult embed(PreparedTexts prepared) {
    return embed(prepared.texts(), prepared.options());
  }

  /**
   * The tokens each text is read as with these options (prompt and special tokens included, after truncation), with
   * their vocabulary spelling and character offsets.
   *
   * @throws EmbedkitException UNSUPPORTED for models without a text tokenizer; INVALID_INPUT as {@link #embed}
   */
  default List<List<TokenInfo>> tokenize(List<String> texts, EmbedOptions options) {
    throw EmbedkitException.unsupported("model " + info().name() + " does not report its tokens");
  }

  /**
   * Embeds inputs given as token ids of the model's own vocabulary (without special tokens: the model's are added
   * around them as its tokenizer would, and no prompt is applied), so that embedding the ids of a text's tokens gives
   * that text's vector.
   *
   * @throws EmbedkitException INVALID_INPUT for an id outside the vocabulary or, with {@code truncate=false}, too many
   *     ids (with {@link EmbedkitException#inputIndex()}); UNSUPPORTED for models that do not take token ids
   */
  default EmbeddingResult embedTokenIds(List<long[]> ids, EmbedOptions options) {
    throw EmbedkitException.unsupported("model " + info().name() + " does not take token ids");
  }

  /**
   * The transformer's output for every token of each text (TEI's {@code /embed_all}): one row per token read, special
   * tokens included, before pooling and normalisation.
   *
   * @throws EmbedkitException UNSUPPORTED for models that pool inside their graph; INVALID_INPUT as {@link #embed}
   */
  default List<float[][]> embedTokens(List<String> texts, EmbedOptions options) {
    throw EmbedkitException.unsupported("model " + info().name() + " does not expose token vectors");
  }

  /** Releases the native resources, after calls in flight finish. Closing twice does nothing; a later call fails. */
  @Override
  void close();
}
