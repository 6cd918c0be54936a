package dev.embedkit.image.preprocess;

import dev.embedkit.EmbedkitException;
import dev.embedkit.image.decode.RgbImage;

/**
 * Pillow's resampling filters as preprocessor_config.json names them ({@code "resample": 3}). Each resizes exactly as
 * Pillow's {@code Image.resize} does for an RGB image: BICUBIC and BILINEAR through the two-pass fixed-point
 * convolution of {@code Resample.c} ({@link PillowResampler}), NEAREST through Pillow's affine point sampling.
 */
public enum Resample {
  NEAREST(0, 0.0),
  BILINEAR(2, 1.0),
  BICUBIC(3, 2.0);

  private final int pilCode;
  private final double support;

  Resample(int pilCode, double support) {
    this.pilCode = pilCode;
    this.support = support;
  }

  /** The number PIL uses ({@code PIL.Image.Resampling}). */
  public int pilCode() {
    return pilCode;
  }

  /** Half-width of the filter at scale 1. */
  double support() {
    return support;
  }

  /** The filter's weight at distance {@code x} (in source pixels at scale 1). */
  double weight(double x) {
    return switch (this) {
      case BILINEAR -> {
        double ax = Math.abs(x);
        yield ax < 1.0 ? 1.0 - ax : 0.0;
      }
      case BICUBIC -> {
        // Keys cubic with a = -0.5, written as Pillow writes it so rounding matches
        double a = -0.5;
        double ax = Math.abs(x);
        if (ax < 1.0) {
          yield ((a + 2.0) * ax - (a + 3.0)) * ax * ax + 1;
        }
        if (ax < 2.0) {
          yield (((ax - 5) * ax + 8) * ax - 4) * a;
        }
        yield 0.0;
      }
      case NEAREST -> throw new IllegalStateException("NEAREST samples points; it has no convolution weights");
    };
  }

  /** Resizes to {@code width x height}; the same size gives the image back. */
  public RgbImage resize(RgbImage image, int width, int height) {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("target size must be positive; width=" + width + ", height=" + height);
    }
    if (image.width() == width && image.height() == height) {
      return image;
    }
    return this == NEAREST ? PillowResampler.nearest(image, width, height) : PillowResampler.convolve(image, width, height, this);
  }

  /** The filter for a PIL resample number; fails with the supported numbers. */
  public static Resample fromPilCode(int code) {
    for (Resample r : values()) {
      if (r.pilCode == code) {
        return r;
      }
    }
    throw EmbedkitException.unsupported("resample " + code + " is not supported; supported: 0 (NEAREST), 2 (BILINEAR), 3 (BICUBIC)");
  }
}
