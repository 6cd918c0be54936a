package dev.embedkit.image.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.ImageInput;
import dev.embedkit.image.ImageSearch;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code embedkit classify IMAGE --labels "a cat,a dog"}: CLIP zero-shot classification, labels ordered by probability.
 */
@Command(name = "classify", mixinStandardHelpOptions = true,
    description = "Zero-shot image classification with a CLIP model: softmax over labels of logit_scale x cosine.")
public final class ClassifyCommand implements Callable<Integer> {
  /** The hub alias of OpenAI's CLIP ViT-B/32 export. */
  public static final String DEFAULT_MODEL = "clip";

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "Image file, http(s) URL or data URI.")
  String image;

  @Option(names = {"-l", "--labels"}, required = true, split = ",", paramLabel = "LABEL",
      description = "Comma-separated candidate labels, e.g. \"a photo of a cat,a photo of a dog\".")
  List<String> labels;

  @Option(names = {"-m", "--model"}, paramLabel = "MODEL", defaultValue = DEFAULT_MODEL,
      description = "CLIP model: hub alias or path to a CLIP export folder (default: ${DEFAULT-VALUE}).")
  String model;

  @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "table",
      description = "Output format: table or json (default: ${DEFAULT-VALUE}).")
  String format;

  @Override
  public Integer call() {
    String fmt = format.toLowerCase(Locale.ROOT);
    if (!fmt.equals("table") && !fmt.equals("json")) {
      throw EmbedkitException.invalidInput("unknown format '" + format + "'; valid formats: table, json");
    }
    List<String> cleaned = new ArrayList<>();
    for (String label : labels) {
      if (!label.isBlank()) {
        cleaned.add(label.strip());
      }
    }
    if (cleaned.isEmpty()) {
      throw EmbedkitException.invalidInput("--labels needs at least one non-empty label");
    }
    ImageInput input = ImageInput.parse(image);
    List<ImageSearch.Label> result;
    try (EmbeddingModel loaded = Embedkit.load(model)) {
      result = new ArrayList<>(ImageSearch.classify(ImageEmbeddingModel.of(loaded), input, cleaned));
    }
    result.sort((a, b) -> Double.compare(b.probability(), a.probability()));
    PrintWriter out = spec.commandLine().getOut();
    if (fmt.equals("json")) {
      ObjectMapper mapper = new ObjectMapper();
      ObjectNode root = mapper.createObjectNode();
      root.put("image", input.label());
      root.put("model", model);
      ArrayNode rows = root.putArray("labels");
      for (ImageSearch.Label l : result) {
        rows.addObject().put("label", l.label()).put("probability", l.probability()).put("logit", l.logit());
      }
      out.println(root.toString());
    } else {
      int width = Math.max(5, result.stream().mapToInt(l -> l.label().length()).max().orElse(5));
      out.printf(Locale.ROOT, "%-" + width + "s  %11s  %8s%n", "label", "probability", "logit");
      for (ImageSearch.Label l : result) {
        out.printf(Locale.ROOT, "%-" + width + "s  %11.4f  %8.3f%n", l.label(), l.probability(), l.logit());
      }
    }
    out.flush();
    return 0;
  }
}
