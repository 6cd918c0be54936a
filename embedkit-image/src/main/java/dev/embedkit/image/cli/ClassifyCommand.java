package dev.embedkit.image.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.Embedkit;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.image.ImageBatch;
import dev.embedkit.image.ImageEmbeddingModel;
import dev.embedkit.image.ImageSearch;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.image.input.OnBadImage;
import java.io.PrintWriter;
import java.nio.file.Path;
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
 * {@code embedkit classify IMAGE... --labels "a cat,a dog"}: CLIP zero-shot classification of one or more images
 * against one set of labels, with the model loaded and the labels embedded once. Output: per image, its labels most
 * probable first (table or JSON). With {@code --skip-errors} an image that cannot be read is reported on stderr and
 * left out; the run succeeds when at least one image was classified, and fails (INVALID_INPUT, exit 2) when none was.
 */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Zero-shot image classification with a CLIP model: softmax over labels of logit_scale x cosine.")
public final class ClassifyCommand implements Callable<Integer> {
  /** The hub alias of OpenAI's CLIP ViT-B/32 export. */
  public static final String DEFAULT_MODEL = "clip";

  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "IMAGE",
      description = "Image files, folders (their images; sub-folders too with --recursive), http(s) URLs or data URIs.")
  List<String> images;

  @Option(names = {"-l", "--labels"}, split = ",", paramLabel = "LABEL",
      description = "Comma-separated candidate labels, e.g. \"a photo of a cat,a photo of a dog\".")
  List<String> labels = new ArrayList<>();

  @Option(names = "--label", paramLabel = "TEXT",
      description = "One candidate label, taken whole (commas allowed); repeat for more.")
  List<String> wholeLabels = new ArrayList<>();

  @Option(names = "--labels-file", paramLabel = "FILE",
      description = "Candidate labels, one per line (UTF-8; blank lines skipped; no comment syntax).")
  Path labelsFile;

  @Option(names = {"-r", "--recursive"},
      description = "Also classify the images in sub-folders of folder arguments (order: relative path, by code points).")
  boolean recursive;

  @Option(names = "--skip-errors",
      description = "Report images that cannot be read on stderr and classify the rest (exit 2 only if none could be read).")
  boolean skipErrors;

  @Option(names = {"-k", "--top"}, paramLabel = "K", description = "Show only the K most probable labels of each image.")
  Integer top;

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
    if (top != null && top < 1) {
      throw EmbedkitException.invalidInput("--top must be at least 1; --top=" + top);
    }
    List<String> candidates = ClassifyLabels.collect(labels, wholeLabels, labelsFile);
    List<ImageInput> inputs = ImageInput.expand(images, recursive);
    ImageSearch.Classifications result;
    try (EmbeddingModel loaded = Embedkit.load(model)) {
      result = ImageSearch.classify(ImageEmbeddingModel.of(loaded), inputs, candidates,
          skipErrors ? OnBadImage.SKIP : OnBadImage.FAIL);
    }
    PrintWriter err = spec.commandLine().getErr();
    for (ImageBatch.Skipped s : result.skipped()) {
      err.println("embedkit: " + ImageInputs.skippedLine(s));
    }
    err.flush();
    if (result.images().isEmpty()) {
      throw EmbedkitException.invalidInput((inputs.size() == 1 ? "the image could not be read"
          : "none of the " + inputs.size() + " images could be read") + ", so nothing was classified");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (fmt.equals("json")) {
      out.println(json(result));
    } else {
      table(result, out);
    }
    out.flush();
    if (!result.skipped().isEmpty()) {
      err.println("embedkit: " + ImageInputs.skippedSummary(result.skipped().size(), inputs.size()));
      err.flush();
    }
    return 0;
  }

  private List<ImageSearch.Label> shown(ImageSearch.Classification c) {
    List<ImageSearch.Label> ranked = c.ranked();
    return top == null ? ranked : ranked.subList(0, Math.min(top, ranked.size()));
  }

  /** {"model", "images": [{"image", "labels": [{"label", "probability", "logit"}]}], "skipped": [...]}. */
  private String json(ImageSearch.Classifications result) {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode();
    root.put("model", model);
    ArrayNode images = root.putArray("images");
    for (ImageSearch.Classification c : result.images()) {
      ObjectNode image = images.addObject();
      image.put("image", c.image().label());
      ArrayNode rows = image.putArray("labels");
      for (ImageSearch.Label l : shown(c)) {
        rows.addObject().put("label", l.label()).put("probability", l.probability()).put("logit", l.logit());
      }
    }
    ArrayNode skipped = root.putArray("skipped");
    for (ImageBatch.Skipped s : result.skipped()) {
      skipped.addObject().put("index", s.index()).put("image", s.label())
          .put("error", s.kind().name().toLowerCase(Locale.ROOT)).put("reason", s.reason());
    }
    return root.toString();
  }

  /** One block of rows per image, the image named on its first row; columns aligned across all images. */
  private void table(ImageSearch.Classifications result, PrintWriter out) {
    int imageWidth = "image".length();
    int labelWidth = "label".length();
    for (ImageSearch.Classification c : result.images()) {
      imageWidth = Math.max(imageWidth, width(c.image().label()));
      for (ImageSearch.Label l : c.labels()) {
        labelWidth = Math.max(labelWidth, width(l.label()));
      }
    }
    out.println(pad("image", imageWidth) + "  " + pad("label", labelWidth) + "  " + String.format(Locale.ROOT, "%11s  %8s", "probability", "logit"));
    for (ImageSearch.Classification c : result.images()) {
      String name = c.image().label();
      for (ImageSearch.Label l : shown(c)) {
        out.println(pad(name, imageWidth) + "  " + pad(l.label(), labelWidth) + "  "
            + String.format(Locale.ROOT, "%11.4f  %8.3f", l.probability(), l.logit()));
        name = "";
      }
    }
  }

  private static int width(String s) {
    return s.codePointCount(0, s.length());
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(Math.max(0, width - width(s)));
  }
}
