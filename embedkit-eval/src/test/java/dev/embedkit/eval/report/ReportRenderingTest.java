package dev.embedkit.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRenderingTest {
  static EvalReport report() {
    Map<String, Double> a = new LinkedHashMap<>();
    a.put("spearman", 82.0312);
    a.put("pearson", 82.7);
    Map<String, Double> b = new LinkedHashMap<>();
    b.put("spearman", 80.5);
    b.put("pearson", Double.NaN);
    return new EvalReport("sts", "spearman", List.of(
        new VariantResult("all-minilm-l6-v2", "float32", 384, a),
        new VariantResult("all-minilm-l6-v2", "binary", 128, b)), List.of("pairs: 2"));
  }

  @Test
  void jsonHasExactlyTheDocumentedShape() throws Exception {
    JsonNode root = new ObjectMapper().readTree(JsonReport.render(report()));
    assertEquals(List.of("task", "results"), fieldNames(root));
    JsonNode first = root.get("results").get(0);
    assertEquals(List.of("model", "precision", "dimensions", "metrics"), fieldNames(first));
    assertEquals(82.0312, first.get("metrics").get("spearman").asDouble(), 1e-9);
    assertEquals(384, first.get("dimensions").asInt());
    assertTrue(root.get("results").get(1).get("metrics").get("pearson").isNull(), "NaN is written as null");
  }

  @Test
  void textTableAlignsColumnsAndRoundsToTwoDecimals() {
    String text = TextTable.render(report());
    assertTrue(text.contains("82.03"), text);
    assertTrue(text.contains("nan"), text);
    List<String> lines = text.lines().toList();
    assertEquals(lines.get(1).length(), lines.get(2).length(), "header and rule have the same width");
    assertTrue(text.contains("pairs: 2\n"), text);
    assertTrue(text.endsWith("nan: undefined, the variant's scores were all equal (nothing to rank or correlate); "
        + "often too few dimensions or bits to tell the inputs apart\n"), "a nan is explained: " + text);
  }

  @Test
  void chartsAreWrittenAsSvgAndPng(@TempDir Path dir) throws Exception {
    Chart.write(report(), dir.resolve("c.svg"));
    String svg = Files.readString(dir.resolve("c.svg"));
    assertTrue(svg.startsWith("<svg"));
    assertTrue(svg.contains("all-minilm-l6-v2 binary") && svg.contains("all-minilm-l6-v2 float32"), "legend per precision");
    Chart.write(report(), dir.resolve("c.png"));
    BufferedImage png = ImageIO.read(dir.resolve("c.png").toFile());
    assertEquals(Chart.WIDTH, png.getWidth());
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new java.util.ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void aSavedReportIsTheJsonPlusItsMetricNotesAndTime(@TempDir Path dir) throws Exception {
    java.time.Instant at = java.time.Instant.parse("2026-12-07T09:30:00.123Z");
    Path file = new SavedReports(dir.resolve("eval-reports"), java.time.Clock.fixed(at, java.time.ZoneOffset.UTC))
        .save(report());
    assertEquals("sts-20261207-093000-123.json", file.getFileName().toString());
    JsonNode root = new ObjectMapper().readTree(Files.readString(file));
    assertEquals(List.of("task", "results", "main_metric", "notes", "created"), fieldNames(root));
    assertEquals("spearman", root.get("main_metric").asText());
    assertEquals("pairs: 2", root.get("notes").get(0).asText());
    assertEquals(at.toString(), root.get("created").asText());
    assertEquals(82.0312, root.get("results").get(0).get("metrics").get("spearman").asDouble(), 1e-9);
    try (var left = Files.list(file.getParent())) {
      assertEquals(1, left.count(), "no temporary file stays beside the report");
    }
  }
}
