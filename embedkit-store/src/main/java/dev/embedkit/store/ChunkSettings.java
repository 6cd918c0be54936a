package dev.embedkit.store;

import dev.embedkit.EmbedkitException;

/**
 * How long texts are split before they are embedded, so that nothing is cut off at the model's window.
 *
 * @param maxTokens tokens per chunk, special tokens and prompt included; 0 means the model's max_seq_length
 * @param overlapTokens tokens shared by neighbouring chunks (less than half of the chunk)
 * @param sentenceAware end chunks at a sentence boundary when one lies in the last quarter of the window
 */
public record ChunkSettings(int maxTokens, int overlapTokens, boolean sentenceAware) {
  public static final ChunkSettings DEFAULTS = new ChunkSettings(0, 32, true);

  public ChunkSettings {
    if (maxTokens < 0) {
      throw EmbedkitException.invalidInput("chunk size is " + maxTokens + "; accepted: 0 (the model's window) or more");
    }
    if (overlapTokens < 0) {
      throw EmbedkitException.invalidInput("chunk overlap is " + overlapTokens + "; accepted: 0 or more");
    }
    if (maxTokens > 0 && overlapTokens * 2 >= maxTokens) {
      throw EmbedkitException.invalidInput("chunk overlap " + overlapTokens + " must be less than half the chunk size "
          + maxTokens);
    }
  }
}
