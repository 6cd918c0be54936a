package dev.embedkit.explore.render;

/**
 * How a PNG or SVG map is drawn.
 *
 * <pre>{@code
 * new PngMapWriter(RenderOptions.DEFAULT.withSize(800, 600)).write(map, out);
 * }</pre>
 *
 * @param width picture width in pixels
 * @param height picture height in pixels
 * @param maxLabels at most this many points get a text label (0: none)
 * @param labelChars a label is cut to this many characters, ending in an ellipsis
 * @param thumbnailSize the side of a drawn thumbnail in pixels
 * @param maxThumbnails at most this many thumbnails are drawn (0: none)
 */
public record RenderOptions(int width, int height, int maxLabels, int labelChars, int thumbnailSize, int maxThumbnails) {
  public static final int DEFAULT_WIDTH = 1600;
  public static final int DEFAULT_HEIGHT = 1200;
  /** Enough to name each region of a typical map without turning it into a wall of text. */
  public static final int DEFAULT_MAX_LABELS = 24;
  public static final int DEFAULT_LABEL_CHARS = 42;
  public static final int DEFAULT_THUMBNAIL_SIZE = 64;
  public static final int DEFAULT_MAX_THUMBNAILS = 400;
  /** Below this the title, legend and plot no longer fit beside each other. */
  public static final int MINIMUM_SIZE = 320;
  public static final int MAXIMUM_SIZE = 10_000;
  public static final int MINIMUM_THUMBNAIL_SIZE = 8;

  public static final RenderOptions DEFAULT = new RenderOptions(DEFAULT_WIDTH, DEFAULT_HEIGHT, DEFAULT_MAX_LABELS,
      DEFAULT_LABEL_CHARS, DEFAULT_THUMBNAIL_SIZE, DEFAULT_MAX_THUMBNAILS);

  public RenderOptions {
    if (width < MINIMUM_SIZE || width > MAXIMUM_SIZE) {
      throw new IllegalArgumentException("width must be in [" + MINIMUM_SIZE + ", " + MAXIMUM_SIZE + "]; width=" + width);
    }
    if (height < MINIMUM_SIZE || height > MAXIMUM_SIZE) {
      throw new IllegalArgumentException("height must be in [" + MINIMUM_SIZE + ", " + MAXIMUM_SIZE + "]; height=" + height);
    }
    if (maxLabels < 0) {
      throw new IllegalArgumentException("maxLabels must not be negative; maxLabels=" + maxLabels);
    }
    if (labelChars < 2) {
      throw new IllegalArgumentException("labelChars must be at least 2; labelChars=" + labelChars);
    }
    if (thumbnailSize < MINIMUM_THUMBNAIL_SIZE || thumbnailSize > Math.min(width, height) / 4) {
      throw new IllegalArgumentException("thumbnailSize must be in [" + MINIMUM_THUMBNAIL_SIZE + ", " + Math.min(width, height) / 4
          + "] for a " + width + "x" + height + " picture; thumbnailSize=" + thumbnailSize);
    }
    if (maxThumbnails < 0) {
      throw new IllegalArgumentException("maxThumbnails must not be negative; maxThumbnails=" + maxThumbnails);
    }
  }

  public RenderOptions withSize(int newWidth, int newHeight) {
    return new RenderOptions(newWidth, newHeight, maxLabels, labelChars, Math.min(thumbnailSize, Math.min(newWidth, newHeight) / 4),
        maxThumbnails);
  }

  public RenderOptions withMaxLabels(int newMaxLabels) {
    return new RenderOptions(width, height, newMaxLabels, labelChars, thumbnailSize, maxThumbnails);
  }
}
