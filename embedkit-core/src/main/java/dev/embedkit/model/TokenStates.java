package dev.embedkit.model;

/**
 * The transformer's output for a batch: {@code data[(row * seqLen + token) * hidden + i]}, with the attention mask
 * that says which positions pooling may use (padding, and a prompt when the pooling excludes it, are 0).
 */
public record TokenStates(float[] data, int batch, int seqLen, int hidden, long[][] mask) {
  public TokenStates {
    if ((long) batch * seqLen * hidden != data.length) {
      throw new IllegalArgumentException(
          "token states of " + data.length + " floats do not match batch=" + batch + " seqLen=" + seqLen + " hidden=" + hidden);
    }
  }

  int offset(int row, int token) {
    return (row * seqLen + token) * hidden;
  }

  /** The hidden state of one token of one row (a copy). */
  public float[] token(int row, int token) {
    int from = offset(row, token);
    return java.util.Arrays.copyOfRange(data, from, from + hidden);
  }
}
