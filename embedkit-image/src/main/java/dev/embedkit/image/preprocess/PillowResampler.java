package dev.embedkit.image.preprocess;

import dev.embedkit.image.decode.RgbImage;

/**
 * A port of Pillow's resampling for 8-bit images ({@code src/libImaging/Resample.c} and the NEAREST path of
 * {@code Geometry.c}), so that resized pixels equal Pillow's, not merely look like them. Java AWT's bicubic scaling
 * point-samples without widening the kernel when downscaling and gives visibly different pixels.
 *
 * <p>Convolution: the support widens by the scale factor when shrinking (antialiasing); weights are normalised to sum
 * 1, then turned into fixed point with {@link #PRECISION_BITS}; the horizontal pass runs first (only over the rows the
 * vertical pass reads), each pass rounds and clips to 8 bits.
 */
final class PillowResampler {
  /** Pillow's fixed-point precision: 32 bits less 8 for the result and 2 for overflow. */
  static final int PRECISION_BITS = 32 - 8 - 2;

  private PillowResampler() {}

  /** Bounds and fixed-point weights for one axis: output i reads {@code count[i]} inputs from {@code start[i]}. */
  private record Coefficients(int[] start, int[] count, int[] weights, int ksize) {}

  static RgbImage convolve(RgbImage in, int outWidth, int outHeight, Resample filter) {
    Coefficients vertical = coefficients(in.height(), outHeight, filter);
    int firstRow = vertical.start[0];
    int lastRow = vertical.start[outHeight - 1] + vertical.count[outHeight - 1];
    RgbImage current = in;
    int rowOffset = 0;
    boolean needHorizontal = outWidth != in.width();
    boolean needVertical = outHeight != in.height();
    if (needHorizontal) {
      current = horizontal(in, outWidth, firstRow, lastRow - firstRow, coefficients(in.width(), outWidth, filter));
      rowOffset = firstRow;
    }
    if (needVertical) {
      current = vertical(current, outHeight, rowOffset, vertical);
    }
    return current;
  }

  /** Pillow's precompute_coeffs followed by normalize_coeffs_8bpc, for the box (0, inSize). */
  private static Coefficients coefficients(int inSize, int outSize, Resample filter) {
    double scale = (double) inSize / outSize;
    double filterScale = Math.max(scale, 1.0);
    double support = filter.support() * filterScale;
    int ksize = (int) Math.ceil(support) * 2 + 1;
    int[] start = new int[outSize];
    int[] count = new int[outSize];
    int[] weights = new int[outSize * ksize];
    double[] k = new double[ksize];
    for (int xx = 0; xx < outSize; xx++) {
      double center = (xx + 0.5) * scale;
      double ss = 1.0 / filterScale;
      int xmin = Math.max(0, (int) (center - support + 0.5));
      int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
      double ww = 0.0;
      for (int x = 0; x < xmax; x++) {
        double w = filter.weight((x + xmin - center + 0.5) * ss);
        k[x] = w;
        ww += w;
      }
      for (int x = 0; x < xmax; x++) {
        double w = ww != 0.0 ? k[x] / ww : k[x];
        weights[xx * ksize + x] = w < 0 ? (int) (-0.5 + w * (1 << PRECISION_BITS)) : (int) (0.5 + w * (1 << PRECISION_BITS));
      }
      start[xx] = xmin;
      count[xx] = xmax;
    }
    return new Coefficients(start, count, weights, ksize);
  }

  private static RgbImage horizontal(RgbImage in, int outWidth, int firstRow, int rows, Coefficients c) {
    byte[] src = in.rgb();
    byte[] out = new byte[outWidth * rows * 3];
    int inWidth = in.width();
    for (int yy = 0; yy < rows; yy++) {
      int rowBase = (yy + firstRow) * inWidth * 3;
      for (int xx = 0; xx < outWidth; xx++) {
        int xmin = c.start[xx];
        int xmax = c.count[xx];
        int kBase = xx * c.ksize;
        int s0 = 1 << (PRECISION_BITS - 1);
        int s1 = s0;
        int s2 = s0;
        for (int x = 0; x < xmax; x++) {
          int w = c.weights[kBase + x];
          int p = rowBase + (x + xmin) * 3;
          s0 += (src[p] & 0xFF) * w;
          s1 += (src[p + 1] & 0xFF) * w;
          s2 += (src[p + 2] & 0xFF) * w;
        }
        int o = (yy * outWidth + xx) * 3;
        out[o] = clip8(s0);
        out[o + 1] = clip8(s1);
        out[o + 2] = clip8(s2);
      }
    }
    return new RgbImage(outWidth, rows, out);
  }

  private static RgbImage vertical(RgbImage in, int outHeight, int rowOffset, Coefficients c) {
    byte[] src = in.rgb();
    int width = in.width();
    byte[] out = new byte[width * outHeight * 3];
    for (int yy = 0; yy < outHeight; yy++) {
      int ymin = c.start[yy] - rowOffset;
      int ymax = c.count[yy];
      int kBase = yy * c.ksize;
      for (int xx = 0; xx < width; xx++) {
        int s0 = 1 << (PRECISION_BITS - 1);
        int s1 = s0;
        int s2 = s0;
        for (int y = 0; y < ymax; y++) {
          int w = c.weights[kBase + y];
          int p = ((y + ymin) * width + xx) * 3;
          s0 += (src[p] & 0xFF) * w;
          s1 += (src[p + 1] & 0xFF) * w;
          s2 += (src[p + 2] & 0xFF) * w;
        }
        int o = (yy * width + xx) * 3;
        out[o] = clip8(s0);
        out[o + 1] = clip8(s1);
        out[o + 2] = clip8(s2);
      }
    }
    return new RgbImage(width, outHeight, out);
  }

  /** Pillow's clip8: drop the fraction bits (arithmetic shift), clamp to 0..255. */
  static byte clip8(int sum) {
    int v = sum >> PRECISION_BITS;
    return (byte) (v < 0 ? 0 : Math.min(v, 255));
  }

  /**
   * Pillow's NEAREST resize: an affine transform that samples the source at each output pixel's centre, with the
   * source position accumulated in double precision as {@code ImagingScaleAffine} does.
   */
  static RgbImage nearest(RgbImage in, int outWidth, int outHeight) {
    double xScale = (double) in.width() / outWidth;
    double yScale = (double) in.height() / outHeight;
    int[] xin = new int[outWidth];
    double xo = xScale * 0.5;
    for (int x = 0; x < outWidth; x++) {
      xin[x] = Math.min(in.width() - 1, Math.max(0, coord(xo)));
      xo += xScale;
    }
    byte[] src = in.rgb();
    byte[] out = new byte[outWidth * outHeight * 3];
    double yo = yScale * 0.5;
    for (int y = 0; y < outHeight; y++) {
      int yIn = Math.min(in.height() - 1, Math.max(0, coord(yo)));
      yo += yScale;
      int rowBase = yIn * in.width() * 3;
      for (int x = 0; x < outWidth; x++) {
        System.arraycopy(src, rowBase + xin[x] * 3, out, (y * outWidth + x) * 3, 3);
      }
    }
    return new RgbImage(outWidth, outHeight, out);
  }

  private static int coord(double v) {
    return v < 0.0 ? -1 : (int) v;
  }
}
