package dev.embedkit.store;

import dev.embedkit.EmbedkitException;

/**
 * How long texts are split before they are embedded, so that nothing is cut off at the model's window.
 *
 * @param maxTokens tokens per chunk, special tokens and prompt included; 0 means the model's max_seq_length; -1 ({@link
 *     #TRUNCATE}) means no splitting: a long text is cut at the model's window, as {@code embedkit embed} does (for
 *     comparisons with whole-text embeddings, e.g. BEIR evaluation; the default never cuts text off)
 * @param overlapTokens tokens shared by neighbouring chunks (less than half of the chunk)
 * @param sentenceAware end chunks at a sentence boundary when one lies in the last quarter of the window
 */
public record ChunkSettings(int maxTokens, int overlapTokens, boolean sentenceAware) {
  public static final ChunkSettings DEFAULTS = new ChunkSettings(0, 32, true);
  /** One vector per document from its first window of tokens, the rest of a long text not embedded. */
  public static final ChunkSettings TRUNCATE = new ChunkSettings(-1, 0, false);

  public ChunkSettings {
    if (maxTokens < -1) {
      throw EmbedkitException.invalidInput("chunk size is " + maxTokens + "; accepted: 0 (the model's window), a"
          + " number of tokens, or -1 (no splitting: truncate at the window)");
    }
    if (overlapTokens < 0) {
      throw EmbedkitException.invalidInput("chunk overlap is " + overlapTokens + "; accepted: 0 or more");
    }
    if (maxTokens > 0 && overlapTokens * 2 >= maxTokens) {
      throw EmbedkitException.invalidInput("chunk overlap " + overlapTokens + " must be less than half the chunk size "
          + maxTokens);
    }
  }

  /** Whether long texts are cut at the window instead of split. */
  public boolean truncates() {
    return maxTokens == -1;
  }
}
