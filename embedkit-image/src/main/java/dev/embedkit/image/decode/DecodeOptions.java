package dev.embedkit.image.decode;

/**
 * Limits and choices for decoding untrusted image bytes.
 *
 * @param maxPixels largest width x height accepted; bigger images fail before their pixels are decoded (a
 *     decompression bomb). Default {@link #DEFAULT_MAX_PIXELS}, Pillow's {@code MAX_IMAGE_PIXELS}; Pillow only warns
 *     up to twice that and raises above, embedkit refuses anything above the limit itself.
 * @param maxBytes largest encoded size accepted
 * @param animation what to do with an image of several frames
 * @param applyExifOrientation turn the image upright by its EXIF orientation (transformers' load_image does;
 *     imgbeddings, which opens files with a bare {@code Image.open}, does not)
 */
public record DecodeOptions(long maxPixels, long maxBytes, Animation animation, boolean applyExifOrientation) {
  /** Pillow's {@code Image.MAX_IMAGE_PIXELS}: 1024 * 1024 * 1024 // 4 // 3. */
  public static final long DEFAULT_MAX_PIXELS = 89_478_485L;
  /** 64 MiB of encoded bytes. */
  public static final long DEFAULT_MAX_BYTES = 64L << 20;
  public static final DecodeOptions DEFAULTS = new DecodeOptions(DEFAULT_MAX_PIXELS, DEFAULT_MAX_BYTES, Animation.FIRST_FRAME, true);

  /** Frames after the first. */
  public enum Animation {
    /** Decode the first frame only, as Pillow's {@code Image.open} (and so transformers) does. */
    FIRST_FRAME,
    /** Refuse images with more than one frame (for servers that want to be told). */
    REJECT
  }

  public DecodeOptions {
    if (maxPixels <= 0) {
      throw new IllegalArgumentException("maxPixels must be positive; maxPixels=" + maxPixels);
    }
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive; maxBytes=" + maxBytes);
    }
    if (animation == null) {
      throw new IllegalArgumentException("animation must be set; one of FIRST_FRAME, REJECT");
    }
  }

  public DecodeOptions withMaxPixels(long n) {
    return new DecodeOptions(n, maxBytes, animation, applyExifOrientation);
  }

  public DecodeOptions withMaxBytes(long n) {
    return new DecodeOptions(maxPixels, n, animation, applyExifOrientation);
  }

  public DecodeOptions withAnimation(Animation a) {
    return new DecodeOptions(maxPixels, maxBytes, a, applyExifOrientation);
  }

  public DecodeOptions withExifOrientation(boolean apply) {
    return new DecodeOptions(maxPixels, maxBytes, animation, apply);
  }
}
