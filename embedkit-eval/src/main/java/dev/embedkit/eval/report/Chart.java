package dev.embedkit.eval.report;

import dev.embedkit.EmbedkitException;
import dev.embedkit.io.IoErrors;
import dev.embedkit.io.OutputFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * A line chart of the report's main metric against dimensions (log2 axis), one line per model and precision: colour
 * per model, line style and label per precision. Written as SVG or PNG by the file's extension.
 */
public final class Chart {
  static final int WIDTH = 860;
  static final int HEIGHT = 520;
  static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf"};
  private static final int LEFT = 70;
  private static final int RIGHT = 250;
  private static final int TOP = 50;
  private static final int BOTTOM = 60;

  private Chart() {}

  public static void write(EvalReport report, Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    Canvas canvas;
    if (name.endsWith(".svg")) {
      canvas = new SvgCanvas(WIDTH, HEIGHT);
    } else if (name.endsWith(".png")) {
      canvas = new PngCanvas(WIDTH, HEIGHT);
    } else {
      throw EmbedkitException.invalidInput("chart file must end in .svg or .png; got " + file);
    }
    draw(report, canvas);
    try (OutputFile out = OutputFile.open(file)) {
      canvas.write(out.stream());
      out.commit();
    } catch (IOException e) {
      throw IoErrors.of("write chart", file, e);
    }
  }

  static void draw(EvalReport report, Canvas c) {
    String metric = report.mainMetric();
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    List<String> models = new ArrayList<>();
    TreeSet<Integer> dims = new TreeSet<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (VariantResult r : report.results()) {
      Double v = r.metrics().get(metric);
      if (v == null || v.isNaN()) {
        continue;
      }
      if (!models.contains(r.model())) {
        models.add(r.model());
      }
      series.computeIfAbsent(r.model() + "\u0000" + r.precision(), k -> new ArrayList<>()).add(new double[] {r.dimensions(), v});
      dims.add(r.dimensions());
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    if (series.isEmpty()) {
      throw EmbedkitException.invalidInput("no '" + metric + "' scores to chart");
    }
    double pad = Math.max(1.0, (max - min) * 0.1);
    double yLow = Math.floor(min - pad);
    double yHigh = Math.ceil(max + pad);
    double xLow = log2(dims.first());
    double xHigh = log2(dims.last());
    int plotW = WIDTH - LEFT - RIGHT;
    int plotH = HEIGHT - TOP - BOTTOM;
    java.util.function.DoubleUnaryOperator x = d -> xHigh == xLow ? LEFT + plotW / 2.0
        : LEFT + (log2(d) - xLow) / (xHigh - xLow) * plotW;
    java.util.function.DoubleUnaryOperator y = v -> TOP + (yHigh - v) / (yHigh - yLow) * plotH;

    c.text(LEFT, 28, report.task() + ": " + metric + " (x100) by dimensions and precision", 16, "start", "#000000");
    c.line(LEFT, TOP + plotH, LEFT + plotW, TOP + plotH, "#000000", 1, null);
    c.line(LEFT, TOP, LEFT, TOP + plotH, "#000000", 1, null);
    for (int i = 0; i <= 5; i++) {
      double v = yLow + (yHigh - yLow) * i / 5;
      double py = y.applyAsDouble(v);
      c.line(LEFT, py, LEFT + plotW, py, "#dddddd", 1, null);
      c.text(LEFT - 8, py + 4, String.format(Locale.ROOT, "%.1f", v), 11, "end", "#333333");
    }
    for (int d : dims) {
      double px = x.applyAsDouble(d);
      c.line(px, TOP + plotH, px, TOP + plotH + 5, "#000000", 1, null);
      c.text(px, TOP + plotH + 20, Integer.toString(d), 11, "middle", "#333333");
    }
    c.text(LEFT + plotW / 2.0, HEIGHT - 15, "dimensions", 12, "middle", "#000000");
    int legendY = TOP + 10;
    for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
      String[] parts = entry.getKey().split("\u0000");
      String color = COLORS[models.indexOf(parts[0]) % COLORS.length];
      String dashed = dash(parts[1]);
      List<double[]> points = entry.getValue();
      points.sort((a, b) -> Double.compare(a[0], b[0]));
      for (int i = 0; i < points.size(); i++) {
        double px = x.applyAsDouble(points.get(i)[0]);
        double py = y.applyAsDouble(points.get(i)[1]);
        c.dot(px, py, 3.5, color);
        if (i > 0) {
          c.line(x.applyAsDouble(points.get(i - 1)[0]), y.applyAsDouble(points.get(i - 1)[1]), px, py, color, 2, dashed);
        }
      }
      c.line(WIDTH - RIGHT + 20, legendY - 4, WIDTH - RIGHT + 45, legendY - 4, color, 2, dashed);
      c.text(WIDTH - RIGHT + 52, legendY, parts[0] + " " + parts[1], 11, "start", "#000000");
      legendY += 18;
    }
  }

  /** Line style per precision: solid float32, dashed int8/uint8, dotted binary/ubinary. */
  static String dash(String precision) {
    return switch (precision) {
      case "float32" -> null;
      case "int8" -> "8,4";
      case "uint8" -> "8,4,2,4";
      case "binary" -> "2,3";
      default -> "2,3,6,3";
    };
  }

  private static double log2(double v) {
    return Math.log(v) / Math.log(2);
  }
}
