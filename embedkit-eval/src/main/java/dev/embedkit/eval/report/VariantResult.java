package dev.embedkit.eval.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The scores of one model at one precision and dimension count. Metrics are x100, as MTEB reports them, in the order
 * the task defines.
 *
 * @param model the model name as given
 * @param precision "float32", "int8", "binary", ...
 * @param dimensions dimensions kept
 * @param metrics metric name to score x100
 */
public record VariantResult(String model, String precision, int dimensions, Map<String, Double> metrics) {
  public VariantResult {
    metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
  }
}
