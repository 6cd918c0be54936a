package dev.embedkit.store.chunk;

/**
 * How a model reads one span of a text: its special and prompt tokens, and where each of the text's own tokens lies
 * in the whole text.
 *
 * @param specials tokens the tokenizer added ([CLS], [SEP])
 * @param promptTokens tokens read from the prompt
 * @param starts first char of each text token, in the whole text's UTF-16 indexes
 * @param stops char after each text token's last, likewise
 * @param complete whether the tokenizer read the whole span (false when it cut it at the model's window)
 */
record TokenSpans(int specials, int promptTokens, int[] starts, int[] stops, boolean complete) {

  /** The text's own tokens. */
  int count() {
    return starts.length;
  }

  /** Every token the model reads: special, prompt and text tokens. */
  int total() {
    return specials + promptTokens + starts.length;
  }

  /** Whether the span is read whole within {@code limit} tokens. */
  boolean fits(int limit) {
    return complete && total() <= limit;
  }
}
