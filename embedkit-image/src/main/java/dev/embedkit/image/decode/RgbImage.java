package dev.embedkit.image.decode;

/**
 * An 8-bit RGB image, rows top to bottom, pixels interleaved {@code r g b}: what Pillow's {@code convert("RGB")}
 * holds, and what every preprocessing step works on.
 *
 * @param width pixels per row
 * @param height rows
 * @param rgb {@code width * height * 3} bytes
 */
public record RgbImage(int width, int height, byte[] rgb) {
  public RgbImage {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("an image needs at least one pixel; width=" + width + ", height=" + height);
    }
    if (rgb.length != (long) width * height * 3) {
      throw new IllegalArgumentException("expected " + ((long) width * height * 3) + " bytes for " + width + "x" + height
          + " RGB; got " + rgb.length);
    }
  }

  /** A black image (what transformers pads with). */
  public static RgbImage black(int width, int height) {
    return new RgbImage(width, height, new byte[width * height * 3]);
  }

  /** Channel {@code c} (0 red, 1 green, 2 blue) of pixel (x, y), 0-255. */
  public int sample(int x, int y, int c) {
    return rgb[(y * width + x) * 3 + c] & 0xFF;
  }

  /**
   * Copies this image into a {@code width x height} black canvas with its top-left corner at (left, top); parts that
   * fall outside are cut, as Pillow's {@code paste} and NumPy slicing do.
   */
  public RgbImage placeOn(int canvasWidth, int canvasHeight, int left, int top) {
    byte[] out = new byte[canvasWidth * canvasHeight * 3];
    int x0 = Math.max(0, left);
    int x1 = Math.min(canvasWidth, left + width);
    for (int y = Math.max(0, top); y < Math.min(canvasHeight, top + height); y++) {
      if (x1 > x0) {
        System.arraycopy(rgb, ((y - top) * width + (x0 - left)) * 3, out, (y * canvasWidth + x0) * 3, (x1 - x0) * 3);
      }
    }
    return new RgbImage(canvasWidth, canvasHeight, out);
  }
}
