package dev.embedkit.image.input;

import dev.embedkit.image.ImageBatch;

/**
 * What a call does with an input that cannot be read or decoded: a missing or unreadable file, a failed fetch, bytes
 * that are not an image, a truncated file, an unsupported format, too many pixels or bytes. Failures that are not the
 * input's own (the model, the runtime, an interrupted thread) always fail the call.
 *
 * <pre>{@code
 * ImageBatch batch = model.embedImages(inputs, EmbedOptions.DEFAULTS, OnBadImage.SKIP);
 * }</pre>
 */
public enum OnBadImage {
  /** The first bad input, in input order, fails the whole call with a one-line error naming it; nothing is embedded. */
  FAIL,
  /** Bad inputs are left out and reported in {@link ImageBatch#skipped()}; the others are embedded. */
  SKIP
}
