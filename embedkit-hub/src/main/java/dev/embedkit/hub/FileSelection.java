package dev.embedkit.hub;

import dev.embedkit.EmbedkitException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The files of a repo that a model needs: the chosen ONNX graph(s) with their external data files, the tokenizer
 * and config files, and the sentence-transformers configs. Everything else (PyTorch weights, other exports, README)
 * stays on the hub.
 *
 * @param onnxFiles the chosen ONNX graphs, in the alias's or the default order
 * @param files every file to fetch, ONNX graphs and external data first
 */
public record FileSelection(List<String> onnxFiles, List<String> files) {
  /** Small files fetched whenever the repo has them. */
  static final List<String> CONFIG_FILES = List.of(
      "config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "preprocessor_config.json",
      "modules.json", "sentence_bert_config.json", "config_sentence_transformers.json");
  private static final Pattern MODULE_CONFIG = Pattern.compile("^\\d+_Pooling/config\\.json$");
  private static final int LISTED = 25;

  public FileSelection {
    onnxFiles = List.copyOf(onnxFiles);
    files = List.copyOf(files);
  }

  /** The ONNX file the model folder must show as onnx/model.onnx. */
  public String primaryOnnx() {
    return onnxFiles.get(0);
  }

  /**
   * Picks the files from a repo's listing.
   *
   * @param repo for messages
   * @param available the repo's files (hub listing or a cached snapshot)
   * @param variant ONNX variant or null
   * @param onnxPatterns where the ONNX graphs sit, "{v}" standing for "_VARIANT" (one entry per graph the model needs,
   *     alternatives separated by '|')
   */
  static FileSelection select(String repo, Collection<String> available, String variant, List<String> onnxPatterns) {
    Set<String> files = new LinkedHashSet<>(available);
    if (files.stream().noneMatch(f -> f.endsWith(".onnx"))) {
      throw EmbedkitException.unsupported(repo + " has no ONNX export (its files: " + listing(files) + "); embedkit runs"
          + " ONNX graphs: use a repo that has onnx/model.onnx (for example a Xenova/ or onnx-community/ export), or export"
          + " one with 'optimum-cli export onnx --model " + repo + " DIR' and load DIR");
    }
    List<String> onnx = new ArrayList<>();
    for (String graph : onnxPatterns) {
      List<String> candidates = OnnxVariant.candidates(variant, List.of(graph.split("\\|")));
      String found = candidates.stream().filter(files::contains).findFirst().orElseThrow(() -> missingVariant(repo, files, variant, candidates));
      onnx.add(found);
    }
    List<String> chosen = new ArrayList<>();
    for (String graph : onnx) {
      chosen.add(graph);
      // External data: model.onnx_data, model.onnx.data, model.onnx_data_1 ... beside the graph.
      files.stream().filter(f -> f.startsWith(graph + "_data") || f.startsWith(graph + ".data")).sorted().forEach(chosen::add);
    }
    for (String config : CONFIG_FILES) {
      if (files.contains(config)) {
        chosen.add(config);
      }
    }
    files.stream().filter(f -> MODULE_CONFIG.matcher(f).matches()).sorted().forEach(chosen::add);
    for (String file : chosen) {
      RepoPaths.checkFile(file, "file name from the " + repo + " listing");
    }
    return new FileSelection(onnx, List.copyOf(new LinkedHashSet<>(chosen)));
  }

  private static EmbedkitException missingVariant(String repo, Set<String> files, String variant, List<String> looked) {
    List<String> variants = OnnxVariant.available(files);
    String offered = variants.isEmpty()
        ? "its ONNX files are " + files.stream().filter(f -> f.endsWith(".onnx")).sorted().limit(LISTED).collect(Collectors.toList())
        : "variants it offers: " + String.join(", ", variants);
    if (variant == null) {
      return EmbedkitException.notFound(repo + " has no " + String.join(" or ", looked) + "; " + offered
          + " (pick one with --variant or NAME:VARIANT)");
    }
    return EmbedkitException.notFound(repo + " has no variant '" + variant + "' (looked for " + String.join(", ", looked)
        + "); " + offered);
  }

  static String listing(Collection<String> files) {
    List<String> sorted = files.stream().sorted().collect(Collectors.toList());
    String shown = String.join(", ", sorted.subList(0, Math.min(LISTED, sorted.size())));
    return sorted.isEmpty() ? "none" : sorted.size() > LISTED ? shown + ", ... (" + sorted.size() + " files)" : shown;
  }
}
