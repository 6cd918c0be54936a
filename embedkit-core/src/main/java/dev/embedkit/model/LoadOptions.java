package dev.embedkit.model;

/**
 * Explicit choices that win over what the model's files say. Null means "as the model says".
 *
 * @param pooling pooling mode
 * @param normalize L2-normalise sentence vectors
 * @param maxSeqLength tokens kept per input
 * @param threads inference threads (default: available processors)
 * @param quantize how the model's matrix products run (null: {@link Quantize#NONE})
 */
public record LoadOptions(Pooling pooling, Boolean normalize, Integer maxSeqLength, Integer threads, Quantize quantize) {
  public static final LoadOptions DEFAULTS = new LoadOptions(null, null, null, null, null);
  /** Largest accepted max sequence length; no encoder we load has more positions. */
  public static final int MAXIMUM_SEQ_LENGTH = 32768;

  public LoadOptions {
    if (maxSeqLength != null && (maxSeqLength < 2 || maxSeqLength > MAXIMUM_SEQ_LENGTH)) {
      throw new IllegalArgumentException(
          "max sequence length must be between 2 and " + MAXIMUM_SEQ_LENGTH + "; maxSeqLength=" + maxSeqLength);
    }
    if (threads != null && threads <= 0) {
      throw new IllegalArgumentException("threads must be positive; threads=" + threads);
    }
  }

  public LoadOptions(Pooling pooling, Boolean normalize, Integer maxSeqLength, Integer threads) {
    this(pooling, normalize, maxSeqLength, threads, null);
  }

  public int threadsOrDefault() {
    return threads != null ? threads : Runtime.getRuntime().availableProcessors();
  }

  public Quantize quantizeOrDefault() {
    return quantize != null ? quantize : Quantize.NONE;
  }

  public LoadOptions withQuantize(Quantize value) {
    return new LoadOptions(pooling, normalize, maxSeqLength, threads, value);
  }
}
