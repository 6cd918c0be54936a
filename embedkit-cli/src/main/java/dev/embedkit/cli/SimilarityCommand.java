package dev.embedkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.EmbedkitException;
import dev.embedkit.explore.render.HeatmapFormat;
import dev.embedkit.explore.render.SimilarityMatrix;
import dev.embedkit.io.OutputFile;
import dev.embedkit.Named;
import dev.embedkit.image.cli.ImageInputs;
import dev.embedkit.image.input.ImageInput;
import dev.embedkit.vector.Metric;
import dev.embedkit.vector.Similarity;
import dev.embedkit.input.InputRecord;
import dev.embedkit.input.RecordReader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code embedkit similarity}: the metric between texts, as a matrix. */
@Command(name = "similarity", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Compare texts and images: every input against every other, or rows (TEXT, --image) against columns (--against, --against-image).")
final class SimilarityCommand implements Callable<Integer> {
  static final int LABEL_WIDTH = 32;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin ModelOption model;

  @Option(names = "--metric", paramLabel = "METRIC",
      description = "cosine, dot, euclidean or manhattan (default: the model's own, cosine for the built-in models). Distances are positive.")
  String metric;

  @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table or json. Default: ${DEFAULT-VALUE}.")
  Format format;

  @Option(names = "--dimensions", paramLabel = "N", description = "Compare the first N dimensions (Matryoshka).")
  Integer dimensions;

  @Option(names = "--prompt-name", paramLabel = "NAME",
      description = "A prompt of the model for the rows (and the columns, unless --against-prompt-name or --against-prompt), e.g. query.")
  String promptName;

  @Option(names = "--prompt", paramLabel = "TEXT", description = "Literal text prepended to the rows (and columns, as --prompt-name).")
  String promptText;

  @Option(names = "--against-prompt-name", paramLabel = "NAME", description = "A prompt of the model for the columns, e.g. passage or document.")
  String againstPromptName;

  @Option(names = "--against-prompt", paramLabel = "TEXT", description = "Literal text prepended to the columns.")
  String againstPromptText;

  @Parameters(paramLabel = "TEXT", arity = "0..*", description = "Texts to compare (rows).")
  List<String> rowTexts = new ArrayList<>();

  @Option(names = {"-i", "--input"}, paramLabel = "FILE", description = "Row texts from FILE (- for stdin), laid out as for embed.")
  Path input;

  @Option(names = "--against-input", paramLabel = "FILE", description = "Column texts from FILE (- for stdin).")
  Path againstInput;

  @Mixin InputLayout layout;

  @Option(names = "--image", paramLabel = "PATH|URL|DIR", arity = "1..*",
      description = "Images to compare (rows, after the texts). Default model with images: clip.")
  List<String> rowImages;

  @Option(names = "--against", paramLabel = "TEXT", arity = "1..*", description = "Texts to compare with (columns).")
  List<String> columnTexts;

  @Option(names = {"-r", "--recursive"}, description = "Folders given to --image or --against-image: also their sub-folders' images.")
  boolean recursive;

  @Option(names = "--against-image", paramLabel = "PATH|URL|DIR", arity = "1..*",
      description = "Images to compare with (columns, after the --against texts).")
  List<String> columnImages;

  @Option(names = "--heatmap", paramLabel = "FILE",
      description = "Also draw the matrix as a labelled, colour-scaled heatmap: .png or .svg (inputs against each other,"
          + " at most " + HEATMAP_MAXIMUM + ").")
  Path heatmap;

  /** Row (or column) labels, in matrix order. */
  private List<String> rows = new ArrayList<>();

  enum Format { TABLE, JSON }

  /** Largest matrix computed: 25 million cells (100 MB of floats), e.g. 5,000 x 5,000. */
  static final long MAXIMUM_CELLS = 25_000_000L;
  /** The most inputs a heatmap labels legibly. */
  static final int HEATMAP_MAXIMUM = 100;

  @Override
  public Integer call() throws Exception {
    Metric chosen = metric == null ? null : Metric.fromString(metric);
    if (promptName != null && promptText != null || againstPromptName != null && againstPromptText != null) {
      throw EmbedkitException.invalidInput("give a prompt name or a prompt text, not both");
    }
    if (input != null && input.toString().equals("-") && againstInput != null && againstInput.toString().equals("-")) {
      throw EmbedkitException.invalidInput("stdin can be read once: give --input - or --against-input -, not both");
    }
    boolean against = columnTexts != null || columnImages != null || againstInput != null;
    HeatmapFormat heatmapFormat = null;
    if (heatmap != null) {
      if (against) {
        throw EmbedkitException.invalidInput("--heatmap draws the inputs against each other; leave out --against,"
            + " --against-input and --against-image");
      }
      heatmapFormat = HeatmapFormat.fromPath(heatmap);
      OutputFile.check(heatmap);
    }
    List<String> rowInputs = texts(rowTexts, input, "--input");
    List<String> columnInputs = against ? texts(columnTexts, againstInput, "--against-input") : List.of();
    if (rowInputs.isEmpty() && rowImages == null) {
      throw EmbedkitException.invalidInput("nothing to compare: give TEXT arguments, --input FILE or --image inputs");
    }
    boolean images = rowImages != null || columnImages != null;
    if (recursive && !images) {
      throw EmbedkitException.invalidInput("--recursive applies to folders given to --image or --against-image");
    }
    List<ImageInput> rowImageInputs = rowImages == null ? List.of() : ImageInputs.fromOptions(rowImages, recursive);
    List<ImageInput> columnImageInputs = columnImages == null ? List.of() : ImageInputs.fromOptions(columnImages, recursive);
    long rowCount = rowInputs.size() + rowImageInputs.size();
    long cells = rowCount * (against ? columnInputs.size() + columnImageInputs.size() : rowCount);
    if (cells > MAXIMUM_CELLS) {
      throw EmbedkitException.invalidInput("a similarity matrix of " + cells + " cells is too large (the limit is "
          + MAXIMUM_CELLS + ", e.g. 5,000 x 5,000); compare fewer inputs, or embed them and compare the vectors yourself");
    }
    if (heatmap != null && rowCount > HEATMAP_MAXIMUM) {
      throw EmbedkitException.invalidInput("--heatmap labels at most " + HEATMAP_MAXIMUM + " inputs; got " + rowCount
          + " (the matrix is still printed without --heatmap)");
    }
    try (EmbeddingModel embedder = model.load(spec, images)) {
      Metric used = chosen != null ? chosen : embedder.info().similarity();
      EmbedOptions base = EmbedOptions.DEFAULTS.withDimensions(dimensions);
      EmbedOptions rowOptions = prompted(base, promptName, promptText);
      EmbedOptions columnOptions = againstPromptName != null || againstPromptText != null
          ? prompted(base, againstPromptName, againstPromptText) : against ? base : rowOptions;
      List<float[]> rowVectors = new ArrayList<>();
      rows = embedAll(embedder, rowInputs, rowImageInputs, rowOptions, rowVectors);
      List<float[]> columnVectors = new ArrayList<>();
      List<String> columns = against ? embedAll(embedder, columnInputs, columnImageInputs, columnOptions, columnVectors) : rows;
      float[][] matrix = against ? Similarity.matrix(rowVectors, columnVectors, used) : Similarity.matrix(rowVectors, used);
      if (heatmapFormat != null) {
        try (OutputFile file = OutputFile.open(heatmap)) {
          heatmapFormat.write(new SimilarityMatrix(rows, matrix, Named.of(used)), file.stream());
          file.commit();
        }
      }
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.JSON) {
        out.println(JSON.writeValueAsString(json(embedder.info().name(), used, columns, matrix)));
      } else {
        printTable(out, embedder.info().name(), used, columns, matrix, against);
      }
      out.flush();
    }
    return 0;
  }

  private static EmbedOptions prompted(EmbedOptions base, String name, String text) {
    return name != null ? base.withPromptName(name) : text != null ? base.withPrompt(text) : base;
  }

  /** Texts from arguments or a file / stdin (read whole: a matrix needs them all). */
  private List<String> texts(List<String> arguments, Path file, String option) {
    if (file == null) {
      return arguments == null ? List.of() : arguments;
    }
    TextSource source = TextSource.of(arguments, file, System.in, layout.spec(), option);
    List<String> texts = new ArrayList<>();
    try (RecordReader reader = source.open()) {
      for (InputRecord record; (record = reader.next()) != null; ) {
        texts.add(record.text());
      }
    }
    if (texts.isEmpty()) {
      throw EmbedkitException.invalidInput(source.name() + " holds no texts");
    }
    return texts;
  }

  /** Embeds texts then images into {@code vectors}; returns their labels in the same order. */
  private static List<String> embedAll(EmbeddingModel embedder, List<String> texts, List<ImageInput> images,
      EmbedOptions options, List<float[]> vectors) {
    List<String> labels = new ArrayList<>();
    if (texts != null && !texts.isEmpty()) {
      vectors.addAll(embedder.embed(texts, options).vectors());
      labels.addAll(texts);
    }
    if (!images.isEmpty()) {
      vectors.addAll(ImageInputs.embed(embedder, images, options).vectors());
      labels.addAll(ImageInputs.labels(images));
    }
    return labels;
  }

  private ObjectNode json(String modelName, Metric used, List<String> columnTexts, float[][] matrix) {
    ObjectNode root = JSON.createObjectNode();
    root.put("model", modelName);
    root.put("metric", Named.of(used));
    ArrayNode rowsNode = root.putArray("rows");
    rows.forEach(rowsNode::add);
    ArrayNode columnsNode = root.putArray("columns");
    columnTexts.forEach(columnsNode::add);
    ArrayNode matrixNode = root.putArray("matrix");
    for (float[] row : matrix) {
      ArrayNode r = matrixNode.addArray();
      for (float v : row) {
        r.add(v);
      }
    }
    return root;
  }

  private void printTable(PrintWriter out, String modelName, Metric used, List<String> columnTexts, float[][] matrix,
      boolean against) {
    out.printf("%s %s (%s)%n", Named.of(used), used.isSimilarity() ? "similarity" : "distance", modelName);
    StringBuilder header = new StringBuilder(" ".repeat(LABEL_WIDTH + 5));
    for (int j = 0; j < columnTexts.size(); j++) {
      header.append(String.format(Locale.ROOT, "%9s", "[" + (j + 1) + "]"));
    }
    out.println(header);
    for (int i = 0; i < matrix.length; i++) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-5s%-" + LABEL_WIDTH + "s", "[" + (i + 1) + "]", label(rows.get(i))));
      for (float v : matrix[i]) {
        line.append(String.format(Locale.ROOT, "%9.4f", v));
      }
      out.println(line);
    }
    if (against) {
      out.println();
      for (int j = 0; j < columnTexts.size(); j++) {
        out.printf("[%d] %s%n", j + 1, label(columnTexts.get(j)));
      }
    }
  }

  /** A short one-line label: the start of a text, the end of a path or URL (where the file name is). */
  static String label(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    if (flat.length() <= LABEL_WIDTH - 1) {
      return flat;
    }
    boolean pathLike = !flat.contains(" ") && (flat.contains("/") || flat.contains("\\"));
    return pathLike ? "…" + flat.substring(flat.length() - (LABEL_WIDTH - 2)) : flat.substring(0, LABEL_WIDTH - 2) + "…";
  }
}
