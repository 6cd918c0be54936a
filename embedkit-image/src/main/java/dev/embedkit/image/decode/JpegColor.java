package dev.embedkit.image.decode;

import java.awt.image.Raster;

/**
 * Turns a JPEG's raw decoded samples (ImageIO's {@code readRaster}: upsampled by libjpeg, no colour conversion) into
 * the RGB that Pillow gives. ImageIO's own {@code read} applies embedded ICC profiles, Pillow does not: converting
 * here with libjpeg's integer YCbCr tables ({@code jdcolor.c}) reproduces libjpeg's output bit for bit. The colour
 * space is chosen as libjpeg chooses it ({@code jdapimin.c}: JFIF means YCbCr, an Adobe marker's transform decides,
 * else component ids 'R','G','B' mean RGB). Four components are CMYK with Adobe's inverted polarity, which Pillow
 * always assumes, or YCCK (Adobe transform 2).
 */
final class JpegColor {
  private static final int SCALEBITS = 16;
  private static final int ONE_HALF = 1 << (SCALEBITS - 1);
  private static final int[] CR_R = new int[256];
  private static final int[] CB_B = new int[256];
  private static final int[] CR_G = new int[256];
  private static final int[] CB_G = new int[256];

  static {
    for (int i = 0; i < 256; i++) {
      int x = i - 128;
      CR_R[i] = (fix(1.40200) * x + ONE_HALF) >> SCALEBITS;
      CB_B[i] = (fix(1.77200) * x + ONE_HALF) >> SCALEBITS;
      CR_G[i] = -fix(0.71414) * x;
      CB_G[i] = -fix(0.34414) * x + ONE_HALF;
    }
  }

  private JpegColor() {}

  private static int fix(double x) {
    return (int) (x * (1L << SCALEBITS) + 0.5);
  }

  /** What the file's markers say its three or four components hold. */
  enum Space { YCBCR, RGB, CMYK, YCCK }

  static Space space(byte[] d, int components) {
    boolean jfif = false;
    int adobeTransform = -1;
    int[] ids = new int[0];
    int p = 2;
    while (p + 4 <= d.length && (d[p] & 0xFF) == 0xFF) {
      int marker = d[p + 1] & 0xFF;
      if (marker == 0xFF) {
        p++;
        continue;
      }
      if (marker == 0xDA || marker == 0xD9) {
        break;
      }
      int len = ((d[p + 2] & 0xFF) << 8) | (d[p + 3] & 0xFF);
      int body = p + 4;
      if (marker == 0xE0 && len >= 7 && body + 5 <= d.length && d[body] == 'J' && d[body + 1] == 'F' && d[body + 2] == 'I'
          && d[body + 3] == 'F' && d[body + 4] == 0) {
        jfif = true;
      } else if (marker == 0xEE && len >= 14 && body + 12 <= d.length && d[body] == 'A' && d[body + 1] == 'd'
          && d[body + 2] == 'o' && d[body + 3] == 'b' && d[body + 4] == 'e') {
        adobeTransform = d[body + 11] & 0xFF;
      } else if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC && body + 6 <= d.length) {
        int n = d[body + 5] & 0xFF;
        ids = new int[n];
        for (int i = 0; i < n && body + 6 + i * 3 < d.length; i++) {
          ids[i] = d[body + 6 + i * 3] & 0xFF;
        }
      }
      p += 2 + len;
    }
    if (components == 4) {
      return adobeTransform == 2 ? Space.YCCK : Space.CMYK;
    }
    if (jfif) {
      return Space.YCBCR;
    }
    if (adobeTransform >= 0) {
      return adobeTransform == 0 ? Space.RGB : Space.YCBCR;
    }
    if (ids.length == 3 && ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B') {
      return Space.RGB;
    }
    return Space.YCBCR;
  }

  static RgbImage toRgb(Raster raster, byte[] file) {
    int w = raster.getWidth();
    int h = raster.getHeight();
    int bands = raster.getNumBands();
    byte[] out = new byte[w * h * 3];
    Space space = bands >= 3 ? space(file, bands) : null;
    int[][] s = new int[bands][w];
    for (int y = 0; y < h; y++) {
      for (int b = 0; b < bands; b++) {
        raster.getSamples(raster.getMinX(), raster.getMinY() + y, w, 1, b, s[b]);
      }
      for (int x = 0; x < w; x++) {
        int o = (y * w + x) * 3;
        if (bands < 3) {
          out[o] = out[o + 1] = out[o + 2] = (byte) s[0][x];
          continue;
        }
        switch (space) {
          case RGB -> {
            out[o] = (byte) s[0][x];
            out[o + 1] = (byte) s[1][x];
            out[o + 2] = (byte) s[2][x];
          }
          case YCBCR -> ycc(s[0][x], s[1][x], s[2][x], out, o);
          case CMYK -> ImageDecoder.cmykPixel(255 - s[0][x], 255 - s[1][x], 255 - s[2][x], 255 - s[3][x], out, o);
          case YCCK -> {
            // libjpeg's ycck_cmyk_convert gives c = 255 - R(ycc) ..., then Pillow reads it with Adobe polarity
            byte[] rgb = new byte[3];
            ycc(s[0][x], s[1][x], s[2][x], rgb, 0);
            ImageDecoder.cmykPixel(rgb[0] & 0xFF, rgb[1] & 0xFF, rgb[2] & 0xFF, 255 - s[3][x], out, o);
          }
        }
      }
    }
    return new RgbImage(w, h, out);
  }

  private static void ycc(int y, int cb, int cr, byte[] out, int o) {
    out[o] = (byte) clamp(y + CR_R[cr]);
    out[o + 1] = (byte) clamp(y + ((CB_G[cb] + CR_G[cr]) >> SCALEBITS));
    out[o + 2] = (byte) clamp(y + CB_B[cb]);
  }

  private static int clamp(int v) {
    return v < 0 ? 0 : Math.min(v, 255);
  }
}
