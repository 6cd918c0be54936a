package dev.embedkit.eval.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.embedkit.EmbedkitException;

/**
 * Renders a report as {@code {"task": ..., "results": [{"model": ..., "precision": ..., "dimensions": ...,
 * "metrics": {"spearman": ..., ...}}]}} with metrics x100 (NaN as null).
 */
public final class JsonReport {
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonReport() {}

  public static String render(EvalReport report) {
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
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw EmbedkitException.internal("cannot write the JSON report: " + e.getMessage(), e);
    }
  }
}
