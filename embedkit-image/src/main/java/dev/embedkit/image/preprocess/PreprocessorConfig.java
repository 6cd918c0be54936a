package dev.embedkit.image.preprocess;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.embedkit.EmbedkitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What Hugging Face's CLIPImageProcessor reads from {@code preprocessor_config.json}. Defaults are
 * CLIPImageProcessor's own (those of openai/clip-vit-base-patch32).
 *
 * @param doResize resize so the shortest edge is {@code shortestEdge}
 * @param shortestEdge target length of the shortest edge
 * @param resample PIL filter
 * @param doCenterCrop crop the centre {@code cropHeight x cropWidth}, padding with black when smaller
 * @param cropHeight crop height
 * @param cropWidth crop width
 * @param doRescale multiply by {@code rescaleFactor}
 * @param rescaleFactor usually 1/255
 * @param doNormalize subtract {@code mean} and divide by {@code std}, per channel
 * @param mean per-channel mean
 * @param std per-channel standard deviation
 * @param doConvertRgb convert to RGB first (always done here: every decoded image is RGB)
 */
public record PreprocessorConfig(
    boolean doResize,
    int shortestEdge,
    Resample resample,
    boolean doCenterCrop,
    int cropHeight,
    int cropWidth,
    boolean doRescale,
    double rescaleFactor,
    boolean doNormalize,
    double[] mean,
    double[] std,
    boolean doConvertRgb) {

  public static final double[] CLIP_MEAN = {0.48145466, 0.4578275, 0.40821073};
  public static final double[] CLIP_STD = {0.26862954, 0.26130258, 0.27577711};
  /** CLIPImageProcessor's defaults: resize 224 BICUBIC, centre crop 224, rescale 1/255, CLIP mean and std. */
  public static final PreprocessorConfig CLIP_DEFAULTS =
      new PreprocessorConfig(true, 224, Resample.BICUBIC, true, 224, 224, true, 1 / 255.0, true, CLIP_MEAN, CLIP_STD, true);

  public PreprocessorConfig {
    if (doResize && shortestEdge <= 0) {
      throw new IllegalArgumentException("shortest_edge must be positive; shortest_edge=" + shortestEdge);
    }
    if (doCenterCrop && (cropHeight <= 0 || cropWidth <= 0)) {
      throw new IllegalArgumentException("crop_size must be positive; crop_size=" + cropHeight + "x" + cropWidth);
    }
    if (mean.length != 3 || std.length != 3) {
      throw new IllegalArgumentException("image_mean and image_std need 3 values; got " + Arrays.toString(mean) + " and " + Arrays.toString(std));
    }
    for (double s : std) {
      if (s == 0) {
        throw new IllegalArgumentException("image_std must not contain 0; image_std=" + Arrays.toString(std));
      }
    }
    mean = mean.clone();
    std = std.clone();
  }

  /** The same config without centre crop (imgbeddings turns it off). */
  public PreprocessorConfig withoutCenterCrop() {
    return new PreprocessorConfig(doResize, shortestEdge, resample, false, cropHeight, cropWidth, doRescale, rescaleFactor,
        doNormalize, mean, std, doConvertRgb);
  }

  /** Height and width of the tensor this config produces for every image (the model's input size). */
  public int outputHeight() {
    return doCenterCrop ? cropHeight : shortestEdge;
  }

  public int outputWidth() {
    return doCenterCrop ? cropWidth : shortestEdge;
  }

  /** Reads a preprocessor_config.json; keys that are absent keep CLIPImageProcessor's defaults. */
  public static PreprocessorConfig read(Path file) {
    JsonNode json;
    try {
      json = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw EmbedkitException.model("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (json == null || !json.isObject()) {
      throw EmbedkitException.model(file + " is not a JSON object", null);
    }
    try {
      PreprocessorConfig d = CLIP_DEFAULTS;
      int shortest = size(json.get("size"), "shortest_edge", d.shortestEdge);
      int cropH = size(json.get("crop_size"), "height", d.cropHeight);
      int cropW = size(json.get("crop_size"), "width", d.cropWidth);
      return new PreprocessorConfig(
          bool(json, "do_resize", d.doResize),
          shortest,
          json.has("resample") ? Resample.fromPilCode(json.get("resample").asInt()) : d.resample,
          bool(json, "do_center_crop", d.doCenterCrop),
          cropH,
          cropW,
          bool(json, "do_rescale", d.doRescale),
          json.has("rescale_factor") ? json.get("rescale_factor").asDouble() : d.rescaleFactor,
          bool(json, "do_normalize", d.doNormalize),
          triple(json.get("image_mean"), d.mean),
          triple(json.get("image_std"), d.std),
          bool(json, "do_convert_rgb", d.doConvertRgb));
    } catch (IllegalArgumentException e) {
      throw EmbedkitException.model(file + ": " + e.getMessage(), e);
    }
  }

  /** Sizes are an int, or an object with shortest_edge or height/width, as transformers' get_size_dict accepts. */
  private static int size(JsonNode node, String key, int fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (node.isNumber()) {
      return node.asInt();
    }
    if (node.has(key)) {
      return node.get(key).asInt();
    }
    if (node.has("shortest_edge")) {
      return node.get("shortest_edge").asInt();
    }
    if (node.has("height")) {
      return node.get("height").asInt();
    }
    return fallback;
  }

  private static boolean bool(JsonNode json, String key, boolean fallback) {
    return json.has(key) && !json.get(key).isNull() ? json.get(key).asBoolean() : fallback;
  }

  private static double[] triple(JsonNode node, double[] fallback) {
    if (node == null || node.isNull()) {
      return fallback;
    }
    if (node.isNumber()) {
      return new double[] {node.asDouble(), node.asDouble(), node.asDouble()};
    }
    double[] out = new double[node.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node.get(i).asDouble();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PreprocessorConfig p && doResize == p.doResize && shortestEdge == p.shortestEdge
        && resample == p.resample && doCenterCrop == p.doCenterCrop && cropHeight == p.cropHeight
        && cropWidth == p.cropWidth && doRescale == p.doRescale && rescaleFactor == p.rescaleFactor
        && doNormalize == p.doNormalize && Arrays.equals(mean, p.mean) && Arrays.equals(std, p.std)
        && doConvertRgb == p.doConvertRgb;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(shortestEdge, resample, cropHeight, cropWidth, Arrays.hashCode(mean), Arrays.hashCode(std));
  }

  @Override
  public String toString() {
    return "PreprocessorConfig[resize=" + doResize + " " + shortestEdge + " " + resample + ", crop=" + doCenterCrop + " "
        + cropHeight + "x" + cropWidth + ", rescale=" + rescaleFactor + ", mean=" + Arrays.toString(mean) + ", std="
        + Arrays.toString(std) + "]";
  }
}
