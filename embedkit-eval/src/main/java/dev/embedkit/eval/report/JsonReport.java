package dev.embedkit.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;
import java.time.Instant;

/**
 * Renders a report as {@code {"task": ..., "results": [{"model": ..., "precision": ..., "dimensions": ...,
 * "metrics": {"spearman": ..., ...}}]}} with metrics x100 (NaN as null).
 */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonReport() {}

  public static String render(EvalReport report) {
    return write(tree(report));
  }

  /**
   * The report as kept in {@code $EMBEDKIT_HOME/eval-reports}: {@link #render}'s fields plus {@code "main_metric"},
   * {@code "notes"} (the dataset facts printed under the table) and {@code "created"} (ISO-8601), which the server's
   * web page shows beside its models.
   */
  public static String renderSaved(EvalReport report, Instant created) {
    ObjectNode root = tree(report);
    root.put("main_metric", report.mainMetric());
    ArrayNode notes = root.putArray("notes");
    report.notes().forEach(notes::add);
    root.put("created", created.toString());
    return write(root);
  }

  private static ObjectNode tree(EvalReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("task", report.task());
    ArrayNode results = root.putArray("results");
    for (VariantResult r : report.results()) {
      ObjectNode item = results.addObject();
      item.put("model", r.model());
      item.put("precision", r.precision());
      item.put("dimensions", r.dimensions());
      ObjectNode metrics = item.putObject("metrics");
      r.metrics().forEach((name, value) -> {
        if (value == null || value.isNaN()) {
          metrics.putNull(name);
        } else {
          metrics.put(name, value);
        }
      });
    }
    return root;
  }

  private static String write(ObjectNode root) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw EmbedkitException.internal("cannot write the JSON report: " + e.getMessage(), e);
    }
  }
}
