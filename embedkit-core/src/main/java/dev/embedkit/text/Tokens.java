package dev.embedkit.text;

/**
 * One tokenised input, special tokens included.
 *
 * @param ids token ids
 * @param typeIds token type (segment) ids
 * @param truncated true when the input had more tokens than the maximum and was cut
 */
public record Tokens(long[] ids, long[] typeIds, boolean truncated) {
  public int length() {
    return ids.length;
  }
}
