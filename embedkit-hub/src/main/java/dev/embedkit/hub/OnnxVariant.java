package dev.embedkit.hub;

import dev.embedkit.EmbedkitException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which ONNX file a variant names. Exports on the hub follow two conventions: transformers.js / Optimum put
 * {@code onnx/model.onnx} beside {@code onnx/model_quantized.onnx}, {@code model_int8.onnx}, {@code model_fp16.onnx}
 * ...; older exports sit at the repo root ({@code model.onnx}, {@code model_quantized.onnx}). A variant is either such
 * a suffix ("quantized", "int8", "qint8_avx512_vnni") or a full file name ending in ".onnx".
 */
final class OnnxVariant {
  private static final Pattern SUFFIX = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_]{0,63}$");
  private static final Pattern VARIANT_FILE = Pattern.compile("^(?:onnx/)?model_([A-Za-z0-9_]+)\\.onnx$");
  static final List<String> DEFAULT_PATTERNS = List.of("onnx/model{v}.onnx", "model{v}.onnx");

  private OnnxVariant() {}

  /** Accepts a suffix or a safe relative .onnx path; anything else fails with what is accepted. */
  static String check(String variant) {
    if (variant.endsWith(".onnx")) {
      return RepoPaths.checkFile(variant, "variant");
    }
    if (!SUFFIX.matcher(variant).matches()) {
      throw EmbedkitException.invalidInput("variant '" + variant + "' is not valid; expected a suffix such as"
          + " quantized, int8, uint8, fp16, q4, or an ONNX file name such as onnx/model_int8.onnx");
    }
    return variant;
  }

  /** The file names the variant may have, in order of preference, by filling {v} in each pattern. */
  static List<String> candidates(String variant, List<String> patterns) {
    if (variant != null && variant.endsWith(".onnx")) {
      return List.of(variant);
    }
    List<String> names = new ArrayList<>();
    for (String pattern : patterns) {
      names.add(pattern.replace("{v}", variant == null ? "" : "_" + variant));
    }
    return names;
  }

  /** The variants a repo offers, by its file names ("default" for model.onnx). */
  static List<String> available(Collection<String> files) {
    TreeSet<String> variants = new TreeSet<>();
    boolean hasDefault = false;
    for (String file : files) {
      if (file.equals("onnx/model.onnx") || file.equals("model.onnx")) {
        hasDefault = true;
      }
      Matcher m = VARIANT_FILE.matcher(file);
      if (m.matches()) {
        variants.add(m.group(1));
      }
    }
    List<String> result = new ArrayList<>();
    if (hasDefault) {
      result.add("default");
    }
    result.addAll(variants);
    return result;
  }
}
