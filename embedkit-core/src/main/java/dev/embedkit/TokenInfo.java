package dev.embedkit;

/**
 * One token of a tokenised input, as {@link EmbeddingModel#tokenize} reports it (TEI's {@code /tokenize} shape).
 *
 * @param id the token's id in the model's vocabulary
 * @param text the token as the vocabulary spells it ("##ing", "[CLS]")
 * @param special whether the tokenizer added it ([CLS], [SEP]) rather than read it from the text
 * @param start first char of the input it covers (UTF-16 index, prompt included), or null for special tokens
 * @param stop char after the last it covers, or null for special tokens
 */
public record TokenInfo(long id, String text, boolean special, Integer start, Integer stop) {}
