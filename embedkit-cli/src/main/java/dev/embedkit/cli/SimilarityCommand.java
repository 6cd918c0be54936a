package dev.embedkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedOptions;
import dev.embedkit.EmbeddingModel;
import dev.embedkit.Named;
import dev.embedkit.vector.Metric;
import dev.embedkit.vector.Similarity;
import java.io.PrintWriter;
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
    description = "Compare texts: every TEXT against every other, or TEXTs (rows) against --against texts (columns).")
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

  @Parameters(paramLabel = "TEXT", arity = "1..*", description = "Texts to compare (rows).")
  List<String> rows = new ArrayList<>();

  @Option(names = "--against", paramLabel = "TEXT", arity = "1..*", description = "Texts to compare with (columns).")
  List<String> columns;

  enum Format { TABLE, JSON }

  @Override
  public Integer call() throws Exception {
    Metric chosen = metric == null ? null : Metric.fromString(metric);
    try (EmbeddingModel embedder = model.load()) {
      Metric used = chosen != null ? chosen : embedder.info().similarity();
      EmbedOptions options = EmbedOptions.DEFAULTS.withDimensions(dimensions);
      List<float[]> rowVectors = embedder.embed(rows, options).vectors();
      List<String> columnTexts = columns == null ? rows : columns;
      float[][] matrix = columns == null
          ? Similarity.matrix(rowVectors, used)
          : Similarity.matrix(rowVectors, embedder.embed(columns, options).vectors(), used);
      PrintWriter out = spec.commandLine().getOut();
      if (format == Format.JSON) {
        out.println(JSON.writeValueAsString(json(embedder.info().name(), used, columnTexts, matrix)));
      } else {
        printTable(out, embedder.info().name(), used, columnTexts, matrix);
      }
      out.flush();
    }
    return 0;
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

  private void printTable(PrintWriter out, String modelName, Metric used, List<String> columnTexts, float[][] matrix) {
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
    if (columns != null) {
      out.println();
      for (int j = 0; j < columnTexts.size(); j++) {
        out.printf("[%d] %s%n", j + 1, label(columnTexts.get(j)));
      }
    }
  }

  static String label(String text) {
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= LABEL_WIDTH - 1 ? flat : flat.substring(0, LABEL_WIDTH - 2) + "…";
  }
}
