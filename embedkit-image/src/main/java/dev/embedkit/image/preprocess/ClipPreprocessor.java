package dev.embedkit.image.preprocess;

import dev.embedkit.image.decode.RgbImage;

/**
 * Hugging Face CLIPImageProcessor's algorithm on an RGB image, step for step: resize so the shortest edge is N with the
 * long edge {@code int(N * long / short)} (Python truncation, as transformers' get_resize_output_image_size), Pillow
 * resampling; centre crop at {@code top = (H - h) // 2} (floor division), padding with black where the image is
 * smaller (transformers' center_crop); rescale in double then cast to float32; normalise in float32; channels first.
 *
 * <pre>{@code
 * float[] chw = new ClipPreprocessor(PreprocessorConfig.CLIP_DEFAULTS).pixelValues(image); // 3*224*224 values
 * }</pre>
 */
public final class ClipPreprocessor {
  private final PreprocessorConfig config;
  private final float[] mean = new float[3];
  private final float[] std = new float[3];

  public ClipPreprocessor(PreprocessorConfig config) {
    this.config = config;
    for (int c = 0; c < 3; c++) {
      mean[c] = (float) config.mean()[c];
      std[c] = (float) config.std()[c];
    }
  }

  public PreprocessorConfig config() {
    return config;
  }

  /** Resize and crop: the 8-bit image the model's tensor is computed from. */
  public RgbImage resizeAndCrop(RgbImage image) {
    RgbImage current = image;
    if (config.doResize()) {
      int[] size = resizedSize(image.width(), image.height(), config.shortestEdge());
      current = config.resample().resize(current, size[0], size[1]);
    }
    if (config.doCenterCrop()) {
      current = centerCrop(current, config.cropWidth(), config.cropHeight());
    }
    return current;
  }

  /** The model's pixel_values for one image: {@code [3][H][W]} flattened, channels first. */
  public float[] pixelValues(RgbImage image) {
    RgbImage prepared = resizeAndCrop(image);
    float[] out = new float[3 * prepared.width() * prepared.height()];
    toTensor(prepared, out, 0);
    return out;
  }

  /** Writes the rescaled, normalised, channels-first values of an already resized and cropped image. */
  public void toTensor(RgbImage prepared, float[] out, int offset) {
    int plane = prepared.width() * prepared.height();
    byte[] rgb = prepared.rgb();
    // lookup per channel and byte value: the same float32 arithmetic as transformers' rescale + normalize
    float[][] table = new float[3][256];
    for (int c = 0; c < 3; c++) {
      for (int v = 0; v < 256; v++) {
        float x = config.doRescale() ? (float) (v * config.rescaleFactor()) : v;
        table[c][v] = config.doNormalize() ? (x - mean[c]) / std[c] : x;
      }
    }
    for (int i = 0; i < plane; i++) {
      out[offset + i] = table[0][rgb[i * 3] & 0xFF];
      out[offset + plane + i] = table[1][rgb[i * 3 + 1] & 0xFF];
      out[offset + 2 * plane + i] = table[2][rgb[i * 3 + 2] & 0xFF];
    }
  }

  /**
   * transformers' get_resize_output_image_size with {@code default_to_square=False}: {width, height}.
   */
  static int[] resizedSize(int width, int height, int shortestEdge) {
    int shortSide = Math.min(width, height);
    int longSide = Math.max(width, height);
    int newLong = (int) ((double) ((long) shortestEdge * longSide) / shortSide);
    return width <= height ? new int[] {shortestEdge, newLong} : new int[] {newLong, shortestEdge};
  }

  /** transformers' center_crop: floor-division offsets, black padding when the image is smaller than the crop. */
  static RgbImage centerCrop(RgbImage image, int cropWidth, int cropHeight) {
    int top = Math.floorDiv(image.height() - cropHeight, 2);
    int left = Math.floorDiv(image.width() - cropWidth, 2);
    if (top >= 0 && left >= 0 && top + cropHeight <= image.height() && left + cropWidth <= image.width()
        && image.width() == cropWidth && image.height() == cropHeight) {
      return image;
    }
    if (top >= 0 && left >= 0) {
      return image.placeOn(cropWidth, cropHeight, -left, -top);
    }
    // pad to at least the crop size, centring with ceil((new - orig) / 2), then crop as above
    int newHeight = Math.max(cropHeight, image.height());
    int newWidth = Math.max(cropWidth, image.width());
    int topPad = (newHeight - image.height() + 1) / 2;
    int leftPad = (newWidth - image.width() + 1) / 2;
    RgbImage padded = image.placeOn(newWidth, newHeight, leftPad, topPad);
    int cropTop = Math.max(0, top + topPad);
    int cropLeft = Math.max(0, left + leftPad);
    return padded.placeOn(cropWidth, cropHeight, -cropLeft, -cropTop);
  }

  /** imgbeddings' square_pad: a black square of the long side, image pasted at ((side - w) // 2, (side - h) // 2). */
  public static RgbImage squarePad(RgbImage image) {
    if (image.width() == image.height()) {
      return image;
    }
    int side = Math.max(image.width(), image.height());
    return image.placeOn(side, side, (side - image.width()) / 2, (side - image.height()) / 2);
  }
}
