package dev.embedkit.image.decode;

/**
 * The EXIF orientation tag (0x0112) and the transpose that makes the image upright, as Pillow's
 * {@code ImageOps.exif_transpose} applies it (transformers' {@code load_image} calls it before {@code convert("RGB")}).
 */
public enum ExifOrientation {
  /** 1, or no tag: as stored. */
  NORMAL,
  /** 2: mirrored left-right (Pillow FLIP_LEFT_RIGHT). */
  MIRROR_HORIZONTAL,
  /** 3: upside down (ROTATE_180). */
  ROTATE_180,
  /** 4: mirrored top-bottom (FLIP_TOP_BOTTOM). */
  MIRROR_VERTICAL,
  /** 5: TRANSPOSE (swap x and y). */
  TRANSPOSE,
  /** 6: ROTATE_270 (a quarter turn clockwise). */
  ROTATE_90_CW,
  /** 7: TRANSVERSE. */
  TRANSVERSE,
  /** 8: ROTATE_90 (a quarter turn counter-clockwise). */
  ROTATE_90_CCW;

  /** The orientation for a tag value; values outside 1-8 are ignored as Pillow ignores them. */
  public static ExifOrientation fromTag(int value) {
    return value >= 1 && value <= 8 ? values()[value - 1] : NORMAL;
  }

  /** The upright image. */
  public RgbImage apply(RgbImage in) {
    if (this == NORMAL) {
      return in;
    }
    int w = in.width();
    int h = in.height();
    boolean swaps = this == TRANSPOSE || this == ROTATE_90_CW || this == TRANSVERSE || this == ROTATE_90_CCW;
    int outW = swaps ? h : w;
    int outH = swaps ? w : h;
    byte[] src = in.rgb();
    byte[] out = new byte[src.length];
    for (int y = 0; y < outH; y++) {
      for (int x = 0; x < outW; x++) {
        int sx;
        int sy;
        switch (this) {
          case MIRROR_HORIZONTAL -> { sx = w - 1 - x; sy = y; }
          case ROTATE_180 -> { sx = w - 1 - x; sy = h - 1 - y; }
          case MIRROR_VERTICAL -> { sx = x; sy = h - 1 - y; }
          case TRANSPOSE -> { sx = y; sy = x; }
          case ROTATE_90_CW -> { sx = y; sy = h - 1 - x; }
          case TRANSVERSE -> { sx = w - 1 - y; sy = h - 1 - x; }
          case ROTATE_90_CCW -> { sx = w - 1 - y; sy = x; }
          default -> throw new IllegalStateException(name());
        }
        System.arraycopy(src, (sy * w + sx) * 3, out, (y * outW + x) * 3, 3);
      }
    }
    return new RgbImage(outW, outH, out);
  }
}
