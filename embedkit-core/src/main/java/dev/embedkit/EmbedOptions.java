package dev.embedkit;

import dev.embedkit.quant.Precision;
import dev.embedkit.quant.QuantizationRanges;

/**
 * Per-call options. Null fields mean "as the model says". Use {@link #DEFAULTS} and the {@code with} methods:
 *
 * <pre>{@code
 * EmbedOptions options = EmbedOptions.DEFAULTS.withPromptName("query").withDimensions(256);
 * }</pre>
 *
 * @param promptName a named prompt of the model ("query", "document"); excludes {@code prompt}
 * @param prompt literal text to prepend; excludes {@code promptName}
 * @param dimensions Matryoshka truncation: keep the first N dimensions, then renormalise when the model normalises
 * @param precision output precision (float32 by default)
 * @param ranges calibration ranges for int8/uint8; the model's built-in calibration when null
 * @param truncate cut inputs longer than the model's maximum (true, the default), or reject them (false)
 * @param normalize L2-normalise the vectors (true), return them as pooled (false), or as the model says (null)
 */
public record EmbedOptions(
    String promptName, String prompt, Integer dimensions, Precision precision, QuantizationRanges ranges, boolean truncate,
    Boolean normalize) {

  public static final EmbedOptions DEFAULTS = new EmbedOptions(null, null, null, Precision.FLOAT32, null, true, null);

  public EmbedOptions {
    if (promptName != null && prompt != null) {
      throw EmbedkitException.invalidInput("give either a prompt name or a prompt text, not both");
    }
    if (dimensions != null && dimensions <= 0) {
      throw EmbedkitException.invalidInput("dimensions must be positive; dimensions=" + dimensions);
    }
    if (precision == null) {
      precision = Precision.FLOAT32;
    }
  }

  /** The options of a call, or a one-line INVALID_INPUT when the caller passed null. */
  public static EmbedOptions require(EmbedOptions options) {
    if (options == null) {
      throw EmbedkitException.invalidInput("options is null; use EmbedOptions.DEFAULTS");
    }
    return options;
  }

  public EmbedOptions withPromptName(String name) {
    return new EmbedOptions(name, null, dimensions, precision, ranges, truncate, normalize);
  }

  public EmbedOptions withPrompt(String text) {
    return new EmbedOptions(null, text, dimensions, precision, ranges, truncate, normalize);
  }

  public EmbedOptions withDimensions(Integer n) {
    return new EmbedOptions(promptName, prompt, n, precision, ranges, truncate, normalize);
  }

  public EmbedOptions withPrecision(Precision p) {
    return new EmbedOptions(promptName, prompt, dimensions, p, ranges, truncate, normalize);
  }

  public EmbedOptions withRanges(QuantizationRanges r) {
    return new EmbedOptions(promptName, prompt, dimensions, precision, r, truncate, normalize);
  }

  public EmbedOptions withTruncate(boolean t) {
    return new EmbedOptions(promptName, prompt, dimensions, precision, ranges, t, normalize);
  }

  public EmbedOptions withNormalize(Boolean n) {
    return new EmbedOptions(promptName, prompt, dimensions, precision, ranges, truncate, n);
  }

  /** Whether vectors are normalised: this call's choice, else the model's. */
  public boolean normalizeOr(boolean modelDefault) {
    return normalize != null ? normalize : modelDefault;
  }
}
